package org.dtcore.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.dtcore.memory.Arch;

/**
 * A parsed command line, read back with the types the commands need. Every malformed value becomes a
 * usage {@link CommandFailure} naming the option and what it takes.
 */
final class Arguments {
    private final String command;
    private final CommandLine line;
    private final CommandIo io;

    Arguments(String command, CommandLine line, CommandIo io) {
        this.command = command;
        this.line = line;
        this.io = io;
    }

    String command() {
        return command;
    }

    boolean flag(String name) {
        return line.hasOption(name);
    }

    /** The option's value, or null when not given; given twice is a usage error. */
    String text(String name) {
        String[] v = line.getOptionValues(name);
        if (v == null) {
            return null;
        }
        if (v.length > 1) {
            throw CommandFailure.usage("--" + name + " is given " + v.length + " times; give it once");
        }
        return v[0];
    }

    /** Every value of a repeatable option, in order. */
    List<String> texts(String name) {
        String[] v = line.getOptionValues(name);
        return v == null ? List.of() : List.of(v);
    }

    /** The option's value as an unsigned 64-bit number (0x hex or decimal, K/M/G/T), or null. */
    Long number(String name) {
        String v = text(name);
        return v == null ? null : NumberConverter.parse("--" + name, v);
    }

    Path path(String name) {
        String v = text(name);
        if (v != null && v.isEmpty()) {
            throw CommandFailure.usage("--" + name + " is empty; give a path");
        }
        return v == null ? null : toPath(v);
    }

    /**
     * {@code word} as a path. A JVM whose file-name encoding (from the locale) cannot hold a character
     * refuses to form the path (InvalidPathException): that is one line naming the word, saying how to
     * run instead, never an internal error.
     */
    static Path toPath(String word) {
        try {
            return Path.of(word);
        } catch (InvalidPathException e) {
            throw new CommandFailure(word + ": " + unusable(e), e);
        }
    }

    /** Why a name cannot become a path here, and what to do: for a message that names it first. */
    static String unusable(InvalidPathException e) {
        return "cannot be a file name in this JVM (" + e.getReason() + " in "
                + System.getProperty("sun.jnu.encoding", "its encoding") + ", from the locale); run dtcore through"
                + " its launcher (./dtcore) or with a UTF-8 locale: LC_ALL=C.UTF-8";
    }

    /** A required option naming a file, as a path. */
    Path requiredPath(String name, String what) {
        String v = required(name, what);
        if (v.isEmpty()) {
            throw CommandFailure.usage("--" + name + " is empty; give a path");
        }
        return toPath(v);
    }

    /**
     * An input file option; {@code -} is standard input, copied to a file the library can read (the copy
     * is named "-" in every message, {@link StdinFile}).
     */
    Path inputPath(String name, StandardInput.Kind kind) {
        Path p = path(name);
        return p == null || !Inputs.isStdin(p) ? p : StdinFile.of(p, io, kind).path();
    }

    /** The streams of this run (an option that may read standard input needs them). */
    CommandIo io() {
        return io;
    }

    /** A value the command cannot do without. */
    String required(String name, String what) {
        String v = text(name);
        if (v == null) {
            throw CommandFailure.usage(command + " needs --" + name + " " + what);
        }
        return v;
    }

    /** One of {@code choices}; {@code fallback} when not given. */
    String choice(String name, String fallback, String... choices) {
        String v = text(name);
        if (v == null) {
            return fallback;
        }
        for (String c : choices) {
            if (c.equals(v)) {
                return v;
            }
        }
        throw CommandFailure.usage("--" + name + " '" + v + "': give " + String.join(" or ", choices));
    }

    Arch arch() {
        String v = text("arch");
        if (v == null) {
            return null;
        }
        try {
            return Arch.parse(v);
        } catch (IllegalArgumentException e) {
            throw CommandFailure.usage("--arch: " + e.getMessage());
        }
    }

    /** The operands (words that are not options), in order. */
    List<String> operands() {
        return line.getArgList();
    }

    /** The operands as paths, between {@code min} and {@code max} of them (max -1: no limit). */
    List<Path> paths(int min, int max, String label) {
        List<String> words = operands();
        if (words.size() < min) {
            throw CommandFailure.usage(command + " needs " + label);
        }
        if (max >= 0 && words.size() > max) {
            throw CommandFailure.usage(command + " takes " + label + "; '" + words.get(max) + "' is one too many");
        }
        Path[] out = new Path[words.size()];
        for (int i = 0; i < out.length; i++) {
            if (words.get(i).isEmpty()) {
                throw CommandFailure.usage(command + ": an empty file name");
            }
            out[i] = toPath(words.get(i));
        }
        return List.of(out);
    }
}
