package org.dtcore.cli;

import java.nio.file.Path;
import java.util.List;
import org.dtcore.context.ContextJsonWriter;
import org.dtcore.context.CrashContext;
import org.dtcore.kdump.ContextPipeline;
import org.dtcore.kdump.KdumpInputs;

/**
 * {@code dtcore context [FILE] --arch A [--sysroot DIR | --live] ...}: gathers the crash context (SPEC §10)
 * and prints it as the JSON that --context reads back, with the defaults relied on under "warnings".
 */
final class ContextCommand implements Subcommand {
    @Override
    public String name() {
        return "context";
    }

    @Override
    public String synopsis() {
        return "[FILE]";
    }

    @Override
    public String purpose() {
        return "Gather what a device tree cannot say (CPU notes, vmcoreinfo, kernel text, linear map) and print it"
                + " as a JSON context file.";
    }

    @Override
    public String[][] operands() {
        return new String[][] {{"FILE", "a .dtb, a device-tree folder or - to count CPUs and find the lowest RAM in"
                + " (default: the system root's)"}};
    }

    @Override
    public void declare(OptionTable t) {
        MemoryRuleOptions.declare(t, true);
        ContextOptions.declare(t);
    }

    @Override
    public int run(Arguments a, CommandIo io) {
        List<Path> files = a.paths(0, 1, "at most one FILE");
        Path file = files.isEmpty() ? null : files.get(0);
        MemoryRuleOptions scan = MemoryRuleOptions.from(a);
        ContextOptions context = ContextOptions.from(a);
        Folders.requireSingleSourceOrStdin(file);
        StdinFile stdin = StdinFile.of(file, io, StandardInput.Kind.BOARD);
        try {
            KdumpInputs inputs = context.inputs(stdin == null ? file : stdin.path(), scan, List.of(), "context");
            CrashContext ctx = Inputs.gather(() -> ContextPipeline.collect(inputs));
            io.out().println(ContextJsonWriter.write(inputs.arch(), Flags.spelt(ctx)));
            return 0;
        } catch (CommandFailure e) {
            throw stdin == null ? e : stdin.unmasked(e);
        } finally {
            if (stdin != null) {
                stdin.close();
            }
        }
    }
}
