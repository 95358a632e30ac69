package org.dtcore.cli;

/**
 * One {@code dtcore} subcommand. Its options are declared in one place, {@link #declare}; its work reads
 * them back from {@link Arguments}. No reflection or annotation scanning: a one-shot run pays only for the
 * command it names (docs/performance.md).
 */
interface Subcommand {
    /** The word on the command line. */
    String name();

    /** What follows {@code dtcore NAME} in the usage line, options included, as README shows it. */
    String synopsis();

    /** One sentence: what the command does (also the line in the command list). */
    String purpose();

    /** Help lines for the operands, each "NAME  description", or none. */
    String[][] operands();

    /** Declares every option of the command. */
    void declare(OptionTable options);

    /** Does the work; returns the exit status (0 ok, 1 differences found, 2 bad input). */
    int run(Arguments args, CommandIo io);
}
