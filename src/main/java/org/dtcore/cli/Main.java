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
        System.exit(DtcoreCommand.run(args));
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
