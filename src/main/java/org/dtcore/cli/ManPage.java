package org.dtcore.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dtcore.text.Numbers;

/**
 * dtcore(1), the manual page, written in man(7) roff from the registered commands' own tables: each
 * command's usage ({@link Usage}), purpose, operands and options are the ones {@code --help} prints, so the
 * page cannot drift from the program. {@code dtcore man} prints it; the build installs its output as
 * share/man/man1/dtcore.1 (docs/install.md).
 */
final class ManPage {
    private ManPage() {
    }

    /** The whole page for {@code commands}, footed with {@code version} ("dtcore 0.1.0"). */
    static void write(List<Subcommand> commands, String version, PrintWriter out) {
        out.println(".\\\" dtcore(1): written by 'dtcore man' from the commands' option tables; edit those, not this.");
        out.println(".TH DTCORE 1 \"\" \"" + text(version) + "\" \"User Commands\"");
        // left-aligned, no hyphenation (HY: the man macros restore hyphenation per paragraph from it): option
        // names and paths stay whole and copyable
        out.println(".ad l");
        out.println(".nh");
        out.println(".nr HY 0");
        out.println(".SH NAME");
        out.println("dtcore \\- device-tree memory maps and kdump ELF core headers, exactly as Linux builds them");
        out.println(".SH SYNOPSIS");
        out.println(".SY dtcore");
        out.println(".I command");
        out.println("[\\fIoptions\\fR] [\\fIoperands\\fR]");
        out.println(".YS");
        out.println(".SY dtcore");
        out.println("\\fB\\-h\\fR | \\fB\\-\\-help\\fR | \\fB\\-V\\fR | \\fB\\-\\-version\\fR");
        out.println(".YS");
        out.println(".SH DESCRIPTION");
        paragraph(out, "dtcore reads flattened device trees (.dtb), /proc/device-tree style folders and /proc/iomem"
                + " text into a memory map the way Linux reads them, and builds the kdump ELF core header"
                + " (elfcorehdr) byte for byte as the kernel's crash_prepare_elf64_headers() (kexec_file_load) or"
                + " kexec-tools (kexec_load) would, the device tree a kdump loader hands the capture kernel, and"
                + " board layout expectations, checks, diffs and SVG maps.");
        paragraph(out, "Every input may be - for standard input (read whole, at most 256 MiB; one input per run),"
                + " and -o - writes to standard output. A failed write to standard output is an error, except"
                + " that a reader that stops reading (dtcore chunks ... | head) stops dtcore quietly, as it"
                + " stops dtc and readelf.");
        out.println(".SH COMMANDS");
        for (Subcommand c : commands) {
            command(c, out);
        }
        out.println(".SH OPTIONS");
        paragraph(out, "Before the command:");
        option(out, "\\fB\\-h\\fR, \\fB\\-\\-help\\fR", "list the commands and exit");
        option(out, "\\fB\\-V\\fR, \\fB\\-\\-version\\fR", "print the version and exit");
        option(out, "\\fB\\-\\-debug\\fR", "add a stack trace to a failure");
        paragraph(out, "Every command also takes --help (its usage and options) and --debug. A value may follow"
                + " its option as the next word or after '=': --arch arm64, --arch=arm64.");
        out.println(".SH EXIT STATUS");
        option(out, "0", "success");
        option(out, "1", "check or diff found differences");
        option(out, "2", "bad input or usage, with a one-line message on standard error");
        option(out, "141", "standard output is a pipe that its reader closed (128 + SIGPIPE, the status a shell"
                + " reports for dtc or readelf there); nothing is printed");
        out.println(".SH ENVIRONMENT");
        option(out, "\\fBJAVA_HOME\\fR", "the Java (17 or newer) the dtcore command starts: $JAVA_HOME/bin/java,"
                + " else java on PATH");
        option(out, "\\fBXDG_CACHE_HOME\\fR", "where the class-data archives go (see FILES)");
        option(out, "\\fBLC_ALL\\fR, \\fBLC_CTYPE\\fR, \\fBLANG\\fR", "when they select the C or POSIX locale, or"
                + " none, the Java runtime is given C.UTF-8 instead, so that file names that are not ASCII can be"
                + " read and written");
        out.println(".SH FILES");
        option(out, "\\fI$XDG_CACHE_HOME/dtcore/\\fR (default \\fI~/.cache/dtcore/\\fR)", "the class-data archives"
                + " (AppCDS: static on Java 17 to 23, dynamic on Java 24 and later), one per command, Java and installed"
                + " version, each made on the command's first run; they only save start-up time, may be deleted at"
                + " any time, and dtcore runs without them when the folder cannot be written");
        out.println(".SH SEE ALSO");
        out.println(".BR dtc (1),");
        out.println(".BR fdtget (1),");
        out.println(".BR fdtoverlay (1),");
        out.println(".BR readelf (1),");
        out.println(".BR kexec (8)");
    }

    private static void command(Subcommand c, PrintWriter out) {
        OptionTable table = new OptionTable();
        c.declare(table);
        out.println(".SS " + text(c.name()));
        out.println(".SY \"dtcore " + text(c.name()) + "\"");
        if (!c.synopsis().isEmpty()) {
            out.println(operands(c.synopsis()));
        }
        for (Usage.Item i : Usage.items(table)) {
            out.println(item(i));
        }
        out.println(".YS");
        paragraph(out, c.purpose());
        for (String[] o : c.operands()) {
            option(out, "\\fI" + text(o[0]) + "\\fR", o[1]);
        }
        List<OptionTable.Entry> sorted = new ArrayList<>(table.entries());
        sorted.sort(HelpText.BY_NAME);
        for (OptionTable.Entry e : sorted) {
            StringBuilder tag = new StringBuilder();
            if (!e.shortName().isEmpty()) {
                tag.append("\\fB\\-").append(text(e.shortName())).append("\\fR, ");
            }
            tag.append("\\fB\\-\\-").append(text(e.name())).append("\\fR");
            if (!e.label().isEmpty()) {
                tag.append(" \\fI").append(text(e.label())).append("\\fR");
            }
            option(out, tag.toString(), e.help() + (e.repeatable() && !e.help().contains("repeat") ? " (repeatable)"
                    : ""));
        }
    }

    /** A usage item as roff: option names bold, values italic, unbreakable (\~) inside. */
    private static String item(Usage.Item i) {
        StringBuilder b = new StringBuilder(i.optional() ? "[" : "");
        boolean first = true;
        for (OptionTable.Entry e : i.options()) {
            if (!first) {
                b.append("\\~|\\~");
            }
            first = false;
            b.append("\\fB").append(text(e.typed())).append("\\fR");
            if (!e.label().isEmpty()) {
                b.append("\\~\\fI").append(text(e.shownValue())).append("\\fR");
            }
        }
        if (i.optional()) {
            b.append(']');
        }
        if (i.options().size() == 1 && i.options().get(0).repeatable()) {
            b.append("...\\&");
        }
        return b.toString();
    }

    /** {@code FILE... [FILE] BOARD... EXPECT}: the names italic, brackets and dots roman. */
    private static String operands(String synopsis) {
        StringBuilder b = new StringBuilder();
        for (String word : synopsis.split(" ")) {
            if (b.length() > 0) {
                b.append(' ');
            }
            int start = 0;
            int end = word.length();
            while (start < end && word.charAt(start) == '[') {
                start++;
            }
            while (end > start && (word.charAt(end - 1) == ']' || word.startsWith("...", end - 3))) {
                end -= word.charAt(end - 1) == ']' ? 1 : 3;
            }
            // \& after dots: roff would take "..." at the end of an input line for the end of a sentence
            b.append(word, 0, start).append("\\fI").append(text(word.substring(start, end))).append("\\fR")
                    .append(text(word.substring(end))).append(word.endsWith(".") ? "\\&" : "");
        }
        return b.toString();
    }

    private static void paragraph(PrintWriter out, String s) {
        out.println(".PP");
        out.println(line(text(s)));
    }

    /** A tagged paragraph: {@code tag} is roff already, {@code help} plain text. */
    private static void option(PrintWriter out, String tag, String help) {
        out.println(".TP");
        out.println(line(tag));
        out.println(line(text(help)));
    }

    /** A text line that roff cannot take for a request (a leading '.' or '''). */
    private static String line(String s) {
        return s.startsWith(".") || s.startsWith("'") ? "\\&" + s : s;
    }

    /**
     * Plain text as roff: a backslash as \e; every '-' as \- (a minus, so options copied from the page work;
     * man-pages(7), "Use of hyphens"); anything beyond ASCII as \[uXXXX], so the page is ASCII and needs
     * no input encoding.
     */
    static String text(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                b.append("\\e");
            } else if (c == '-') {
                b.append("\\-");
            } else if (c < 0x80) {
                b.append(c);
            } else {
                int cp = s.codePointAt(i);
                i += Character.charCount(cp) - 1;
                String hex = Numbers.hex(cp).substring(2).toUpperCase(Locale.ROOT);
                b.append("\\[u").append("0".repeat(Math.max(0, 4 - hex.length()))).append(hex).append(']');
            }
        }
        return b.toString();
    }
}
