package org.dtcore.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.dtcore.TerminalText;
import org.dtcore.input.SystemRoot;
import org.dtcore.kdump.KdumpException;
import org.dtcore.kdump.SnapshotManifest;
import org.dtcore.kdump.SnapshotPipeline;
import org.dtcore.kdump.SnapshotRequest;
import org.dtcore.kdump.SnapshotResult;
import org.dtcore.text.ByteSize;

/**
 * {@code dtcore snapshot -o OUT [--from DIR] [--partial]}: copies of a running system the files dtcore reads
 * into a system root, a folder or a .tar.gz ({@link SnapshotPipeline}; docs/snapshot-audit.md).
 */
final class SnapshotCommand implements Subcommand {
    @Override
    public String name() {
        return "snapshot";
    }

    @Override
    public String synopsis() {
        return "";
    }

    @Override
    public String purpose() {
        return "Copy what dtcore reads of a running system (/proc, /sys) into a system root, a folder or a"
                + " .tar.gz, for --sysroot anywhere.";
    }

    @Override
    public String[][] operands() {
        return new String[0][];
    }

    @Override
    public void declare(OptionTable t) {
        t.value("o", "output", "OUT", "where to write (required): a name ending .tar.gz or .tgz (an archive), .tar,"
                + " - (a .tar.gz on standard output), else a folder: new, empty or an earlier snapshot").required().files();
        t.value("from", "DIR", "the root to copy: a mounted system's / (default: /, the running system)").folders();
        t.flag("partial", "copy what there is when the kernel has no kexec crash support or a file cannot be"
                + " read, recording each file left out in dtcore-snapshot.json, instead of refusing");
        t.value("arch", "ARCH", "the architecture, which decides whether /proc/device-tree is copied (default:"
                + " the root's proc/sys/kernel/arch)").words(MemoryRuleOptions.archNames());
    }

    @Override
    public int run(Arguments a, CommandIo io) {
        a.paths(0, 0, "no operand");
        Path output = Path.of(a.required("output", "OUT (a folder, a .tar.gz or -)"));
        Path from = a.path("from");
        boolean partial = a.flag("partial");
        SystemRoot root = Inputs.gather(() -> from == null ? SystemRoot.live() : SystemRoot.of(from));
        SnapshotRequest request = new SnapshotRequest(root, Optional.ofNullable(a.arch()), partial);
        SnapshotResult result;
        try {
            result = Inputs.gather(() -> SnapshotPipeline.take(request));
        } catch (CommandFailure e) {
            if (e.getCause() instanceof KdumpException k && k.kind() == KdumpException.Kind.NO_CRASH_SUPPORT) {
                throw e.reworded(e.getMessage() + " (give --partial to snapshot what there is)");
            }
            throw e;
        }
        String name = output.getFileName() == null ? "" : output.getFileName().toString();
        if (Inputs.isStdin(output) || name.endsWith(".tar.gz") || name.endsWith(".tgz")) {
            OutputFile.write(output, Inputs.gather(result::archive), List.of(), io);
        } else if (name.endsWith(".tar")) {
            OutputFile.write(output, Inputs.gather(result::tar), List.of(), io);
        } else {
            Inputs.gather(() -> {
                result.writeFolder(output);
                return null;
            });
        }
        PrintWriter err = io.err();
        int absent = 0;
        for (SnapshotManifest.Missing m : result.manifest().missing()) {
            if (m.reason() == SnapshotManifest.Reason.ABSENT) {
                absent++;
            } else {
                err.println("dtcore: warning: not copied: " + TerminalText.escape(m.path()) + " ("
                        + m.reason().label() + "): " + TerminalText.escape(m.detail()));
            }
        }
        for (String n : result.manifest().notes()) {
            io.warn(n);
        }
        long bytes = 0;
        for (SnapshotManifest.Copied c : result.manifest().files()) {
            bytes += c.bytes();
        }
        PrintWriter out = Inputs.isStdin(output) ? err : io.out();
        out.println(output + ": " + result.manifest().files().size() + " files (" + ByteSize.human(bytes) + ") of "
                + root + (partial ? ", partial" : "") + "; " + (result.manifest().missing().size() - absent)
                + " not copied, " + absent + " not on this system (" + SnapshotManifest.FILE + " lists them)");
        return 0;
    }
}
