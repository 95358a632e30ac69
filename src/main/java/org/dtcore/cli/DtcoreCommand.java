package org.dtcore.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dtcore.TerminalText;
import org.apache.commons.cli.AlreadySelectedException;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.MissingArgumentException;
import org.apache.commons.cli.ParseException;
import org.apache.commons.cli.UnrecognizedOptionException;
import org.dtcore.DtcoreException;

/**
 * The top level: finds the subcommand, parses its options (Apache Commons CLI, no reflection), runs it,
 * and turns every failure into one line on stderr with the exit status of SPEC §12 (0 ok, 1 differences,
 * 2 bad input or usage). --help, --version and --debug are its own options.
 */
public final class DtcoreCommand {
    /**
     * The subcommands in the order the command list shows them. Registering a command is adding its name
     * here and its class to {@link #named}: the help, the manual page and the completions then list it
     * (they read {@link #all}).
     */
    static final String[] NAMES = {"chunks", "inspect", "context", "header", "capture-dtb", "capture-memmap",
        "snapshot", "audit", "expect", "check", "map", "diff", "overlay", "man", "completion"};

    private DtcoreCommand() {
    }

    /** The subcommand called {@code name}, or null; only the one named is built. */
    static Subcommand named(String name) {
        switch (name) {
            case "chunks": return new ChunksCommand();
            case "inspect": return new InspectCommand();
            case "context": return new ContextCommand();
            case "header": return new HeaderCommand();
            case "capture-dtb": return new CaptureDtbCommand();
            case "capture-memmap": return new CaptureMemmapCommand();
            case "snapshot": return new SnapshotCommand();
            case "audit": return new AuditCommand();
            case "expect": return new ExpectCommand();
            case "check": return new CheckCommand();
            case "map": return new MapCommand();
            case "diff": return new DiffCommand();
            case "overlay": return new OverlayCommand();
            case "man": return new ManCommand();
            case "completion": return new CompletionCommand();
            default: return null;
        }
    }

    /** Runs the CLI on this process's streams and returns the exit status. */
    public static int run(String[] args) {
        if (args.length == 1 && ("--version".equals(args[0]) || "-V".equals(args[0]))) {
            return printVersion();
        }
        GuardedOutput stdout = new GuardedOutput(new FileOutputStream(FileDescriptor.out));
        PrintWriter out = new PrintWriter(new OutputStreamWriter(new BufferedOutputStream(stdout, 1 << 16),
                StandardCharsets.UTF_8), false);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.err),
                StandardCharsets.UTF_8), true);
        // the launcher knows whether stderr is a terminal ([ -t 2 ]); Java 17 alone cannot ask. The installed
        // command says it in a property, which costs nothing to read (System.getenv parses the environment).
        String tty = System.getProperty("dtcore.stderr.tty");
        if (tty == null) {
            tty = System.getenv("DTCORE_STDERR_TTY");
        }
        boolean errTerminal = "1".equals(tty) || (tty == null && System.console() != null);
        CommandIo io = new CommandIo(out, err, stdout, new StandardInput.ProcessStdin(), errTerminal);
        int status = run(args, io);
        if (out.checkError() && status != 2) {
            String why = stdout.failure();
            err.println("dtcore: standard output: cannot write" + (why == null ? "" : ": " + why));
            status = 2;
        }
        err.flush();
        return status;
    }

    /** As {@link #run(String[])}, writing to the given streams (tests run the CLI in process). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        OutputStream bytes = new TextBytes(out);
        return run(args, new CommandIo(out, err, bytes, new java.io.ByteArrayInputStream(new byte[0]), false));
    }

    static int run(String[] args, CommandIo io) {
        try {
            return runCommand(args, io);
        } finally {
            StdinFile.closeActive();
        }
    }

    private static int runCommand(String[] args, CommandIo io) {
        boolean debug = false;
        for (String a : args) {
            if ("--".equals(a)) {
                break;
            }
            debug |= "--debug".equals(a);
        }
        String usageOf = "dtcore";
        try {
            int i = 0;
            while (i < args.length && args[i].startsWith("-") && !"-".equals(args[i])) {
                switch (args[i]) {
                    case "-h", "--help" -> {
                        HelpText.commandList(commands(), io.out());
                        io.out().flush();
                        return 0;
                    }
                    case "-V", "--version" -> {
                        io.out().println(version());
                        io.out().flush();
                        return 0;
                    }
                    case "--debug" -> i++;
                    default -> throw CommandFailure.usage("unknown option '" + args[i] + "'");
                }
            }
            if (i == args.length) {
                // a command is required: list them where the user looks, and fail like any usage error
                HelpText.commandList(commands(), io.err());
                io.err().flush();
                return 2;
            }
            Subcommand c = named(args[i]);
            if (c == null) {
                throw CommandFailure.usage("unknown command '" + args[i] + "' (commands: " + String.join(", ", NAMES)
                        + ")");
            }
            usageOf = "dtcore " + c.name();
            OptionTable table = new OptionTable();
            c.declare(table);
            String[] rest = new String[args.length - i - 1];
            System.arraycopy(args, i + 1, rest, 0, rest.length);
            CommandLine line = DefaultParser.builder().setAllowPartialMatching(false).build()
                    .parse(table.options(), rest);
            if (line.hasOption("help")) {
                HelpText.command(c, table, io.out());
                io.out().flush();
                return 0;
            }
            int status = c.run(new Arguments(c.name(), line, io), io);
            io.out().flush();
            return status;
        } catch (ParseException e) {
            return usage(io, usageOf, parseMessage(e));
        } catch (CommandFailure e) {
            return e.kind() == CommandFailure.Kind.USAGE ? usage(io, usageOf, e.getMessage())
                    : fail(io, e.getMessage(), e, debug);
        } catch (DtcoreException e) {
            return fail(io, e.oneLine(Flags::of), e, debug);
        } catch (OutOfMemoryError e) {
            // every input is bounded and every stage linear in it (docs/performance.md): an input this large
            // needs a larger heap, which is the user's to give, not a bug to report
            return fail(io, "out of memory: the input needs more than this JVM's heap of "
                    + (Runtime.getRuntime().maxMemory() >> 20) + " MiB; give it more, e.g."
                    + " JAVA_TOOL_OPTIONS=-Xmx4g", e, debug);
        } catch (RuntimeException | StackOverflowError e) {
            return fail(io, "internal error; run again with --debug for the details, and please report it", e,
                    debug);
        }
    }

    private static int usage(CommandIo io, String command, String message) {
        io.out().flush();
        io.err().println("dtcore: " + TerminalText.escape(StdinFile.unmask(message)));
        io.err().println("Try '" + command + " --help' for more.");
        io.err().flush();
        return 2;
    }

    private static int fail(CommandIo io, String message, Throwable e, boolean debug) {
        io.out().flush();
        io.err().println("dtcore: " + TerminalText.escape(StdinFile.unmask(message)));
        if (debug) {
            e.printStackTrace(io.err());
        }
        io.err().flush();
        return 2;
    }

    /** Commons CLI's messages, in this CLI's words. */
    private static String parseMessage(ParseException e) {
        if (e instanceof UnrecognizedOptionException u) {
            return "unknown option '" + u.getOption() + "'";
        }
        if (e instanceof MissingArgumentException m) {
            return "--" + m.getOption().getLongOpt() + " needs a value (" + m.getOption().getArgName() + ")";
        }
        if (e instanceof AlreadySelectedException a) {
            return "--" + a.getOption().getLongOpt() + " and --" + a.getOptionGroup().getSelected()
                    + " exclude each other";
        }
        return e.getMessage();
    }

    private static Map<String, Subcommand> commands() {
        Map<String, Subcommand> m = new LinkedHashMap<>();
        for (Subcommand c : all()) {
            m.put(c.name(), c);
        }
        return m;
    }

    /** Every registered command, in {@link #NAMES} order. */
    static List<Subcommand> all() {
        List<Subcommand> all = new ArrayList<>();
        for (String n : NAMES) {
            Subcommand c = named(n);
            if (c == null || !c.name().equals(n)) {
                throw new IllegalStateException("command '" + n + "' is listed but not registered under that name");
            }
            all.add(c);
        }
        return all;
    }

    /**
     * The version: the installed command names it (-Ddtcore.version, from its jar's file name), which costs
     * nothing; else the one Maven wrote into the jar manifest, whose reading costs a one-shot run several
     * milliseconds (docs/performance.md).
     */
    static String version() {
        String v = System.getProperty("dtcore.version");
        if (v == null || v.isEmpty()) {
            v = DtcoreCommand.class.getPackage().getImplementationVersion();
        }
        return "dtcore " + (v == null ? "(development build)" : v);
    }

    /**
     * {@code dtcore --version} alone: one line straight to standard output, before anything a command needs
     * is set up, with the same write-error rules (GuardedOutput: a closed pipe ends the run quietly).
     */
    private static int printVersion() {
        GuardedOutput stdout = new GuardedOutput(new FileOutputStream(FileDescriptor.out));
        try {
            stdout.write((version() + "\n").getBytes(StandardCharsets.UTF_8));
            return 0;
        } catch (java.io.IOException e) {
            System.err.println("dtcore: standard output: cannot write: " + stdout.failure());
            return 2;
        }
    }

    /** Bytes written to a text writer (in-process runs with {@code -o -}): decoded as ISO-8859-1. */
    private static final class TextBytes extends OutputStream {
        private final PrintWriter out;

        TextBytes(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void write(int b) {
            out.write(b & 0xff);
        }

        @Override
        public void flush() {
            out.flush();
        }
    }

}
