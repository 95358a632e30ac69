package org.dtcore.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.dtcore.context.ContextJsonWriter;
import java.util.List;
import org.dtcore.context.CrashContext;
import org.dtcore.kdump.ContextPipeline;
import org.dtcore.kdump.KdumpInputs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dtcore context [FILE] --arch A [--sysroot DIR | --live] ...}: gathers the crash context (SPEC §10)
 * and prints it as the JSON that --context reads back, with the defaults relied on under "warnings".
 */
@Command(name = "context", mixinStandardHelpOptions = true,
        description = "Gather what a device tree cannot say (CPU notes, vmcoreinfo, kernel text, linear map)"
                + " and print it as a JSON context file.")
final class ContextCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", arity = "0..1",
            description = "a .dtb or device-tree folder to count CPUs and find the lowest RAM in"
                    + " (default: the system root's)")
    Path file;

    @Mixin
    ScanOptionsMixin scan;

    @Mixin
    ContextOptionsMixin context;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        KdumpInputs inputs = context.inputs(file, scan, List.of(), "context");
        CrashContext ctx = Inputs.gather(() -> ContextPipeline.collect(inputs));
        PrintWriter out = spec.commandLine().getOut();
        out.println(ContextJsonWriter.write(inputs.arch(), ctx));
        out.flush();
        return 0;
    }
}
