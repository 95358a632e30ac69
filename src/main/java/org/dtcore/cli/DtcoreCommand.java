package org.dtcore.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level command: only --help and --version; the work is in the subcommands. */
@Command(name = "dtcore", mixinStandardHelpOptions = true, versionProvider = DtcoreCommand.Version.class,
        description = "Device-tree memory maps and kdump ELF core headers, exactly as Linux builds them.",
        subcommands = {})
public final class DtcoreCommand implements Runnable {

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }

    static int run(String[] args) {
        return new CommandLine(new DtcoreCommand()).execute(args);
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
