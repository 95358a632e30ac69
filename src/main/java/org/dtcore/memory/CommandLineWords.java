package org.dtcore.memory;

import java.util.ArrayList;
import java.util.List;

/**
 * The words of a kernel command line as {@code cmdline.trim().split("\\s+")} gives them, without the regex
 * engine: every tree with bootargs reads them (crashkernel=, mem=, numa=), and compiling a Pattern costs a
 * one-shot run ~30 classes and their set-up (docs/performance.md).
 */
final class CommandLineWords {
    private CommandLineWords() {
    }

    static List<String> of(String cmdline) {
        String t = cmdline.trim();
        List<String> out = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i < t.length()) {
            if (isSpace(t.charAt(i))) {
                out.add(t.substring(start, i));
                while (i < t.length() && isSpace(t.charAt(i))) {
                    i++;
                }
                start = i;
            } else {
                i++;
            }
        }
        out.add(t.substring(start));
        return out;
    }

    /** {@code \s} of java.util.regex: space, \t, \n, \x0B, \f, \r. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0b || c == '\f' || c == '\r';
    }
}
