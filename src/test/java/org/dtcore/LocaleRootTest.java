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
 * Text dtcore prints is the same under every default locale (de_DE's Formatter writes "1,5 GiB"),
 * so every Formatter call names Locale.ROOT (docs/numbers.md).
 */
class LocaleRootTest {
    private static final Pattern FORMAT = Pattern.compile("(String\\.format|\\.printf)\\((?!Locale\\.ROOT)");

    @Test
    void everyFormatterCallNamesLocaleRoot() throws IOException {
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java/org/dtcore"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = FORMAT.matcher(ArchitectureTest.code(Files.readString(f)));
                while (m.find()) {
                    offenders.add(f.getFileName() + ": " + m.group());
                }
            }
        }
        assertThat(offenders).isEmpty();
    }
}
