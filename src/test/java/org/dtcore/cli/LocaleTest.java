package org.dtcore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Paths with non-ASCII bytes under every locale. The JVM fixes the encoding of file
 * names (sun.jnu.encoding) from the locale when it starts: with LANG=C, POSIX or none it is ASCII, and a
 * name like "dé/bé.dtb" cannot become a path. Through the launcher such names simply work (it gives the JVM a
 * UTF-8 locale); a JVM started directly in such a locale says so in one line and how to run instead; a
 * name that is valid in no encoding (a 0xff byte: not UTF-8) is named in one line.
 *
 * <p>Everything runs through {@code sh}, and every non-ASCII name is spelt with printf's octal escapes:
 * this test's own JVM may itself run in the C locale, where it could neither create such a file nor pass
 * such an argument.
 */
class LocaleTest {
    @TempDir
    Path tmp;

    /** dé/ (the folder), bé.dtb (a board), ü.dtbo (an overlay), rö/ (a system root), ö.json (an output). */
    private static final String DIR = "d\u00e9";

    @BeforeEach
    void filesWithNonAsciiNames() throws Exception {
        Path overlays = Path.of("src/test/resources/org/dtcore/fdt/kernel-overlays/arm64/boot/dts/mediatek");
        String script = "set -e\ncd " + q(tmp.toString()) + "\n"
                + "mkdir -p " + sh(DIR) + "\n"
                + "cp " + q(Path.of("fdt-samples/qemu-arm64-virt-2g.dtb").toAbsolutePath().toString()) + " "
                + sh(DIR + "/b\u00e9.dtb") + "\n"
                + "cp " + q(overlays.resolve("mt7986a-bananapi-bpi-r3.dtb").toAbsolutePath().toString()) + " "
                + sh(DIR + "/r3 base.dtb") + "\n"
                + "cp " + q(overlays.resolve("mt7986a-bananapi-bpi-r3-emmc.dtbo").toAbsolutePath().toString()) + " "
                + sh(DIR + "/\u00fc.dtbo") + "\n"
                + "r=" + sh(DIR + "/r\u00f6") + "\n"
                + "mkdir -p \"$r/sys/firmware\" \"$r/proc\" \"$r/sys/kernel\"\n"
                + "cp " + sh(DIR + "/b\u00e9.dtb") + " \"$r/sys/firmware/fdt\"\n"
                + "printf '40000000-bfffffff : System RAM\\n  40210000-40ffffff : Kernel code\\n"
                + "  60000000-6fffffff : Crash kernel\\n' > \"$r/proc/iomem\"\n"
                + "printf '40a34000 1024\\n' > \"$r/sys/kernel/vmcoreinfo\"\n"
                + "for c in 0 1; do mkdir -p \"$r/sys/devices/system/cpu/cpu$c\"; "
                + "echo bfb${c}d000 > \"$r/sys/devices/system/cpu/cpu$c/crash_notes\"; "
                + "echo 424 > \"$r/sys/devices/system/cpu/cpu$c/crash_notes_size\"; done\n"
                + "cp " + sh(DIR + "/b\u00e9.dtb") + " \"$(printf 'b\\377.dtb')\"\n";
        Run r = run(script, List.of("LANG=C.UTF-8"));
        assertThat(r.status()).as(r.err()).isZero();
    }

    /** The commands of the issue: an input, -o, --overlay, --sysroot, each named with non-ASCII bytes. */
    private static List<List<String>> commands() {
        return List.of(
                List.of("chunks", DIR + "/b\u00e9.dtb"),
                List.of("chunks", "--summary", DIR),
                List.of("expect", DIR + "/b\u00e9.dtb", "-o", DIR + "/\u00f6.json"),
                List.of("chunks", DIR + "/r3 base.dtb", "--overlay", DIR + "/\u00fc.dtbo"),
                List.of("overlay", DIR + "/r3 base.dtb", DIR + "/\u00fc.dtbo", "-o", DIR + "/m\u00e9rged.dtb"),
                List.of("header", "--sysroot", DIR + "/r\u00f6", "--arch", "arm64", "-o", DIR + "/h\u00e9.bin"));
    }

    @ParameterizedTest(name = "LANG={0}")
    @ValueSource(strings = {"C", "POSIX", ""})
    void aJvmStartedInANonUtf8LocaleSaysSoInOneLine(String lang) throws Exception {
        for (List<String> args : commands()) {
            Run r = run(java(args), lang.isEmpty() ? List.of() : List.of("LANG=" + lang));
            assertThat(r.status()).as(args + ": " + r.err()).isEqualTo(2);
            assertThat(r.err().lines().toList()).as(args.toString()).singleElement().asString()
                    .doesNotContain("internal error").contains("LC_ALL=C.UTF-8").contains("\u00e9");
        }
    }

    @Test
    void aJvmStartedInAUtf8LocaleTakesTheNames() throws Exception {
        for (List<String> args : commands()) {
            Run r = run(java(args), List.of("LANG=C.UTF-8"));
            assertThat(r.status()).as(args + ": " + r.err()).isZero();
        }
        assertThat(Files.readString(tmp.resolve(DIR).resolve("\u00f6.json"))).contains("\"ram\"");
    }

    @ParameterizedTest(name = "LANG={0}")
    @ValueSource(strings = {"C", "C.UTF-8"})
    void aNameValidInNoEncodingIsNamedInOneLine(String lang) throws Exception {
        Run r = run(CliProcess.command("chunks").stream().map(LocaleTest::q).reduce((a, b) -> a + " " + b)
                .orElseThrow() + " \"$(printf 'b\\377.dtb')\"", List.of("LANG=" + lang));
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err().lines().toList()).singleElement().asString().contains("b\\xff.dtb")
                .contains("not valid UTF-8").doesNotContain("internal error");
    }

    /** The script that runs the CLI jar's classes with {@code args}, each non-ASCII one spelt by printf. */
    private static String java(List<String> args) {
        StringBuilder b = new StringBuilder("exec");
        for (String a : CliProcess.command()) {
            b.append(' ').append(q(a));
        }
        for (String a : args) {
            b.append(' ').append(sh(a));
        }
        return b.toString();
    }

    record Run(int status, String out, String err) {
    }

    /**
     * Runs {@code script} with sh in {@link #tmp}, in an environment without LANG, LANGUAGE or any LC_
     * variable, plus {@code env}.
     */
    Run run(String script, List<String> env) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("env", "-u", "LANG", "-u", "LANGUAGE", "-u", "LC_ALL", "-u",
                "LC_CTYPE", "-u", "LC_MESSAGES"));
        cmd.addAll(env);
        cmd.addAll(List.of("sh", "-c", "cd " + q(tmp.toString()) + " && " + script));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    /** {@code s} as one shell word; non-ASCII characters as UTF-8 bytes through printf's octal escapes. */
    static String sh(String s) {
        if (s.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            return q(s);
        }
        StringBuilder b = new StringBuilder("\"$(printf '");
        for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xff;
            if (c >= 0x80 || c == '\'' || c == '\\' || c == '%') {
                b.append('\\').append(Integer.toOctalString(c));
            } else {
                b.append((char) c);
            }
        }
        return b.append("')\"").toString();
    }

    /** {@code s} (ASCII) in single quotes. */
    static String q(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
