package org.dtcore.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * A command's usage line, made from its option table so that it lists every option: the operands
 * ({@link Subcommand#synopsis}), then the options the command needs, then the others in the order declared.
 * Each item is one unbreakable unit, an option with its value or a group of options that exclude each
 * other ({@code [--jsonl | --summary]}), so a wrapped line never breaks inside brackets. {@code --help} and
 * {@code --debug}, which every command has, are left to the option list.
 */
final class Usage {
    /**
     * One unit of the usage line.
     *
     * @param options  one option, or several that exclude each other
     * @param optional shown in brackets
     */
    record Item(List<OptionTable.Entry> options, boolean optional) {
        /** As the help prints it: {@code [--arch ARCH]}, {@code -o OUT}, {@code [--memory START+SIZE]...}. */
        String text() {
            StringBuilder b = new StringBuilder();
            for (OptionTable.Entry e : options) {
                if (b.length() > 0) {
                    b.append(" | ");
                }
                b.append(e.typed());
                if (!e.label().isEmpty()) {
                    b.append(' ').append(e.shownValue());
                }
            }
            String s = optional ? "[" + b + "]" : b.toString();
            return options.size() == 1 && options.get(0).repeatable() ? s + "..." : s;
        }
    }

    private Usage() {
    }

    /** The option items of {@code table}, in usage order. */
    static List<Item> items(OptionTable table) {
        List<Item> required = new ArrayList<>();
        List<Item> optional = new ArrayList<>();
        List<OptionTable.Entry> entries = table.entries();
        for (int i = 0; i < entries.size(); i++) {
            OptionTable.Entry e = entries.get(i);
            if (e.common()) {
                continue;
            }
            if (e.group() == 0) {
                (e.required() ? required : optional).add(new Item(List.of(e), !e.required()));
                continue;
            }
            if (firstOfGroup(entries, i)) {
                List<OptionTable.Entry> group = new ArrayList<>();
                for (OptionTable.Entry g : entries) {
                    if (g.group() == e.group()) {
                        group.add(g);
                    }
                }
                optional.add(new Item(group, true));
            }
        }
        required.addAll(optional);
        return required;
    }

    /** The whole line after {@code dtcore NAME}: operands, then each item's text. */
    static List<String> words(Subcommand c, OptionTable table) {
        List<String> words = new ArrayList<>();
        if (!c.synopsis().isEmpty()) {
            words.add(c.synopsis());
        }
        for (Item i : items(table)) {
            words.add(i.text());
        }
        return words;
    }

    private static boolean firstOfGroup(List<OptionTable.Entry> entries, int index) {
        for (int i = 0; i < index; i++) {
            if (entries.get(i).group() == entries.get(index).group()) {
                return false;
            }
        }
        return true;
    }
}
