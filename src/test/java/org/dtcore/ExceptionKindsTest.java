package org.dtcore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.dtcore.context.ContextException;
import org.dtcore.context.ContextJson;
import org.dtcore.crash.CrashException;
import org.dtcore.crash.CrashKernelSpec;
import org.dtcore.layout.ExpectationException;
import org.dtcore.layout.ExpectationReader;
import org.dtcore.memory.Arch;
import org.dtcore.memory.Iomem;
import org.dtcore.memory.MemoryMapException;
import org.junit.jupiter.api.Test;

/** STYLE "From libfdt": each layer's exception names its failures with a kind enum. */
class ExceptionKindsTest {
    private static final Path MAIN = Path.of("src/main/java/org/dtcore");

    @Test
    void everyLayersExceptionHasAKind() throws IOException {
        List<String> without = new ArrayList<>();
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith("Exception.java")).toList()) {
                String text = Files.readString(f);
                if (!text.contains("extends DtcoreException")) {
                    continue;
                }
                found.add(f.getFileName().toString());
                if (!text.contains("public enum Kind") || !text.contains("public Kind kind()")) {
                    without.add(MAIN.relativize(f).toString());
                }
            }
        }
        assertThat(found).contains("MemoryMapException.java", "ContextException.java", "CrashException.java",
                "ExpectationException.java", "FdtException.java", "ElfException.java", "CaptureException.java",
                "TextException.java");
        assertThat(without).isEmpty();
    }

    @Test
    void failuresCarryTheirKind() {
        assertThat(catchThrowableOfType(MemoryMapException.class, () -> Iomem.parse("zz-1 : x\n")).kind())
                .isEqualTo(MemoryMapException.Kind.BAD_IOMEM);
        assertThat(catchThrowableOfType(ContextException.class, () -> ContextJson.parse("[]", "c.json", Arch.ARM64))
                .kind()).isEqualTo(ContextException.Kind.BAD_FILE);
        assertThat(catchThrowableOfType(ExpectationException.class, () -> ExpectationReader.parse("{\"ram\": 5}"))
                .kind()).isEqualTo(ExpectationException.Kind.BAD_FIELD);
        assertThat(catchThrowableOfType(ExpectationException.class, () -> ExpectationReader.parse("{")).kind())
                .isEqualTo(ExpectationException.Kind.BAD_FILE);
        assertThat(catchThrowableOfType(CrashException.class, () -> CrashKernelSpec.parse("256M")).kind())
                .isEqualTo(CrashException.Kind.BAD_CRASHKERNEL);
    }
}
