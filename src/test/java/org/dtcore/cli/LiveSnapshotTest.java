package org.dtcore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.dtcore.memory.Arch;
import org.dtcore.memory.MemoryRange;
import org.dtcore.testing.ExternalTool;
import org.dtcore.testing.JsonSchemas;
import org.dtcore.text.JsonText;
import org.dtcore.text.JsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dtcore snapshot} of the machine the tests run on, then {@code header --sysroot} on it, as a user
 * would run them: what must happen is derived here from the machine's own /proc and /sys (whether the
 * kernel shows addresses, whether it has kexec crash support), and every outcome is asserted; nothing is
 * skipped. On the CI machine (x86_64, root, a kernel built without crash dump support: /sys/kernel/vmcoreinfo
 * but no cpuN/crash_notes and no kexec_crash_size) that is: the snapshot refuses with the reason, --partial
 * takes it and lists the missing crash notes, {@code chunks --sysroot} gives /proc/iomem's System RAM and
 * {@code header --sysroot} fails naming the missing crash notes.
 */
class LiveSnapshotTest {
    private static final Path CPUS = Path.of("/sys/devices/system/cpu");

    @TempDir
    Path tmp;

    /** The cpuN folders sysfs shows. */
    private static List<Path> cpuFolders() throws IOException {
        try (Stream<Path> s = Files.list(CPUS)) {
            return s.filter(p -> p.getFileName().toString().matches("cpu(0|[1-9][0-9]*)")).sorted().toList();
        }
    }

    /** kernel/ksysfs.c (kexec_crash_size), 7.3's kernel/kexec_core.c (kexec/crash_size), drivers/base/cpu.c. */
    private static boolean crashSupport() throws IOException {
        if (Files.exists(Path.of("/sys/kernel/kexec_crash_size"))
                || Files.exists(Path.of("/sys/kernel/kexec/crash_size"))) {
            return true;
        }
        return cpuFolders().stream().anyMatch(c -> Files.exists(c.resolve("crash_notes")));
    }

    /** /proc/iomem's top-level "System RAM" lines, joined where they touch (a memory map's view of them). */
    private static List<MemoryRange> systemRam() throws IOException {
        List<MemoryRange> out = new ArrayList<>();
        for (String l : Files.readAllLines(Path.of("/proc/iomem"))) {
            if (!l.startsWith(" ") && l.endsWith(" : System RAM")) {
                String[] f = l.split(" ")[0].split("-");
                MemoryRange r = new MemoryRange(Long.parseUnsignedLong(f[0], 16), Long.parseUnsignedLong(f[1], 16));
                MemoryRange last = out.isEmpty() ? null : out.get(out.size() - 1);
                if (last != null && last.end() + 1 == r.start()) {
                    out.set(out.size() - 1, new MemoryRange(last.start(), r.end()));
                } else {
                    out.add(r);
                }
            }
        }
        return out;
    }

    /** True when this reader sees /proc/iomem's addresses (kernel/resource.c r_show(): CAP_SYS_ADMIN). */
    private static boolean iomemShown() throws IOException {
        return Files.readAllLines(Path.of("/proc/iomem")).stream().anyMatch(l -> !l.trim().split(" ")[0]
                .replace("-", "").replace("0", "").isEmpty());
    }

    /** True when this reader sees kallsyms' addresses (kernel/ksyms_common.c kallsyms_show_value()). */
    private static boolean kallsymsShown() throws IOException {
        try (Stream<String> lines = Files.lines(Path.of("/proc/kallsyms"))) {
            return lines.limit(2000).anyMatch(l -> !l.split(" ")[0].replace("0", "").isEmpty());
        }
    }

    private static String arch() {
        return Arch.parse(ExternalTool.output("uname", "-m").strip()).cliName();
    }

    @Test
    void aSnapshotOfThisMachineThenHeaderAsAUserWouldRunThem() throws IOException {
        Path snapshot = tmp.resolve("live.tar.gz");
        CliRun taken = CliRun.of("snapshot", "-o", snapshot.toString());
        if (!iomemShown()) {
            assertThat(taken.status()).isEqualTo(2);
            assertThat(taken.err()).contains("/proc/iomem").contains("CAP_SYS_ADMIN");
            assertThat(snapshot).doesNotExist();
            return;
        }
        if (!kallsymsShown()) {
            assertThat(taken.status()).isEqualTo(2);
            assertThat(taken.err()).contains("/proc/kallsyms").contains("kptr_restrict");
            return;
        }
        String arch = arch();
        Path header = tmp.resolve("elfcorehdr");
        if (crashSupport()) {
            assertThat(taken.status()).as(taken.err()).isZero();
            CliRun h = CliRun.of("header", "--sysroot", snapshot.toString(), "--arch", arch, "-o", header.toString());
            assertThat(h.status()).as(h.err()).isZero();
            assertThat(header).isNotEmptyFile();
            return;
        }
        // no kexec crash support: refused, with the reason and the way to go on
        assertThat(taken.status()).isEqualTo(2);
        assertThat(taken.err()).contains("crash_notes").contains("kexec_crash_size").contains("--partial");
        assertThat(taken.err().lines().count()).isEqualTo(1);
        assertThat(snapshot).doesNotExist();

        CliRun partial = CliRun.of("snapshot", "--partial", "-o", snapshot.toString());
        assertThat(partial.status()).as(partial.err()).isZero();
        assertThat(partial.err()).contains("crash_notes (no-crash-support)");
        // the manifest lists each CPU's missing crash notes
        Path unpacked = Files.createDirectory(tmp.resolve("unpacked"));
        ExternalTool.output("tar", "-C", unpacked.toString(), "-xzf", snapshot.toString());
        String manifest = Files.readString(unpacked.resolve("dtcore-snapshot.json"));
        JsonSchemas.assertValid(JsonSchemas.SNAPSHOT_MANIFEST, manifest);
        List<String> missing = new ArrayList<>();
        for (JsonValue m : JsonText.parse(manifest).get("missing").orElseThrow().elements()) {
            if (m.get("reason").orElseThrow().text().equals("no-crash-support")) {
                missing.add(m.get("path").orElseThrow().text());
            }
        }
        for (Path cpu : cpuFolders()) {
            assertThat(missing).contains("sys/devices/system/cpu/" + cpu.getFileName() + "/crash_notes");
        }
        assertThat(unpacked.resolve("proc/iomem")).hasSameTextualContentAs(Path.of("/proc/iomem"));

        CliRun chunks = CliRun.of("chunks", "--sysroot", snapshot.toString(), "--arch", arch, "--format", "json");
        assertThat(chunks.status()).as(chunks.err()).isZero();
        List<MemoryRange> memory = new ArrayList<>();
        for (JsonValue r : JsonText.parse(chunks.out()).get("memory").orElseThrow().elements()) {
            memory.add(new MemoryRange(Long.decode(r.get("start").orElseThrow().text()),
                    Long.decode(r.get("end").orElseThrow().text())));
        }
        assertThat(memory).isEqualTo(systemRam());

        CliRun h = CliRun.of("header", "--sysroot", snapshot.toString(), "--arch", arch, "-o", header.toString());
        assertThat(h.status()).isEqualTo(2);
        assertThat(h.err()).contains("crash_notes");
        assertThat(header).doesNotExist();
    }
}
