package org.dtcore;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * STYLE: library messages never name CLI flags; they name what to give as a {@link Given}, which the CLI
 * spells as its flag. No package but the command line's holds a string literal that spells an option
 * ("--sysroot"), other than kexec-tools' own options, which messages name as kexec-tools' behaviour.
 */
class LibraryWordsTest {
    private static final Path MAIN = Path.of("src/main/java/org/dtcore");
    private static final Pattern LITERAL = Pattern.compile("\"(?:\\\\.|[^\"\\\\])*\"");
    private static final Pattern FLAG = Pattern.compile("--[a-z]");
    /** kexec(8)'s own options, which the kexec-tools models name when they say what kexec-tools did. */
    private static final List<String> KEXEC_TOOLS_OPTIONS = List.of("--pass-memmap-cmdline");

    @Test
    void libraryMessagesNameNoFlag() throws IOException {
        List<String> found = new ArrayList<>();
        for (String pkg : List.of("text", "input", "fdt", "memory", "context", "crash", "elf", "capture", "kdump",
                "layout")) {
            try (Stream<Path> files = Files.list(MAIN.resolve(pkg))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    String code = Files.readString(f).replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//[^\\n]*", " ");
                    Matcher m = LITERAL.matcher(code);
                    while (m.find()) {
                        String literal = m.group();
                        if (FLAG.matcher(literal).find() && KEXEC_TOOLS_OPTIONS.stream().noneMatch(literal::contains)) {
                            found.add(MAIN.relativize(f) + ": " + m.group());
                        }
                    }
                }
            }
        }
        assertThat(found).isEmpty();
    }

    @Test
    void aWordingSaysItsInputsInTheLibrarysWordsOrInTheCallers() {
        Wording w = Wording.of("page size: 4096; override with ", Given.PAGE_SIZE, " or a vmcoreinfo note");

        assertThat(w.toString()).isEqualTo("page size: 4096; override with the page size or a vmcoreinfo note");
        assertThat(w.render(g -> "--" + g.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')))
                .isEqualTo("page size: 4096; override with --page-size or a vmcoreinfo note");
        assertThat(w.inputs()).containsExactly(Given.PAGE_SIZE);
    }
}
