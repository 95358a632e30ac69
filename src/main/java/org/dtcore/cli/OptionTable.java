package org.dtcore.cli;

import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** The options a {@link Subcommand} declares, in the words the help prints. */
final class OptionTable {
    private final Options options = new Options();

    OptionTable() {
        options.addOption(Option.builder("h").longOpt("help").desc("show this help and exit").build());
        options.addOption(Option.builder().longOpt("debug").desc("add a stack trace to a failure").build());
    }

    /** An option without a value. */
    OptionTable flag(String name, String help) {
        options.addOption(Option.builder().longOpt(name).desc(help).build());
        return this;
    }

    /** An option with one value, given at most once (or, when {@code repeat}, once per occurrence). */
    OptionTable value(String name, String label, String help) {
        options.addOption(Option.builder().longOpt(name).hasArg().argName(label).desc(help).build());
        return this;
    }

    /** As {@link #value} with a one-letter alias, such as {@code -o} for {@code --output}. */
    OptionTable value(String shortName, String name, String label, String help) {
        options.addOption(Option.builder(shortName).longOpt(name).hasArg().argName(label).desc(help).build());
        return this;
    }

    Options options() {
        return options;
    }
}
