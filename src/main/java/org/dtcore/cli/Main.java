package org.dtcore.cli;

/** Entry point; the subcommands are found in {@link DtcoreCommand}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(DtcoreCommand.run(args));
    }
}
