package org.dtcore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher (./dtcore) with its class archive missing, stale or damaged: every run still works and says
 * nothing about the archive. The launcher runs in a copy of the project holding only itself,
 * the samples and a CLI jar made here from the compiled classes and the class path's jars.
 */
class LauncherTest {
    @TempDir
    Path home;

    private record Run(int status, String out, String err) {
    }

    private Run launch(String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of(home.resolve("dtcore").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        // the launcher takes the java it finds on PATH: this test's
        pb.environment().put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":" + System.getenv("PATH"));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out, err);
    }

    private Path archive() throws IOException {
        try (Stream<Path> s = Files.list(home.resolve("target/cds"))) {
            List<Path> all = s.filter(p -> !p.getFileName().toString().endsWith(".tmp")).toList();
            assertThat(all).as("one archive for this JDK").hasSize(1);
            return all.get(0);
        }
    }

    @Test
    void worksWithTheArchiveMissingStaleOrDamaged() throws Exception {
        Files.copy(Path.of("dtcore"), home.resolve("dtcore"));
        copyTree(Path.of("fdt-samples"), home.resolve("fdt-samples"));
        Path jar = home.resolve("target/dtcore-cli.jar");
        Files.createDirectories(jar.getParent());
        CliJar.write(jar, null);

        Run first = launch("--version");
        assertThat(first.status()).as(first.err()).isZero();
        assertThat(first.out()).startsWith("dtcore ");
        assertThat(first.err()).isEmpty();
        Path archive = archive();

        // stale: a jar newer than the archive is retrained
        archive.toFile().setWritable(true);
        Files.setLastModifiedTime(archive, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() - 5000));
        Run stale = launch("chunks", "--arch", "arm64", "fdt-samples/qemu-arm64-virt-2g.dtb");
        assertThat(stale.status()).as(stale.err()).isZero();
        assertThat(stale.err()).isEmpty();
        assertThat(Files.getLastModifiedTime(archive())).isGreaterThan(Files.getLastModifiedTime(jar));

        // damaged, yet newer than the jar (so not retrained): the JVM runs without it, silently
        Path a = archive();
        a.toFile().setWritable(true);
        Files.write(a, "not an archive".getBytes(StandardCharsets.US_ASCII));
        Run damaged = launch("--version");
        assertThat(damaged.status()).as(damaged.err()).isZero();
        assertThat(damaged.out()).startsWith("dtcore ");
        assertThat(damaged.err()).isEmpty();

        // missing: made again
        Files.delete(a);
        Run missing = launch("--version");
        assertThat(missing.status()).isZero();
        assertThat(missing.err()).isEmpty();
        assertThat(archive()).exists();
    }

    /** The launcher, the samples and a CLI jar in {@link #home}, as {@link #worksWithTheArchiveMissingStaleOrDamaged} has them. */
    private void project() throws IOException {
        Files.copy(Path.of("dtcore"), home.resolve("dtcore"));
        copyTree(Path.of("fdt-samples"), home.resolve("fdt-samples"));
        Path jar = home.resolve("target/dtcore-cli.jar");
        Files.createDirectories(jar.getParent());
        CliJar.write(jar, null);
    }

    /** A script at {@code bin/mvn} that fails as a broken build does: Maven's error page, exit 1. */
    private Path failingMaven() throws IOException {
        Path bin = Files.createDirectories(home.resolve("fake-bin"));
        Path mvn = bin.resolve("mvn");
        Files.writeString(mvn, "#!/bin/sh\necho '[ERROR] Failed to execute goal ... BUILD FAILURE'\n"
                + "echo '[ERROR] -> [Help 1]'\nexit 1\n");
        mvn.toFile().setExecutable(true);
        return bin;
    }

    /** Runs the launcher at {@code launcher} with {@code script} args through sh, with {@code pathFirst} on PATH. */
    private Run sh(Path pathFirst, List<String> env, String script) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of("env", "-u", "LANG", "-u", "LC_ALL", "-u", "LC_CTYPE",
                "PATH=" + (pathFirst == null ? "" : pathFirst + ":") + Path.of(System.getProperty("java.home"), "bin")
                        + ":" + System.getenv("PATH")));
        cmd.addAll(env);
        cmd.addAll(List.of("sh", "-c", script));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out, err);
    }

    /**
     * Sources newer than the jar and a build that fails (a read-only project, a broken pom): the jar that
     * is there runs, after one line saying it could not be rebuilt; the command's own status stands.
     */
    @Test
    void aJarThatCannotBeRebuiltStillRuns() throws Exception {
        project();
        Path src = Files.createDirectories(home.resolve("src/main/java"));
        Files.writeString(src.resolve("Newer.java"), "class Newer {}\n");
        Files.setLastModifiedTime(home.resolve("target/dtcore-cli.jar"), FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        Path bin = failingMaven();
        Run r = sh(bin, List.of(), LocaleTest.q(home.resolve("dtcore").toString()) + " --version");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("dtcore ");
        assertThat(r.err().lines().toList()).singleElement().asString()
                .startsWith("dtcore: warning: ").contains("cannot be rebuilt").doesNotContain("ERROR");
        // differences found stays 1, bad input 2: the launcher adds nothing to the status
        Run bad = sh(bin, List.of(), LocaleTest.q(home.resolve("dtcore").toString()) + " chunks /nonexistent.dtb");
        assertThat(bad.status()).isEqualTo(2);
    }

    /** With no jar to fall back on, a failed build is the launcher's failure: exit 2, never Maven's 1. */
    @Test
    void noJarAndAFailedBuildExitTwo() throws Exception {
        project();
        Files.delete(home.resolve("target/dtcore-cli.jar"));
        Run r = sh(failingMaven(), List.of(), LocaleTest.q(home.resolve("dtcore").toString()) + " --version");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err().lines().reduce((a, b) -> b).orElseThrow()).startsWith("dtcore: cannot build target/dtcore-cli.jar");
    }

    /** Reached through a symbolic link elsewhere (~/bin/dtcore), the launcher finds the project it belongs to. */
    @Test
    void aLinkToTheLauncherFindsItsProject() throws Exception {
        project();
        Path bin = Files.createDirectories(home.resolve("elsewhere/bin"));
        Files.createSymbolicLink(bin.resolve("dtcore"), home.resolve("dtcore"));
        Path work = Files.createDirectories(home.resolve("elsewhere/work"));
        Run r = sh(failingMaven(), List.of(), "cd " + LocaleTest.q(work.toString()) + " && "
                + LocaleTest.q(bin.resolve("dtcore").toString()) + " chunks --arch arm64 "
                + LocaleTest.q(home.resolve("fdt-samples/qemu-arm64-virt-2g.dtb").toString()));
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).contains("2 GiB");
        assertThat(bin.resolve("target")).doesNotExist();
        // and through PATH, as a user would type it
        Run viaPath = sh(bin, List.of(), "cd " + LocaleTest.q(work.toString()) + " && dtcore --version");
        assertThat(viaPath.status()).as(viaPath.err()).isZero();
        assertThat(viaPath.out()).startsWith("dtcore ");
    }

    /** In the C, POSIX or no locale the launcher gives the JVM a UTF-8 one: non-ASCII names simply work. */
    @org.junit.jupiter.params.ParameterizedTest(name = "LANG={0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"C", "POSIX", ""})
    void nonAsciiNamesWorkThroughTheLauncherInAnyLocale(String lang) throws Exception {
        project();
        String launcher = LocaleTest.q(home.resolve("dtcore").toString());
        String board = LocaleTest.sh(home.resolve("fdt-samples") + "/b\u00e9 \u00fc.dtb");
        String out = LocaleTest.sh(home + "/\u00f6ut/\u00e9.json");
        Run r = sh(null, lang.isEmpty() ? List.of() : List.of("LANG=" + lang),
                "cp " + LocaleTest.q(home.resolve("fdt-samples/qemu-arm64-virt-2g.dtb").toString()) + " " + board
                        + " && mkdir -p " + LocaleTest.sh(home + "/\u00f6ut")
                        + " && " + launcher + " chunks " + board
                        + " && " + launcher + " expect " + board + " -o " + out
                        + " && " + launcher + " chunks --summary " + LocaleTest.sh(home.resolve("fdt-samples").toString())
                        + " && test -s " + out);
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("b\u00e9 \u00fc.dtb");
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path f : s.toList()) {
                Path t = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(f, t);
                }
            }
        }
    }
}
