package org.dtcore.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The launchers' class-archive training (docs/performance.md): runs several command lines in one JVM (the
 * launcher discards their output), so one AppCDS archive (JDK 17+) or AOT cache (JDK 24+) holds the classes of
 * every command path. Not a command users run; the exit status is always 0.
 *
 * <p>Two forms: {@code TrainingRun LINE :: LINE ...} runs the given command lines (./dtcore);
 * {@code TrainingRun --samples DIR --work DIR [--group COMMAND]} runs {@link #standard} over the sample blobs in
 * DIR (the installed command's share/dtcore/samples), writing a small system root and its outputs under the work
 * folder; with {@code --group}, only the lines of that command ({@code top}: those before any command, such
 * as --version), so that each command gets an archive of its own classes ({@link #group}). Exit status 3: the
 * group names no command.
 */
final class TrainingRun {
    private TrainingRun() {
    }

    public static void main(String[] args) throws IOException {
        // the class users start from is loaded (and so archived) too
        String entry = Main.class.getName();
        assert entry != null;
        if ((args.length == 4 || args.length == 6) && args[0].equals("--samples") && args[2].equals("--work")) {
            Path work = Path.of(args[3]);
            List<String> lines = standard(Path.of(args[1]), work);
            if (args.length == 6) {
                if (!args[4].equals("--group")) {
                    System.exit(3);
                }
                lines = group(lines, args[5]);
                if (lines.isEmpty()) {
                    System.exit(3);
                }
            }
            systemRoot(work.resolve("sysroot"), Path.of(args[1]).resolve("qemu-arm64-virt-2g.dtb"));
            run(lines);
            return;
        }
        run(List.of(args));
    }

    /**
     * Every command path a one-shot run takes: the table, JSON, JSON Lines and summary batches, check (one
     * board and a batch), header, context and capture-dtb from a system root, inspect (table, JSON), expect,
     * map, diff, overlay (when the samples hold boot-loader/), --version, a help page.
     */
    static List<String> standard(Path samples, Path work) {
        String s = samples.toString();
        String t = work.toString();
        String[] lines = {
            "chunks", s + "/qemu-arm64-virt-2g.dtb",
            "::", "chunks", "--format", "json", s + "/qemu-arm64-virt-numa.dtb",
            "::", "chunks", "--jsonl", s, "::", "chunks", "--summary", s, "::", "check", "--summary", s,
            s + "/expected-layout",
            "::", "header", "--sysroot", t + "/sysroot", "--arch", "arm64", "-o", t + "/h", "::", "inspect", t + "/h",
            "::", "inspect", "--format", "json", t + "/h",
            "::", "context", "--sysroot", t + "/sysroot", "--arch", "arm64",
            "::", "audit", t + "/h", "--sysroot", t + "/sysroot", "--arch", "arm64",
            "::", "snapshot", "--from", t + "/sysroot", "--partial", "--arch", "arm64", "-o", t + "/snapshot.tar.gz",
            "::", "capture-memmap", t + "/sysroot/proc/iomem", "--arch", "x86_64", "--crashkernel", "256M@0x60000000",
            "::", "capture-dtb", "--sysroot", t + "/sysroot", "--arch", "arm64", "--elfcorehdr", "0x6f000000",
            "-o", t + "/c.dtb",
            "::", "expect", s + "/qemu-arm64-virt-numa.dtb", "--arch", "arm64", "-o", t + "/e.json",
            "::", "check", s + "/qemu-arm64-virt-numa.dtb", t + "/e.json", "::", "map", s + "/reserved-memory.dtb",
            "-o", t + "/m.svg", "::", "diff", s + "/qemu-arm64-virt-2g.dtb", s + "/qemu-arm64-virt-numa.dtb",
            "::", "overlay", s + "/boot-loader/bcm2711-rpi-4-b.dtb", s + "/boot-loader/rpi4-ramoops.dtbo", "-o",
            t + "/o.dtb", "::", "man", "::", "completion", "bash", "::", "--version", "::", "--help",
            "::", "chunks", "--help"};
        return List.of(lines);
    }

    /**
     * The lines of {@code lines} that run {@code command} ({@code top}: the lines without a command); a
     * registered command without lines of its own trains on its --help, and a word that is no command gets
     * none. A smaller archive is a faster start: the JVM maps and relocates all of it on every run (JDK 17
     * chunks: 70 against 78 ms wall with the every-path archive, docs/performance.md).
     */
    static List<String> group(List<String> lines, String command) {
        List<String> out = new ArrayList<>();
        List<String> one = new ArrayList<>();
        for (int i = 0; i <= lines.size(); i++) {
            if (i == lines.size() || "::".equals(lines.get(i))) {
                String first = one.isEmpty() ? "" : one.get(0);
                if (command.equals("top") ? first.startsWith("-") : first.equals(command)) {
                    if (!out.isEmpty()) {
                        out.add("::");
                    }
                    out.addAll(one);
                }
                one.clear();
            } else {
                one.add(lines.get(i));
            }
        }
        if (out.isEmpty() && DtcoreCommand.named(command) != null) {
            out.add(command);
            out.add("--help");
        }
        return out;
    }

    /**
     * A system root as a kdump-ready arm64 board shows it (2 GiB at 0x40000000, crash kernel at 0x60000000,
     * two CPUs' crash notes, vmcoreinfo), so that training takes the header path with every file it reads.
     */
    private static void systemRoot(Path root, Path blob) throws IOException {
        Files.createDirectories(root.resolve("sys/firmware"));
        Files.createDirectories(root.resolve("proc"));
        Files.createDirectories(root.resolve("sys/kernel"));
        Files.copy(blob, root.resolve("sys/firmware/fdt"));
        Files.writeString(root.resolve("proc/iomem"), "40000000-bfffffff : System RAM\n"
                + "  40210000-40ffffff : Kernel code\n  60000000-6fffffff : Crash kernel\n", StandardCharsets.US_ASCII);
        Files.writeString(root.resolve("sys/kernel/vmcoreinfo"), "40a34000 1024\n", StandardCharsets.US_ASCII);
        for (int c = 0; c < 2; c++) {
            Path cpu = Files.createDirectories(root.resolve("sys/devices/system/cpu/cpu" + c));
            Files.writeString(cpu.resolve("crash_notes"), "bfb" + c + "d000\n", StandardCharsets.US_ASCII);
            Files.writeString(cpu.resolve("crash_notes_size"), "424\n", StandardCharsets.US_ASCII);
        }
    }

    /** Runs each {@code ::}-separated command line through the path Main takes, on this process's streams. */
    private static void run(List<String> args) {
        List<String> one = new ArrayList<>();
        for (int i = 0; i <= args.size(); i++) {
            if (i == args.size() || "::".equals(args.get(i))) {
                if (!one.isEmpty()) {
                    DtcoreCommand.run(one.toArray(new String[0]));
                    one.clear();
                }
            } else {
                one.add(args.get(i));
            }
        }
    }
}
