package org.dtcore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A system root stays a root. A link in DIR that leads out of DIR is not followed, and
 * no file's contents reach an error line: the secret below must never be printed.
 */
class SystemRootConfinementTest {
    private static final String SECRET = "root:x:0:0:root:/root:/bin/bash";

    @TempDir
    Path tmp;

    private Path root;

    private Path secret() throws IOException {
        return Files.writeString(tmp.resolve("passwd"), SECRET + "\n");
    }

    private Path root() throws IOException {
        root = Files.createDirectories(tmp.resolve("root"));
        Path cpu = Files.createDirectories(root.resolve("sys/devices/system/cpu/cpu0"));
        Files.writeString(cpu.resolve("crash_notes"), "13fb00000\n");
        Files.createDirectories(root.resolve("proc"));
        Files.createDirectories(root.resolve("sys/kernel"));
        Files.writeString(root.resolve("sys/kernel/vmcoreinfo"), "40a34000 1024\n");
        return root;
    }

    private String fails(String... extra) {
        String[] args = new String[extra.length + 6];
        System.arraycopy(new String[] {"context", "fdt-samples/qemu-arm64-virt-2g.dtb", "--arch", "arm64",
            "--sysroot", root.toString()}, 0, args, 0, 6);
        System.arraycopy(extra, 0, args, 6, extra.length);
        CliRun r = CliRun.of(args);
        assertThat(r.status()).as(r.err()).isEqualTo(2);
        assertThat(r.err().lines()).as(r.err()).hasSize(1);
        assertThat(r.out() + r.err()).doesNotContain("root:x").doesNotContain("/bin/bash");
        return r.err().strip();
    }

    @Test
    void aLinkedIomemOutsideTheRootIsNotFollowed() throws IOException {
        root();
        Files.createSymbolicLink(root.resolve("proc/iomem"), secret());
        assertThat(fails()).isEqualTo("dtcore: " + root.resolve("proc/iomem") + ": a link leads out of " + root
                + "; not followed");
    }

    @Test
    void aLinkedFolderOutsideTheRootIsNotFollowed() throws IOException {
        root();
        Path outside = Files.createDirectories(tmp.resolve("elsewhere"));
        Files.copy(secret(), outside.resolve("vmcoreinfo"));
        Files.delete(root.resolve("sys/kernel/vmcoreinfo"));
        Files.delete(root.resolve("sys/kernel"));
        Files.createSymbolicLink(root.resolve("sys/kernel"), outside);
        assertThat(fails()).contains("a link leads out of");
    }

    @Test
    void aLinkedCrashNoteOutsideTheRootIsNotFollowed() throws IOException {
        root();
        Path notes = root.resolve("sys/devices/system/cpu/cpu0/crash_notes");
        Files.delete(notes);
        Files.createSymbolicLink(notes, secret());
        assertThat(fails()).contains(notes + ": a link leads out of");
    }

    @Test
    void aLinkedDeviceTreeOutsideTheRootIsNotFollowed() throws IOException {
        root();
        Files.createDirectories(root.resolve("sys/firmware"));
        Files.createSymbolicLink(root.resolve("sys/firmware/fdt"), Path.of("fdt-samples/qemu-arm64-virt-2g.dtb")
                .toAbsolutePath());
        CliRun r = CliRun.of("context", "--arch", "arm64", "--sysroot", root.toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("a link leads out of");
    }

    @Test
    void aLinkInsideTheRootIsFollowed() throws IOException {
        root();
        Files.writeString(root.resolve("proc/iomem.real"), "40000000-bfffffff : System RAM\n");
        Files.createSymbolicLink(root.resolve("proc/iomem"), Path.of("iomem.real"));
        CliRun r = CliRun.of("context", "fdt-samples/qemu-arm64-virt-2g.dtb", "--arch", "arm64",
                "--sysroot", root.toString(), "--no-kernel-text");
        assertThat(r.status()).as(r.err()).isZero();
    }

    @Test
    void aFileInTheRootIsNeverQuotedInAnError() throws IOException {
        root();
        // not links: copies of the secret where numbers or iomem lines belong
        Files.copy(secret(), root.resolve("sys/devices/system/cpu/cpu0/crash_notes"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThat(fails()).contains("crash_notes: a value of 31 characters (character 1 is not a digit)");
        root = null;
        root();
        Files.copy(secret(), root.resolve("proc/iomem"));
        assertThat(fails()).contains("proc/iomem: line 1: not a /proc/iomem line");
        root = null;
    }
}
