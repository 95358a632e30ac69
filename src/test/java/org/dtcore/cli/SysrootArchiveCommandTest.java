package org.dtcore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dtcore.testing.KernelTruthSysroot;
import org.dtcore.testing.TarWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command that takes {@code --sysroot DIR} takes a .tar.gz or .tar of it the same way (header,
 * capture-dtb, context), and a hostile archive is refused in one line naming the archive and the entry.
 */
class SysrootArchiveCommandTest {
    private static final String SECRET = "root:x:0:0:root:/root:/bin/bash";

    @TempDir
    Path tmp;

    private static CliRun run(Path root, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--sysroot", root.toString()));
        return CliRun.of(all.toArray(String[]::new));
    }

    /** What a command printed about one root, said about the other: the files' names differ, nothing else. */
    private static String named(String text, Path from, String to) {
        return text.replace(from + "/", to);
    }

    @Test
    void headerCaptureDtbAndContextReadAnArchiveAsTheFolder() throws IOException {
        KernelTruthSysroot s = KernelTruthSysroot.build(KernelTruthSysroot.ARM64, tmp);
        Path archive = TarWriter.tar(s.root(), tmp.resolve("arm64.tar.gz"), true, "gnu");
        Path fromFolder = tmp.resolve("folder.bin");
        Path fromArchive = tmp.resolve("archive.bin");
        String[] header = {"header", "--arch", "arm64", "--system-map", s.systemMap().toString(), "-o"};

        CliRun folder = run(s.root(), concat(header, fromFolder.toString()));
        CliRun packed = run(archive, concat(header, fromArchive.toString()));

        assertThat(packed.status()).as(packed.err()).isZero();
        assertThat(Files.readAllBytes(fromArchive)).isEqualTo(Files.readAllBytes(fromFolder))
                .isEqualTo(s.expectedSegment());
        assertThat(packed.err()).isEqualTo(named(folder.err(), s.root(), archive + ":"));

        String[] capture = {"capture-dtb", "--arch", "arm64", "--elfcorehdr", "0xbd9f0000", "--system-map",
            s.systemMap().toString(), "-o"};
        CliRun captureFolder = run(s.root(), concat(capture, tmp.resolve("c1.dtb").toString()));
        CliRun capturePacked = run(archive, concat(capture, tmp.resolve("c2.dtb").toString()));
        assertThat(capturePacked.status()).as(capturePacked.err()).isZero();
        assertThat(Files.readAllBytes(tmp.resolve("c2.dtb"))).isEqualTo(Files.readAllBytes(tmp.resolve("c1.dtb")));

        CliRun contextFolder = run(s.root(), "context", "--arch", "arm64", "--system-map", s.systemMap().toString());
        CliRun contextPacked = run(archive, "context", "--arch", "arm64", "--system-map", s.systemMap().toString());
        assertThat(contextPacked.status()).as(contextPacked.err()).isZero();
        assertThat(contextPacked.out()).isEqualTo(named(contextFolder.out(), s.root(), archive + ":"));
    }

    @Test
    void aHostileArchiveIsOneLineNamingTheArchiveAndTheEntry() {
        Path archive = tmp.resolve("evil.tar.gz");
        try (TarWriter w = TarWriter.gzip(archive)) {
            w.file("sys/kernel/vmcoreinfo", "40a34000 1024\n").symlink("proc/iomem", "/etc/passwd");
        }
        for (String command : List.of("header", "capture-dtb", "context")) {
            List<String> args = new ArrayList<>(List.of(command, "--arch", "arm64", "--sysroot", archive.toString()));
            if (!command.equals("context")) {
                args.addAll(List.of("-o", tmp.resolve(command + ".out").toString()));
            }
            if (command.equals("capture-dtb")) {
                args.addAll(List.of("--elfcorehdr", "0xbd9f0000"));
            }
            CliRun r = CliRun.of(args.toArray(String[]::new));

            assertThat(r.status()).as(command).isEqualTo(2);
            assertThat(r.err()).as(command).isEqualTo("dtcore: " + archive + ":proc/iomem: a link to an absolute path"
                    + " leads out of the archive's root; refused, not followed\n");
            assertThat(r.out() + r.err()).doesNotContain(SECRET);
        }
    }

    @Test
    void aMissingRootOrOneThatIsNoArchiveIsOneLine() throws IOException {
        Path text = Files.writeString(tmp.resolve("root.txt"), SECRET + "\n");

        CliRun none = CliRun.of("context", "--arch", "arm64", "--sysroot", tmp.resolve("none").toString());
        CliRun notArchive = CliRun.of("context", "--arch", "arm64", "--sysroot", text.toString());

        assertThat(none.err()).isEqualTo("dtcore: " + tmp.resolve("none") + ": system root: no such folder or"
                + " archive\n");
        assertThat(notArchive.err()).isEqualTo("dtcore: " + text + ": system root is neither a folder nor a tar or"
                + " tar.gz archive\n");
        assertThat(notArchive.out() + notArchive.err()).doesNotContain(SECRET);
    }

    private static String[] concat(String[] head, String last) {
        String[] out = java.util.Arrays.copyOf(head, head.length + 1);
        out[head.length] = last;
        return out;
    }
}
