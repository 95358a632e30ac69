package org.dtcore.cli;

/** Entry point; the subcommands are found in {@link DtcoreCommand}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        int status = DtcoreCommand.run(args);
        // Success returns rather than exits: from Java 21 on, Runtime.exit first looks up a System.Logger
        // (its exit logging), ~400 classes and as many instructions as an empty JVM's start
        // (docs/performance.md). The CLI's threads are daemons, so returning ends the JVM just the same.
        if (status != 0) {
            System.exit(status);
        }
    }
}
