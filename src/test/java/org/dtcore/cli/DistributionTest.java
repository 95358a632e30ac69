package org.dtcore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The installed command (src/dist/bin/dtcore in the layout of the distribution archive, src/assembly/dist.xml):
 * run through symbolic links from a tree it never writes to, its class archive in the user's cache folder,
 * working without a writable cache, in the C locale with names that are not ASCII, and failing with exit
 * status 2 and one line only where Java cannot run the jar. The install is made here from the compiled classes
 * (the tests run before mvn package makes the archive).
 */
class DistributionTest {
    static final String VERSION = "9.9.9";
    static final Path JAVA_BIN = Path.of(System.getProperty("java.home"), "bin");

    @TempDir
    Path tmp;
    Path install;
    Path home;

    private record Run(int status, String out, String err) {
    }

    @BeforeEach
    void install() throws IOException {
        install = tmp.resolve("opt/dtcore-" + VERSION);
        Files.createDirectories(install.resolve("bin"));
        Files.createDirectories(install.resolve("lib"));
        Path script = Files.copy(Path.of("src/dist/bin/dtcore"), install.resolve("bin/dtcore"));
        script.toFile().setExecutable(true, false);
        CliJar.write(install.resolve("lib/dtcore-cli-" + VERSION + ".jar"), VERSION);
        Path samples = install.resolve("share/dtcore/samples");
        Files.createDirectories(samples.resolve("expected-layout"));
        try (Stream<Path> s = Files.list(Path.of("fdt-samples"))) {
            for (Path f : s.filter(p -> p.toString().endsWith(".dtb")).toList()) {
                Files.copy(f, samples.resolve(f.getFileName().toString()));
            }
        }
        Files.createDirectories(samples.resolve("boot-loader"));
        for (String f : List.of("bcm2711-rpi-4-b.dtb", "rpi4-ramoops.dtbo")) {
            Files.copy(Path.of("fdt-samples/boot-loader", f), samples.resolve("boot-loader").resolve(f));
        }
        try (Stream<Path> s = Files.list(Path.of("fdt-samples/expected-layout"))) {
            for (Path f : s.toList()) {
                Files.copy(f, samples.resolve("expected-layout").resolve(f.getFileName().toString()));
            }
        }
        home = Files.createDirectories(tmp.resolve("home"));
    }

    /** The environment of a user with Java on PATH, a home folder and a UTF-8 locale. */
    private Map<String, String> user() {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", JAVA_BIN + ":/usr/bin:/bin");
        env.put("HOME", home.toString());
        env.put("LANG", "C.UTF-8");
        return env;
    }

    /** As {@link #user}, with a cache folder that cannot be made: no training, for tests about other things. */
    private Map<String, String> untrained() throws IOException {
        Map<String, String> env = user();
        Path file = tmp.resolve("cache-is-a-file");
        if (!Files.exists(file)) {
            Files.writeString(file, "x");
        }
        env.put("XDG_CACHE_HOME", file.toString());
        return env;
    }

    private static Run run(Path command, Map<String, String> env, Path dir, String... args)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(command.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out, err);
    }

    private Path sample() {
        return install.resolve("share/dtcore/samples/qemu-arm64-virt-numa.dtb");
    }

    /** Every file under the install with its size and time: what a run must leave as it found. */
    private Map<String, String> snapshot() throws IOException {
        Map<String, String> all = new TreeMap<>();
        try (Stream<Path> s = Files.walk(install)) {
            for (Path f : s.toList()) {
                BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class,
                        java.nio.file.LinkOption.NOFOLLOW_LINKS);
                all.put(install.relativize(f).toString(), a.size() + " " + a.lastModifiedTime());
            }
        }
        return all;
    }

    private static void readOnly(Path tree, boolean readOnly) throws IOException {
        try (Stream<Path> s = Files.walk(tree)) {
            for (Path f : s.toList()) {
                f.toFile().setWritable(!readOnly, false);
            }
        }
    }

    private List<Path> archives(Path cache) throws IOException {
        if (!Files.isDirectory(cache)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(cache)) {
            return s.filter(p -> p.toString().endsWith(".jsa") || p.toString().endsWith(".aot")).toList();
        }
    }

    @Test
    void runsThroughSymbolicLinksFromATreeItNeverWritesAndKeepsItsArchiveInTheCache() throws Exception {
        // ~/bin/dtcore -> ../../opt/dtcore-VERSION/bin/dtcore (relative), ~/.local/bin/dtcore -> ~/bin/dtcore
        Path bin = Files.createDirectories(home.resolve("bin"));
        Path link = Files.createSymbolicLink(bin.resolve("dtcore"), bin.relativize(install.resolve("bin/dtcore")));
        Path local = Files.createDirectories(home.resolve(".local/bin"));
        Path second = Files.createSymbolicLink(local.resolve("dtcore"), link);
        Map<String, String> before = snapshot();
        readOnly(install, true);
        try {
            Run version = run(second, user(), tmp, "--version");
            assertThat(version.err()).isEmpty();
            assertThat(version.status()).isZero();
            assertThat(version.out()).isEqualTo("dtcore " + VERSION + "\n");
            Path cache = home.resolve(".cache/dtcore");
            List<Path> archives = archives(cache);
            assertThat(archives).as("one archive, trained on the first run").hasSize(1);
            assertThat(archives.get(0).getFileName().toString()).endsWith(".top.jsa");
            assertThat(Files.readAllLines(cache.resolve("paths"))).contains(install.toRealPath().toString());

            // a command's first run trains that command's archive; later runs reuse what the first found and trained
            Run chunks = run(link, user(), home, "chunks", "--arch", "arm64", sample().toString());
            assertThat(chunks.err()).isEmpty();
            assertThat(chunks.status()).isZero();
            assertThat(chunks.out().replaceAll("\\s+", " ")).startsWith("Memory map of " + sample() + " (");
            List<Path> two = archives(cache);
            assertThat(two).hasSize(2).contains(archives.get(0))
                    .anySatisfy(p -> assertThat(p.getFileName().toString()).endsWith(".chunks.jsa"));
            Map<Path, FileTime> trained = new HashMap<>();
            for (Path a : two) {
                trained.put(a, Files.getLastModifiedTime(a));
            }
            assertThat(run(second, user(), home, "--version").status()).isZero();
            assertThat(run(link, user(), home, "--debug", "chunks", "--format", "json", sample().toString()).status())
                    .isZero();
            for (Path a : two) {
                assertThat(Files.getLastModifiedTime(a)).as(a.toString()).isEqualTo(trained.get(a));
            }
            // a word that is no command trains nothing (and fails as it should)
            assertThat(run(link, user(), home, "chnuks", sample().toString()).status()).isEqualTo(2);
            assertThat(archives(cache)).hasSize(2);

            // run as a relative path from another folder, and directly
            Run relative = run(Path.of("bin/dtcore"), user(), install, "--version");
            assertThat(relative.status()).as(relative.err()).isZero();
            Run direct = run(install.resolve("bin/dtcore"), user(), tmp, "chunks", "--format", "json",
                    sample().toString());
            assertThat(direct.status()).as(direct.err()).isZero();
            assertThat(direct.out()).startsWith("{");
        } finally {
            readOnly(install, false);
        }
        assertThat(snapshot()).as("nothing written into the installation").isEqualTo(before);
    }

    @Test
    void aCacheFolderThatCannotBeMadeCostsOnlyTheSaving() throws Exception {
        Path file = Files.writeString(tmp.resolve("not-a-folder"), "x");
        Map<String, String> env = user();
        env.put("XDG_CACHE_HOME", file.toString());
        Run r = run(install.resolve("bin/dtcore"), env, tmp, "chunks", "--arch", "arm64", sample().toString());
        assertThat(r.err()).isEmpty();
        assertThat(r.status()).isZero();
        assertThat(r.out()).startsWith("Memory map of");
        // no home folder at all, no XDG_CACHE_HOME
        Map<String, String> homeless = user();
        homeless.remove("HOME");
        Run h = run(install.resolve("bin/dtcore"), homeless, tmp, "--version");
        assertThat(h.err()).isEmpty();
        assertThat(h.status()).isZero();
        assertThat(archives(home.resolve(".cache/dtcore"))).isEmpty();
    }

    @Test
    void theArchiveFollowsXdgCacheHomeAndADamagedOrStaleOneIsNeverAFailure() throws Exception {
        Map<String, String> env = user();
        Path xdg = tmp.resolve("xdg");
        env.put("XDG_CACHE_HOME", xdg.toString());
        assertThat(run(install.resolve("bin/dtcore"), env, tmp, "chunks", "--arch", "arm64", sample().toString()).status()).isZero();
        List<Path> archives = archives(xdg.resolve("dtcore"));
        assertThat(archives).hasSize(1);
        Path archive = archives.get(0);
        assertThat(archive.getFileName().toString()).endsWith(".chunks.jsa");
        Path jar = install.resolve("lib/dtcore-cli-" + VERSION + ".jar");

        // damaged, yet newer than the jar (so not retrained): the JVM runs without it, silently
        archive.toFile().setWritable(true);
        Files.write(archive, "not an archive".getBytes(StandardCharsets.US_ASCII));
        Run damaged = run(install.resolve("bin/dtcore"), env, tmp, "chunks", "--arch", "arm64", sample().toString());
        assertThat(damaged.err()).isEmpty();
        assertThat(damaged.status()).isZero();

        // stale: a jar newer than the archive (an update unpacked in place) is retrained
        Files.setLastModifiedTime(archive, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() - 5000));
        Run stale = run(install.resolve("bin/dtcore"), env, tmp, "chunks", "--arch", "arm64", sample().toString());
        assertThat(stale.err()).isEmpty();
        assertThat(stale.status()).isZero();
        assertThat(Files.size(archive)).isGreaterThan(1 << 20);
        assertThat(Files.getLastModifiedTime(archive)).isGreaterThan(Files.getLastModifiedTime(jar));
    }

    @Test
    void namesBeyondAsciiWorkInTheCLocale() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("bläster"));
        Path blob = Files.copy(sample(), dir.resolve("bøard-ü.dtb"));
        List<Map<String, String>> locales = new ArrayList<>();
        for (String[] vars : List.of(new String[] {"LC_ALL", "C"}, new String[] {"LANG", "C"},
                new String[] {"LC_CTYPE", "POSIX"}, new String[0])) {
            Map<String, String> env = untrained();
            env.remove("LANG");
            if (vars.length > 0) {
                env.put(vars[0], vars[1]);
            }
            locales.add(env);
        }
        for (Map<String, String> env : locales) {
            Run r = run(install.resolve("bin/dtcore"), env, tmp, "chunks", "--arch", "arm64", blob.toString());
            assertThat(r.err()).as(env.toString()).isEmpty();
            assertThat(r.status()).as(env.toString()).isZero();
            assertThat(r.out().replaceAll("\\s+", " ")).as(env.toString()).startsWith("Memory map of " + blob + " (");
            Path out = dir.resolve("märk.json");
            Run o = run(install.resolve("bin/dtcore"), env, tmp, "expect", blob.toString(), "-o", out.toString());
            assertThat(o.status()).as(o.err()).isZero();
            assertThat(out).exists();
            Files.delete(out);
        }
        // the control: the same JVM without the script's locale cannot even name the file
        Map<String, String> c = user();
        c.put("LC_ALL", "C");
        List<String> direct = new ArrayList<>(List.of(JAVA_BIN.resolve("java").toString(), "-cp",
                install.resolve("lib/dtcore-cli-" + VERSION + ".jar").toString(), Main.class.getName(), "chunks",
                blob.toString()));
        ProcessBuilder pb = new ProcessBuilder(direct);
        pb.environment().clear();
        pb.environment().putAll(c);
        Process p = pb.start();
        p.getInputStream().readAllBytes();
        p.getErrorStream().readAllBytes();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(2);
    }

    @Test
    void whereJavaCannotRunTheJarTheScriptSaysWhyAndExitsTwo() throws Exception {
        Path script = install.resolve("bin/dtcore");
        Map<String, String> noJava = untrained();
        noJava.put("PATH", "/nonexistent");
        Run none = run(script, noJava, tmp, "--version");
        assertThat(none.status()).isEqualTo(2);
        assertThat(none.err()).isEqualTo("dtcore: no java on PATH and no JAVA_HOME (Java 17 or newer is needed)\n");

        // a Java too old for the jar, by its release file
        Path old = tmp.resolve("jdk-11");
        Files.createDirectories(old.resolve("bin"));
        Files.writeString(old.resolve("release"), "IMPLEMENTOR=\"test\"\nJAVA_VERSION=\"11.0.2\"\n");
        Path fake = Files.writeString(old.resolve("bin/java"), "#!/bin/sh\necho fake java >&2\nexit 1\n");
        fake.toFile().setExecutable(true, false);
        Map<String, String> tooOld = untrained();
        tooOld.put("JAVA_HOME", old.toString());
        Run r = run(script, tooOld, tmp, "--version");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err().lines().toList()).singleElement().asString().startsWith("dtcore: ")
                .contains("Java 11").contains("Java 17 or newer");

        // a JAVA_HOME that is no Java: the one on PATH runs the jar
        Map<String, String> stale = untrained();
        stale.put("JAVA_HOME", tmp.resolve("no-such-jdk").toString());
        Run fallback = run(script, stale, tmp, "--version");
        assertThat(fallback.status()).as(fallback.err()).isZero();
        assertThat(fallback.out()).startsWith("dtcore ");

        // no jar beside the script
        Files.delete(install.resolve("lib/dtcore-cli-" + VERSION + ".jar"));
        Run noJar = run(script, untrained(), tmp, "--version");
        assertThat(noJar.status()).isEqualTo(2);
        assertThat(noJar.err().lines().toList()).singleElement().asString()
                .startsWith("dtcore: no lib/dtcore-cli-*.jar in ");
    }

    @Test
    void aFolderNameWithAColonStillRuns() throws Exception {
        // Java splits a class path (and -jar's) at ':': the script hands the jar over as an open descriptor
        Path odd = tmp.resolve("with:colon");
        Files.createDirectories(odd);
        Path moved = Files.move(install, odd.resolve(install.getFileName()));
        Run r = run(moved.resolve("bin/dtcore"), user(), tmp, "--version");
        assertThat(r.err()).isEmpty();
        assertThat(r.status()).isZero();
        assertThat(r.out()).isEqualTo("dtcore " + VERSION + "\n");
        Run c = run(moved.resolve("bin/dtcore"), user(), tmp, "chunks", "--format", "json",
                moved.resolve("share/dtcore/samples/qemu-arm64-virt-numa.dtb").toString());
        assertThat(c.status()).as(c.err()).isZero();
        assertThat(archives(home.resolve(".cache/dtcore"))).isEmpty();
    }

    @Test
    void dtcoresOwnStatusAndMessagesPassThrough() throws Exception {
        Run missing = run(install.resolve("bin/dtcore"), untrained(), tmp, "chunks", "no-such.dtb");
        assertThat(missing.status()).isEqualTo(2);
        assertThat(missing.err()).startsWith("dtcore: no-such.dtb: ");
        Path expect = tmp.resolve("e.json");
        assertThat(run(install.resolve("bin/dtcore"), untrained(), tmp, "expect", sample().toString(), "-o",
                expect.toString()).status()).isZero();
        Run differs = run(install.resolve("bin/dtcore"), untrained(), tmp, "check",
                install.resolve("share/dtcore/samples/qemu-arm64-virt-2g.dtb").toString(), expect.toString());
        assertThat(differs.status()).isEqualTo(1);
    }

    @Test
    void everyCommandPrintsThroughTheInstalledCommandWhatItPrintsInProcess() throws Exception {
        // the installed command loads the jar differently (boot class path, docs/install.md): every command
        // path must still work there, and print the same
        String s = sample().toString();
        String t = tmp.toString();
        String[] header = {"--arch", "arm64", "--crashkernel", "256M@0x60000000", "--cpu-note", "0,0x13fb00000",
            "--cpu-note", "1,0x13fb10000", "--vmcoreinfo", "0x40a34000", "--no-kernel-text"};
        List<String[]> commands = new ArrayList<>(List.of(
                new String[] {"chunks", s}, new String[] {"chunks", "--format", "json", s},
                new String[] {"chunks", "--jsonl", install.resolve("share/dtcore/samples").toString()},
                new String[] {"chunks", "--summary", "--arch", "arm64", install.resolve("share/dtcore/samples").toString()},
                new String[] {"context", s, "--arch", "arm64", "--cpu-note", "0,0x13fb00000", "--vmcoreinfo", "0x40a34000",
                    "--no-kernel-text"},
                new String[] {"expect", s, "--arch", "arm64"},
                new String[] {"map", s, "-o", "-"},
                new String[] {"diff", s, install.resolve("share/dtcore/samples/qemu-arm64-virt-2g.dtb").toString()},
                new String[] {"overlay", "fdt-samples/boot-loader/bcm2711-rpi-4-b.dtb", "fdt-samples/boot-loader/rpi4-ramoops.dtbo",
                    "-o", t + "/merged.dtb"},
                new String[] {"capture-dtb", s, "--arch", "arm64", "--crashkernel", "256M@0x60000000", "--elfcorehdr",
                    "0x6f000000,0x1000", "-o", t + "/capture.dtb"},
                new String[] {"man"}, new String[] {"completion", "bash"}, new String[] {"completion", "zsh"},
                new String[] {"--help"}, new String[] {"header", "--help"}));
        List<String> h = new ArrayList<>(List.of("header", s, "-o", t + "/hdr"));
        h.addAll(List.of(header));
        commands.add(h.toArray(new String[0]));
        commands.add(new String[] {"inspect", t + "/hdr"});
        commands.add(new String[] {"inspect", "--format", "json", t + "/hdr"});
        Path cwd = Path.of("").toAbsolutePath();
        for (String[] args : commands) {
            String what = String.join(" ", args);
            Run installed = run(install.resolve("bin/dtcore"), untrained(), cwd, args);
            CliRun inProcess = CliRun.of(args);
            assertThat(installed.err()).as(what).isEqualTo(inProcess.err());
            assertThat(installed.status()).as(what).isEqualTo(inProcess.status());
            assertThat(installed.out()).as(what).isEqualTo(inProcess.out()
                    .replace(DtcoreCommand.version(), "dtcore " + VERSION));
        }
    }

    @Test
    void theInstalledCommandStartsJavaWithTheDevelopersLauncherFlags() throws IOException {
        Pattern opts = Pattern.compile("(?m)^opts=\\(([^)]*)\\)");
        Matcher dev = opts.matcher(Files.readString(Path.of("dtcore")));
        Matcher installed = opts.matcher(Files.readString(Path.of("src/dist/bin/dtcore")));
        assertThat(dev.find()).isTrue();
        assertThat(installed.find()).isTrue();
        assertThat(installed.group(1)).isEqualTo(dev.group(1)).contains("-XX:+UseSerialGC");
    }
}
