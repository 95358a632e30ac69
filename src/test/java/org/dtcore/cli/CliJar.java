package org.dtcore.cli;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * target/dtcore-cli.jar as the assembly makes it, for the launcher and distribution tests: the compiled classes
 * and the runtime jars (commons-cli, jackson) unpacked, without their META-INF or module descriptors.
 */
final class CliJar {
    private CliJar() {
    }

    /**
     * Writes the jar.
     *
     * @param jar     where
     * @param version the Implementation-Version (and Main-Class) of its manifest, or null for a jar without one
     */
    static void write(Path jar, String version) throws IOException {
        Set<String> seen = new HashSet<>();
        try (JarOutputStream out = version == null ? new JarOutputStream(Files.newOutputStream(jar))
                : new JarOutputStream(Files.newOutputStream(jar), manifest(version))) {
            Path classes;
            try {
                classes = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            } catch (URISyntaxException e) {
                throw new IOException(e);
            }
            try (Stream<Path> s = Files.walk(classes)) {
                for (Path f : s.filter(Files::isRegularFile).toList()) {
                    String name = classes.relativize(f).toString().replace('\\', '/');
                    if (seen.add(name)) {
                        out.putNextEntry(new JarEntry(name));
                        Files.copy(f, out);
                    }
                }
            }
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                String n = Path.of(entry).getFileName().toString();
                if (n.startsWith("commons-cli") || n.startsWith("jackson-")) {
                    copy(Path.of(entry), out, seen);
                }
            }
        }
    }

    private static Manifest manifest(String version) {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_VERSION, version);
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, Main.class.getName());
        return manifest;
    }

    private static void copy(Path from, JarOutputStream out, Set<String> seen) throws IOException {
        try (JarFile in = new JarFile(from.toFile())) {
            for (JarEntry e : Collections.list(in.entries())) {
                String n = e.getName();
                if (e.isDirectory() || n.startsWith("META-INF/") || n.endsWith("module-info.class") || !seen.add(n)) {
                    continue;
                }
                out.putNextEntry(new JarEntry(n));
                try (InputStream i = in.getInputStream(e)) {
                    i.transferTo(out);
                }
            }
        }
    }
}
