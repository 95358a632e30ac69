package org.dtcore.cli;

/**
 * One {@code dtcore} subcommand. Its options are declared in one place, {@link #declare}; its work reads
 * them back from {@link Arguments}. No reflection or annotation scanning: a one-shot run pays only for the
 * command it names (docs/performance.md).
 */
interface Subcommand {
    /** The word on the command line. */
    String name();

    /**
     * The operands as the usage line shows them ({@code FILE...}, {@code [FILE]}, {@code BOARD... EXPECT}),
     * or empty; never options: the usage line, the manual page and the completions add those from
     * {@link #declare} ({@link Usage}), so that they cannot drift from what the command accepts.
     */
    String synopsis();

    /** One sentence: what the command does (also the line in the command list). */
    String purpose();

    /** Help lines for the operands, each "NAME  description", or none. */
    String[][] operands();

    /**
     * The words an operand may be, when the operands are words rather than files (as the shells of
     * {@code dtcore completion}); none by default, and completion then offers file names.
     */
    default java.util.List<String> operandWords() {
        return java.util.List.of();
    }

    /** Declares every option of the command. */
    void declare(OptionTable options);

    /** Does the work; returns the exit status (0 ok, 1 differences found, 2 bad input). */
    int run(Arguments args, CommandIo io);
}
