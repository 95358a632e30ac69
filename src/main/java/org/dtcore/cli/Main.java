package org.dtcore.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Entry point; the subcommands are found in {@link DtcoreCommand}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        // an argument the JVM could not decode (the locale's encoding, or not UTF-8 at all) is refused
        // before anything reads it as a name
        Optional<String> lost = needsCheck(args) ? ArgumentBytes.problem(args) : Optional.empty();
        if (lost.isPresent()) {
            PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
            err.println("dtcore: " + lost.get());
            System.exit(2);
        }
        int status = DtcoreCommand.run(args);
        // Success returns rather than exits: from Java 21 on, Runtime.exit first looks up a System.Logger
        // (its exit logging), ~400 classes and as many instructions as an empty JVM's start
        // (docs/performance.md). The CLI's threads are daemons, so returning ends the JVM just the same.
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Only an argument that is not plain ASCII can have been decoded wrongly: the rest costs no read. */
    private static boolean needsCheck(String[] args) {
        for (String a : args) {
            for (int i = 0; i < a.length(); i++) {
                if (a.charAt(i) >= 0x80) {
                    return true;
                }
            }
        }
        return false;
    }
}
