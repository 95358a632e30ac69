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
 * The house (STYLE.md): text and input at the bottom (numbers and sizes, docs/numbers.md; bounded file reading), then fdt → memory → context
 * → crash → elf → capture → kdump → layout, with cli on top; each package uses only those before it, whether by
 * import or by a fully qualified name in code, and only cli prints or exits.
 */
class ArchitectureTest {
    private static final List<String> ORDER = List.of("text", "input", "fdt", "memory", "context", "crash", "elf", "capture", "kdump",
            "layout", "cli");
    /** Any use of a dtcore package in code: an import or a fully qualified name. */
    private static final Pattern USE = Pattern.compile("\\borg\\.dtcore\\.([a-z]+)\\.");
    /** Comments and literals, which name packages without using them. */
    private static final Pattern NOT_CODE = Pattern.compile("//[^\\n]*|/\\*.*?\\*/|\"(?:\\\\.|[^\"\\\\])*\"",
            Pattern.DOTALL);
    private static final Path MAIN = Path.of("src/main/java/org/dtcore");

    @Test
    void everyPackageImportsOnlyThoseBeforeIt() throws IOException {
        List<String> violations = new ArrayList<>();
        for (String pkg : ORDER) {
            int rank = ORDER.indexOf(pkg);
            try (Stream<Path> files = Files.walk(MAIN.resolve(pkg))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    Matcher m = USE.matcher(code(Files.readString(f)));
                    while (m.find()) {
                        String used = m.group(1);
                        if (!ORDER.contains(used) || ORDER.indexOf(used) >= rank && !used.equals(pkg)) {
                            violations.add(MAIN.relativize(f) + " uses " + used);
                        }
                    }
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    /** The text of a source file without its package line, comments and string literals. */
    static String code(String source) {
        return NOT_CODE.matcher(source).replaceAll(" ").replaceFirst("(?m)^package [^;]*;", "");
    }

    @Test
    void fullyQualifiedNamesCountAsUses() {
        String source = "package org.dtcore.memory;\n// org.dtcore.cli.X in a comment\n"
                + "class A { String s = \"org.dtcore.cli.Y\"; org.dtcore.layout.Z z; }";
        Matcher m = USE.matcher(code(source));
        assertThat(m.find()).isTrue();
        assertThat(m.group(1)).isEqualTo("layout");
        assertThat(m.find()).isFalse();
    }

    @Test
    void onlyTheCliPrintsOrExits() throws IOException {
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java") && !p.toString().contains("/cli/")).toList()) {
                String text = Files.readString(f);
                if (text.contains("System.out") || text.contains("System.err") || text.contains("System.exit")) {
                    offenders.add(MAIN.relativize(f).toString());
                }
            }
        }
        assertThat(offenders).isEmpty();
    }
}
