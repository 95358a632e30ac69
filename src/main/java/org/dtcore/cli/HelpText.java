package org.dtcore.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The --help pages and the command list; 100 columns wide, options sorted by name, the usage line made
 * from the option table ({@link Usage}) and broken only between its items.
 */
final class HelpText {
    static final int WIDTH = 100;

    private HelpText() {
    }

    /** What bare {@code dtcore} and {@code dtcore --help} print. */
    static void commandList(Map<String, Subcommand> commands, PrintWriter out) {
        out.println("Usage: dtcore COMMAND [OPTIONS]   (dtcore COMMAND --help for its options)");
        out.println("Device-tree memory maps and kdump ELF core headers, exactly as Linux builds them.");
        out.println();
        out.println("Commands:");
        for (Subcommand c : commands.values()) {
            wrap(out, "  " + pad(c.name(), 16), c.purpose());
        }
        out.println();
        out.println("Options:");
        out.println("  " + pad("-h, --help", 16) + "show this help and exit");
        out.println("  " + pad("-V, --version", 16) + "print the version and exit");
        out.println("  " + pad("--debug", 16) + "add a stack trace to a failure");
        out.println();
        out.println("Exit status: 0 success, 1 a check or diff found differences, 2 bad input or usage.");
    }

    /** What {@code dtcore COMMAND --help} prints. */
    static void command(Subcommand c, OptionTable table, PrintWriter out) {
        wrapItems(out, "Usage: dtcore " + c.name() + " ", Usage.words(c, table));
        out.println();
        wrap(out, "", c.purpose());
        String[][] operands = c.operands();
        if (operands.length > 0) {
            out.println();
            int width = 0;
            for (String[] o : operands) {
                width = Math.max(width, o[0].length());
            }
            for (String[] o : operands) {
                wrap(out, "  " + pad(o[0], width + 2), o[1]);
            }
        }
        out.println();
        out.println("Options:");
        List<OptionTable.Entry> sorted = new ArrayList<>(table.entries());
        sorted.sort(BY_NAME);
        int width = 0;
        for (OptionTable.Entry e : sorted) {
            width = Math.max(width, optionColumn(e).length());
        }
        width = Math.min(width, OPTION_COLUMN) + 2;
        for (OptionTable.Entry e : sorted) {
            String column = optionColumn(e);
            if (column.length() + 2 > width) {
                out.println(column);
                wrap(out, " ".repeat(width), e.help());
            } else {
                wrap(out, pad(column, width), e.help());
            }
        }
    }

    /** Options longer than this get their description on the next line. */
    private static final int OPTION_COLUMN = 36;

    /** Options by long name, as GNU tools list them. */
    static final Comparator<OptionTable.Entry> BY_NAME = new Comparator<>() {
        @Override
        public int compare(OptionTable.Entry a, OptionTable.Entry b) {
            return a.name().compareTo(b.name());
        }
    };

    /** {@code "  -o, --output OUT"} or {@code "      --arch ARCH"}: long names line up, as in GNU tools' help. */
    static String optionColumn(OptionTable.Entry e) {
        StringBuilder b = new StringBuilder(e.shortName().isEmpty() ? "      " : "  -" + e.shortName() + ", ");
        b.append("--").append(e.name());
        if (!e.label().isEmpty()) {
            b.append(' ').append(e.label());
        }
        return b.toString();
    }

    /** {@code items} after {@code lead}, each kept whole, broken between items to {@link #WIDTH}. */
    private static void wrapItems(PrintWriter out, String lead, List<String> items) {
        String indent = " ".repeat(lead.length());
        StringBuilder line = new StringBuilder(lead);
        for (String item : items) {
            if (line.length() > indent.length() && line.length() + 1 + item.length() > WIDTH) {
                out.println(line);
                line.setLength(0);
                line.append(indent);
            }
            if (line.length() > indent.length()) {
                line.append(' ');
            }
            line.append(item);
        }
        out.println(line);
    }

    /** {@code text} after {@code lead}, broken at spaces to {@link #WIDTH}, later lines indented as far. */
    private static void wrap(PrintWriter out, String lead, String text) {
        String indent = " ".repeat(lead.length());
        StringBuilder line = new StringBuilder(lead);
        int start = line.length();
        for (String word : text.split(" ")) {
            if (line.length() > start && line.length() + 1 + word.length() > WIDTH) {
                out.println(line);
                line.setLength(0);
                line.append(indent);
            }
            if (line.length() > indent.length() && line.charAt(line.length() - 1) != ' ') {
                line.append(' ');
            }
            line.append(word);
            start = indent.length();
        }
        out.println(line);
    }

    private static String pad(String s, int width) {
        StringBuilder b = new StringBuilder(s);
        while (b.length() < width) {
            b.append(' ');
        }
        return b.toString();
    }
}
