package org.dtcore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.dtcore.testing.KexecToolsSysroot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kexec-tools mode on a system root that lacks what kexec-tools needs: one line, what is missing, exit 2. */
class KexecToolsBadInputTest {

    private static CliRun header(KexecToolsSysroot sys, Path out, String... more) {
        String[] base = {"header", "--mode", "kexec-tools", "--sysroot", sys.root().toString(), "--arch",
            sys.arch().cliName(), "-o", out.toString()};
        String[] args = new String[base.length + more.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        return CliRun.of(args);
    }

    @Test
    void noCrashKernelLine(@TempDir Path tmp) throws IOException {
        KexecToolsSysroot sys = KexecToolsSysroot.build("arm64-virt-2g-kexec-tools", tmp);
        Path iomem = sys.root().resolve("proc/iomem");
        Files.writeString(iomem, Files.readString(iomem).replace("Crash kernel", "reserved"));
        CliRun r = header(sys, tmp.resolve("h"));

        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err().lines()).singleElement().asString().contains("/proc/iomem").contains("\"Crash kernel\"");
        assertThat(tmp.resolve("h")).doesNotExist();
    }

    @Test
    void powerpcWithoutTheLiveTreeFolder(@TempDir Path tmp) throws IOException {
        KexecToolsSysroot sys = KexecToolsSysroot.build("ppc64le-pseries-4g-kexec-tools", tmp);
        try (var s = Files.walk(sys.root().resolve("proc/device-tree"))) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        CliRun r = header(sys, tmp.resolve("h"));

        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err().lines()).singleElement().asString().contains("proc/device-tree");
    }

    @Test
    void x86WithoutEndForTheKernelMapping(@TempDir Path tmp) {
        KexecToolsSysroot sys = KexecToolsSysroot.build("x86_64-pc-2g-kexec-tools", tmp);
        CliRun r = header(sys, tmp.resolve("h"), "--backup-region-offset", "0x7ef61000");

        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err().lines()).singleElement().asString().contains("_end").contains("--system-map");
    }
}
