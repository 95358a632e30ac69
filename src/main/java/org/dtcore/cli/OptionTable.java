package org.dtcore.cli;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * The options of one {@link Subcommand}, in the words the help prints: the one table that parsing (Commons
 * CLI), {@code --help}, the usage line, the manual page ({@link ManPage}) and the shell completions
 * ({@link BashCompletion}, {@link ZshCompletion}) are all made from, so none of them can drift from the
 * others. A modifier ({@link #required}, {@link #repeatable}, {@link #files}, {@link #folders},
 * {@link #words}) applies to the option declared just before it.
 */
final class OptionTable {
    /** What an option's value is, so that a shell can complete it. */
    enum Value {
        /** a flag: no value */
        NONE,
        /** free text: a number, a size, a specification */
        TEXT,
        /** a file name */
        FILE,
        /** a folder name */
        FOLDER,
        /** one of a few words ({@link Entry#words}) */
        WORD
    }

    /**
     * One option as declared.
     *
     * @param shortName  the one-letter alias ({@code o} for {@code -o}), or empty
     * @param name       the long name, without {@code --}
     * @param label      what the value is called in the help ({@code FILE}, {@code ADDR}), or empty for a flag
     * @param help       one sentence for the help and the manual page
     * @param value      what the value is, for completion
     * @param required   the command cannot run without it (the usage line shows it without brackets)
     * @param repeatable it may be given more than once
     * @param words      the words it takes when {@code value} is {@link Value#WORD}, else none
     * @param group      options with the same group number above 0 exclude each other; 0 for none
     */
    record Entry(String shortName, String name, String label, String help, Value value, boolean required,
                 boolean repeatable, List<String> words, int group) {
        /** The option as typed: {@code -o} when it has a one-letter alias, else {@code --name}. */
        String typed() {
            return shortName.isEmpty() ? "--" + name : "-" + shortName;
        }

        /** What the usage line shows for its value: a few words as {@code table|json}, else its label. */
        String shownValue() {
            return value == Value.WORD && words.size() <= 3 ? String.join("|", words) : label;
        }

        /** True for the options every command has ({@code --help}, {@code --debug}). */
        boolean common() {
            return name.equals("help") || name.equals("debug");
        }

        Entry with(Value v, boolean req, boolean rep, List<String> w, int g) {
            return new Entry(shortName, name, label, help, v, req, rep, w, g);
        }
    }

    private final Options options = new Options();
    private final List<Entry> entries = new ArrayList<>();
    private int groups;

    OptionTable() {
        add("h", "help", "", "show this help and exit");
        add("", "debug", "", "add a stack trace to a failure");
    }

    /** An option without a value. */
    OptionTable flag(String name, String help) {
        return add("", name, "", help);
    }

    /** An option with a value, given at most once unless marked {@link #repeatable}. */
    OptionTable value(String name, String label, String help) {
        return add("", name, label, help);
    }

    /** As {@link #value} with a one-letter alias, such as {@code -o} for {@code --output}. */
    OptionTable value(String shortName, String name, String label, String help) {
        return add(shortName, name, label, help);
    }

    /** The last option is needed for the command to run (the command itself says so when it is missing). */
    OptionTable required() {
        Entry e = last();
        return replace(e.with(e.value(), true, e.repeatable(), e.words(), e.group()));
    }

    /** The last option may be given more than once (each value counts, in order). */
    OptionTable repeatable() {
        Entry e = last();
        return replace(e.with(e.value(), e.required(), true, e.words(), e.group()));
    }

    /** The last option's value names a file. */
    OptionTable files() {
        Entry e = last();
        return replace(e.with(Value.FILE, e.required(), e.repeatable(), e.words(), e.group()));
    }

    /** The last option's value names a folder. */
    OptionTable folders() {
        Entry e = last();
        return replace(e.with(Value.FOLDER, e.required(), e.repeatable(), e.words(), e.group()));
    }

    /** The last option's value is one of {@code words}. */
    OptionTable words(String... words) {
        Entry e = last();
        return replace(e.with(Value.WORD, e.required(), e.repeatable(), List.of(words), e.group()));
    }

    /** The named options exclude each other (the usage line shows them as {@code [--a | --b]}). */
    OptionTable exclusive(String... names) {
        groups++;
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            for (String n : names) {
                if (n.equals(e.name())) {
                    entries.set(i, e.with(e.value(), e.required(), e.repeatable(), e.words(), groups));
                }
            }
        }
        return this;
    }

    /** Every option, in the order declared ({@code --help} and {@code --debug} first). */
    List<Entry> entries() {
        return entries;
    }

    /** The table for Commons CLI's parser. */
    Options options() {
        return options;
    }

    private OptionTable add(String shortName, String name, String label, String help) {
        Option.Builder b = shortName.isEmpty() ? Option.builder() : Option.builder(shortName);
        b.longOpt(name).desc(help);
        if (!label.isEmpty()) {
            b.hasArg().argName(label);
        }
        options.addOption(b.build());
        entries.add(new Entry(shortName, name, label, help, label.isEmpty() ? Value.NONE : Value.TEXT, false, false,
                List.of(), 0));
        return this;
    }

    private Entry last() {
        return entries.get(entries.size() - 1);
    }

    private OptionTable replace(Entry e) {
        entries.set(entries.size() - 1, e);
        return this;
    }
}
