package org.dtcore.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The bash completion script, written from the registered commands' option tables: the commands, each
 * command's options, the words, files or folders an option's value is, and file names (or the words) for
 * operands. It reads only the words on the command line: completing never starts Java. {@code dtcore
 * completion bash} prints it; the build installs it as share/bash-completion/completions/dtcore.
 */
final class BashCompletion {
    private BashCompletion() {
    }

    static void write(List<Subcommand> commands, PrintWriter out) {
        out.println("# bash completion for dtcore: written by 'dtcore completion bash' from the commands' option"
                + " tables.");
        out.println("# Install as share/bash-completion/completions/dtcore, or source it from ~/.bashrc.");
        out.println();
        out.println("_dtcore_words() { mapfile -t COMPREPLY < <(compgen -W \"$1\" -- \"$cur\"); }");
        out.println("_dtcore_files() { compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f --"
                + " \"$cur\"); }");
        out.println("_dtcore_folders() { compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -d --"
                + " \"$cur\"); }");
        out.println();
        out.println("_dtcore() {");
        out.println("    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]} cmd= i");
        out.println("    COMPREPLY=()");
        out.println("    # bash splits --arch=arm64 at '=' (COMP_WORDBREAKS): the option is the word before it");
        out.println("    if [[ $cur == = ]]; then");
        out.println("        cur=");
        out.println("    elif [[ $prev == = ]] && ((COMP_CWORD >= 2)); then");
        out.println("        prev=${COMP_WORDS[COMP_CWORD-2]}");
        out.println("    fi");
        out.println("    # the command: the first word that is not an option (the options before it take no value)");
        out.println("    for ((i = 1; i < COMP_CWORD; i++)); do");
        out.println("        if [[ ${COMP_WORDS[i]} != -* ]]; then");
        out.println("            cmd=${COMP_WORDS[i]}");
        out.println("            break");
        out.println("        fi");
        out.println("    done");
        out.println("    case $cmd in");
        List<String> names = new ArrayList<>();
        for (Subcommand c : commands) {
            names.add(c.name());
        }
        out.println("    '')");
        out.println("        if [[ $cur == -* ]]; then _dtcore_words '-h --help -V --version --debug'; else"
                + " _dtcore_words " + quote(String.join(" ", names)) + "; fi");
        out.println("        ;;");
        for (Subcommand c : commands) {
            command(c, out);
        }
        out.println("    *)");
        out.println("        _dtcore_files");
        out.println("        ;;");
        out.println("    esac");
        out.println("}");
        out.println("complete -F _dtcore dtcore");
    }

    private static void command(Subcommand c, PrintWriter out) {
        OptionTable table = new OptionTable();
        c.declare(table);
        List<String> typed = new ArrayList<>();
        List<String> text = new ArrayList<>();
        out.println("    " + quote(c.name()) + ")");
        out.println("        case $prev in");
        for (OptionTable.Entry e : table.entries()) {
            String forms = e.shortName().isEmpty() ? "--" + e.name() : "-" + e.shortName() + "|--" + e.name();
            if (!e.shortName().isEmpty()) {
                typed.add("-" + e.shortName());
            }
            typed.add("--" + e.name());
            switch (e.value()) {
                case FILE -> out.println("        " + forms + ") _dtcore_files; return ;;");
                case FOLDER -> out.println("        " + forms + ") _dtcore_folders; return ;;");
                case WORD -> out.println("        " + forms + ") _dtcore_words " + quote(String.join(" ", e.words()))
                        + "; return ;;");
                case TEXT -> text.add(forms);
                case NONE -> {
                }
            }
        }
        if (!text.isEmpty()) {
            // a number, a size, a specification: nothing to offer but the user's own words
            out.println("        " + String.join("|", text) + ") return ;;");
        }
        out.println("        esac");
        out.println("        if [[ $cur == -* ]]; then");
        out.println("            _dtcore_words " + quote(String.join(" ", typed)));
        out.println("        else");
        out.println("            " + (c.operandWords().isEmpty() ? "_dtcore_files"
                : "_dtcore_words " + quote(String.join(" ", c.operandWords()))));
        out.println("        fi");
        out.println("        ;;");
    }

    /** {@code s} in single quotes, for the shell. */
    static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
