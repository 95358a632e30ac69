package org.dtcore.cli;

import java.io.PrintWriter;
import java.util.List;

/**
 * The zsh completion function ({@code _dtcore}), written from the registered commands' option tables with
 * zsh's {@code _arguments}: the commands with their purposes, each command's options with their help,
 * options that exclude each other, repeatable ones, and what a value or operand is (words, files,
 * folders). {@code dtcore completion zsh} prints it; the build installs it as share/zsh/site-functions/_dtcore.
 */
final class ZshCompletion {
    private ZshCompletion() {
    }

    static void write(List<Subcommand> commands, PrintWriter out) {
        out.println("#compdef dtcore");
        out.println("# zsh completion for dtcore: written by 'dtcore completion zsh' from the commands' option"
                + " tables.");
        out.println("# Install as _dtcore in a folder of $fpath (share/zsh/site-functions), then run compinit.");
        out.println();
        out.println("_dtcore() {");
        out.println("    local curcontext=$curcontext state line ret=1");
        out.println("    typeset -A opt_args");
        out.println("    _arguments -C \\");
        out.println("        '(- *)'{-h,--help}'[list the commands and exit]' \\");
        out.println("        '(- *)'{-V,--version}'[print the version and exit]' \\");
        out.println("        '--debug[add a stack trace to a failure]' \\");
        out.println("        '1:command:->command' \\");
        out.println("        '*::argument:->argument' && ret=0");
        out.println("    case $state in");
        out.println("    command)");
        out.println("        local -a commands=(");
        for (Subcommand c : commands) {
            out.println("            " + BashCompletion.quote(c.name().replace(":", "\\:") + ":" + c.purpose()));
        }
        out.println("        )");
        out.println("        _describe -t commands 'dtcore command' commands && ret=0");
        out.println("        ;;");
        out.println("    argument)");
        out.println("        curcontext=${curcontext%:*:*}:dtcore-$words[1]:");
        out.println("        case $words[1] in");
        for (Subcommand c : commands) {
            command(c, out);
        }
        out.println("        *)");
        out.println("            _files && ret=0");
        out.println("            ;;");
        out.println("        esac");
        out.println("        ;;");
        out.println("    esac");
        out.println("    return ret");
        out.println("}");
        out.println();
        out.println("_dtcore \"$@\"");
    }

    private static void command(Subcommand c, PrintWriter out) {
        OptionTable table = new OptionTable();
        c.declare(table);
        out.println("        " + BashCompletion.quote(c.name()) + ")");
        out.println("            _arguments -s -S \\");
        List<OptionTable.Entry> entries = table.entries();
        for (OptionTable.Entry e : entries) {
            out.println("                " + spec(e, entries) + " \\");
        }
        String operand = c.synopsis().isEmpty() ? null : c.operandWords().isEmpty() ? "'*:file:_files'"
                : BashCompletion.quote("1:" + c.synopsis().toLowerCase(java.util.Locale.ROOT) + ":("
                        + String.join(" ", c.operandWords()) + ")");
        out.println("                " + (operand == null ? "&& ret=0" : operand + " && ret=0"));
        out.println("            ;;");
    }

    /**
     * One option for {@code _arguments}: {@code '(excluded)'{-o+,--output=}'[help]:LABEL:action'}; a value
     * may follow as the next word or after '=' ({@code --arch=arm64}), as Commons CLI accepts.
     */
    private static String spec(OptionTable.Entry e, List<OptionTable.Entry> all) {
        StringBuilder excluded = new StringBuilder();
        if (!e.repeatable()) {
            // given once: it excludes itself, and so do the options of its group
            append(excluded, e);
        }
        if (e.name().equals("help")) {
            excluded.setLength(0);
            excluded.append("- *");
        }
        for (OptionTable.Entry other : all) {
            if (e.group() > 0 && other.group() == e.group() && other != e) {
                append(excluded, other);
            }
        }
        String value = "";
        if (e.value() != OptionTable.Value.NONE) {
            String action = switch (e.value()) {
                case FILE -> "_files";
                case FOLDER -> "_files -/";
                case WORD -> "(" + String.join(" ", e.words()) + ")";
                default -> " ";
            };
            value = ":" + e.label().replace(":", "\\:") + ":" + action;
        }
        String help = "[" + e.help().replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]") + "]";
        String prefix = (excluded.length() > 0 ? "(" + excluded + ")" : "") + (e.repeatable() ? "*" : "");
        String tail = BashCompletion.quote(help + value);
        if (e.shortName().isEmpty()) {
            return BashCompletion.quote(prefix + "--" + e.name() + (e.label().isEmpty() ? "" : "=")) + tail;
        }
        String argument = e.label().isEmpty() ? "" : "+";
        return BashCompletion.quote(prefix) + "{-" + e.shortName() + argument + ",--" + e.name()
                + (e.label().isEmpty() ? "" : "=") + "}" + tail;
    }

    private static void append(StringBuilder excluded, OptionTable.Entry e) {
        if (excluded.length() > 0) {
            excluded.append(' ');
        }
        if (!e.shortName().isEmpty()) {
            excluded.append('-').append(e.shortName()).append(' ');
        }
        excluded.append("--").append(e.name());
    }
}
