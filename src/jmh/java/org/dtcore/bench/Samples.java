package org.dtcore.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.dtcore.memory.Arch;

/**
 * The benchmark inputs: every fdt-samples blob, read into memory once (the folder is found from the
 * working directory, or the system property {@code dtcore.samples}).
 */
final class Samples {
    private Samples() {
    }

    /** A sample blob and the architecture whose crash policy fits it. */
    record Sample(String name, ByteBuffer blob, Arch arch) {
    }

    static List<Sample> all() {
        Path dir = Path.of(System.getProperty("dtcore.samples", "fdt-samples"));
        try (Stream<Path> files = Files.list(dir)) {
            List<Sample> out = new ArrayList<>();
            for (Path p : files.filter(f -> f.toString().endsWith(".dtb")).sorted().toList()) {
                String name = p.getFileName().toString();
                out.add(new Sample(name, ByteBuffer.wrap(Files.readAllBytes(p)), archOf(name)));
            }
            if (out.isEmpty()) {
                throw new IllegalStateException("no .dtb in " + dir.toAbsolutePath()
                        + " (run from the project root or set -Ddtcore.samples)");
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Arch archOf(String name) {
        if (name.contains("riscv")) {
            return Arch.RISCV64;
        }
        if (name.contains("pseries")) {
            return Arch.PPC64;
        }
        if (name.contains("ppce500")) {
            return Arch.PPC;
        }
        return Arch.ARM64;
    }
}
