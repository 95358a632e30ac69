package org.dtcore.cli;

/** {@code dtcore man}: prints the manual page, dtcore(1), as roff ({@code dtcore man | man -l -}). */
final class ManCommand implements Subcommand {
    @Override
    public String name() {
        return "man";
    }

    @Override
    public String synopsis() {
        return "";
    }

    @Override
    public String purpose() {
        return "Print this program's manual page, dtcore(1), as roff (view it with: dtcore man | man -l -).";
    }

    @Override
    public String[][] operands() {
        return new String[0][];
    }

    @Override
    public void declare(OptionTable options) {
        // none beyond --help and --debug
    }

    @Override
    public int run(Arguments a, CommandIo io) {
        a.paths(0, 0, "no operands");
        ManPage.write(DtcoreCommand.all(), DtcoreCommand.version(), io.out());
        return 0;
    }
}
