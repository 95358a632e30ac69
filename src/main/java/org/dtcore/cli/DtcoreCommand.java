package org.dtcore.cli;

import org.dtcore.TerminalText;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The top-level command: --help, --version, --debug; the work is in the subcommands. */
@Command(name = "dtcore", mixinStandardHelpOptions = true, versionProvider = DtcoreCommand.Version.class,
        description = "Device-tree memory maps and kdump ELF core headers, exactly as Linux builds them.")
public final class DtcoreCommand implements Runnable {

    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "print a stack trace on failure")
    boolean debug;

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }

    /**
     * The subcommands, by name. Only the one named on the command line is built: picocli models a command
     * by reflection, and modelling all of them would cost a one-shot run more than its own work
     * (docs/performance.md). --help and anything unrecognised get them all.
     */
    private static final Map<String, Supplier<Object>> SUBCOMMANDS = subcommands();

    private static Map<String, Supplier<Object>> subcommands() {
        Map<String, Supplier<Object>> m = new LinkedHashMap<>();
        m.put("chunks", ChunksCommand::new);
        m.put("inspect", InspectCommand::new);
        m.put("context", ContextCommand::new);
        m.put("header", HeaderCommand::new);
        m.put("capture-dtb", CaptureDtbCommand::new);
        m.put("expect", ExpectCommand::new);
        m.put("check", CheckCommand::new);
        m.put("map", MapCommand::new);
        m.put("diff", DiffCommand::new);
        m.put("overlay", OverlayCommand::new);
        return m;
    }

    /** Runs the CLI and returns the exit status (SPEC §12: 0 ok, 1 differences, 2 bad input or usage). */
    public static int run(String[] args) {
        return run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
    }

    /** As {@link #run(String[])}, writing to the given streams (tests run the CLI in process). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        DtcoreCommand top = new DtcoreCommand();
        CommandLine cl = new CommandLine(top);
        String named = null;
        for (String a : args) {
            if (!a.startsWith("-")) {
                named = a;
                break;
            }
        }
        boolean versionOnly = named == null && args.length > 0
                && (java.util.Arrays.asList(args).contains("--version") || java.util.Arrays.asList(args).contains("-V"));
        if (named != null && SUBCOMMANDS.containsKey(named)) {
            cl.addSubcommand(named, SUBCOMMANDS.get(named).get());
        } else if (!versionOnly) {
            SUBCOMMANDS.forEach((name, make) -> cl.addSubcommand(name, make.get()));
        }
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            PrintWriter e = cmd.getErr();
            if (ex instanceof CommandFailure) {
                e.println("dtcore: " + TerminalText.escape(ex.getMessage()));
            } else {
                e.println("dtcore: internal error: " + ex + " (run with --debug for details)");
            }
            if (top.debug) {
                ex.printStackTrace(e);
            }
            e.flush();
            return 2;
        });
        cl.setParameterExceptionHandler((ex, a) -> {
            PrintWriter e = ex.getCommandLine().getErr();
            e.println("dtcore: " + TerminalText.escape(ex.getMessage()));
            e.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for more.");
            e.flush();
            return 2;
        });
        int status = cl.execute(args);
        out.flush();
        return status;
    }

    /** Reads the version Maven wrote into the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = DtcoreCommand.class.getPackage().getImplementationVersion();
            return new String[] {"dtcore " + (v == null ? "(development build)" : v)};
        }
    }
}
