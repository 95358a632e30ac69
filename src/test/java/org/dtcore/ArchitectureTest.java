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
 * The house (STYLE.md): input (bounded file reading, below every layer) → fdt → memory → context → crash
 * → elf → capture → kdump → layout, with cli on top; each package imports only those before it, and only
 * cli prints or exits.
 */
class ArchitectureTest {
    private static final List<String> ORDER = List.of("input", "fdt", "memory", "context", "crash", "elf", "capture",
            "kdump", "layout", "cli");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?org\\.dtcore\\.([a-z]+)\\.", Pattern.MULTILINE);
    private static final Path MAIN = Path.of("src/main/java/org/dtcore");

    @Test
    void everyPackageImportsOnlyThoseBeforeIt() throws IOException {
        List<String> violations = new ArrayList<>();
        for (String pkg : ORDER) {
            int rank = ORDER.indexOf(pkg);
            try (Stream<Path> files = Files.walk(MAIN.resolve(pkg))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    Matcher m = IMPORT.matcher(Files.readString(f));
                    while (m.find()) {
                        String used = m.group(1);
                        if (!ORDER.contains(used) || ORDER.indexOf(used) >= rank && !used.equals(pkg)) {
                            violations.add(MAIN.relativize(f) + " imports " + used);
                        }
                    }
                }
            }
        }
        assertThat(violations).isEmpty();
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
