package org.dtcore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dtcore.fdt.FdtParser;
import org.dtcore.memory.MemoryMap;
import org.dtcore.memory.MemoryScan;
import org.dtcore.memory.ScanOptions;
import org.dtcore.testing.DtsBoard;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No file contents in errors, ever: a system root file, a System.map, a note, a JSON
 * file or a boot argument may be a link to /etc/passwd. Each reader is fed the first line of one, and
 * its message must say what was expected and where, and never what was found. One test per reader.
 */
class NoContentInErrorsTest {
    static final String SECRET = "root:x:0:0:root:/root:/bin/bash";
    static final Path SAMPLE = Path.of("fdt-samples", "qemu-arm64-virt-2g.dtb");

    @TempDir
    Path tmp;
    Path root;

    /** A system root header reads without complaint; each test then spoils one file. */
    @BeforeEach
    void systemRoot() throws IOException {
        root = tmp.resolve("root");
        Files.createDirectories(root.resolve("sys/firmware"));
        Files.createDirectories(root.resolve("proc/sys/kernel"));
        Files.createDirectories(root.resolve("sys/kernel"));
        Files.copy(SAMPLE, root.resolve("sys/firmware/fdt"));
        Files.writeString(root.resolve("proc/iomem"), "40000000-bfffffff : System RAM\n"
                + "  40210000-40ffffff : Kernel code\n  60000000-6fffffff : Crash kernel\n");
        Files.writeString(root.resolve("sys/kernel/vmcoreinfo"), "40a34000 1024\n");
        Files.writeString(root.resolve("proc/sys/kernel/osrelease"), "6.12.0\n");
        for (int c = 0; c < 2; c++) {
            Path cpu = Files.createDirectories(root.resolve("sys/devices/system/cpu/cpu" + c));
            Files.writeString(cpu.resolve("crash_notes"), "bfb" + c + "d000\n");
            Files.writeString(cpu.resolve("crash_notes_size"), "424\n");
        }
        CliRun ok = header();
        assertThat(ok.status()).as(ok.err()).isZero();
    }

    private CliRun header(String... extra) {
        List<String> args = new ArrayList<>(List.of("header", "--sysroot", root.toString(), "--arch", "arm64", "-o",
                tmp.resolve("h").toString(), "--quiet"));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    /** Refused in one line that names {@code where}, and nothing of the secret (nor a U+FFFD for its bytes). */
    private static void refusedWithoutContent(CliRun r, String where) {
        assertThat(r.status()).as(r.err()).isEqualTo(2);
        List<String> errors = r.err().lines().filter(l -> !l.startsWith("dtcore: warning:")).toList();
        assertThat(errors).as(r.err()).singleElement().asString().contains(where);
        assertNoContent(r.err() + r.out());
    }

    private static void assertNoContent(String text) {
        assertThat(text).doesNotContain("root:x").doesNotContain("bin/bash").doesNotContain("\uFFFD");
    }

    @Test
    void osrelease() throws IOException {
        Path osrelease = root.resolve("proc/sys/kernel/osrelease");
        Files.writeString(osrelease, SECRET + "\n");
        CliRun r = header();
        refusedWithoutContent(r, "osrelease");
        assertThat(r.err()).contains("MAJOR.MINOR");
        // bytes that are not UTF-8 are not shown either, as U+FFFD or otherwise
        Files.write(osrelease, new byte[] {(byte) 0xff, (byte) 0xfe, 'x', '\n'});
        refusedWithoutContent(header(), "osrelease");
    }

    @Test
    void iomem() throws IOException {
        Files.writeString(root.resolve("proc/iomem"), "40000000-bfffffff : System RAM\n  c0210000-c0ffffff : "
                + SECRET + "\n");
        CliRun r = header();
        refusedWithoutContent(r, "iomem");
        assertThat(r.err()).contains("line 2").contains("line 1");
        Path text = Files.writeString(tmp.resolve("iomem.txt"), "40000000-bfffffff : System RAM\n" + SECRET + "\n");
        refusedWithoutContent(CliRun.of("chunks", text.toString()), "iomem.txt");
    }

    @Test
    void bootArguments() throws IOException {
        for (String word : List.of("crashkernel=" + SECRET, "crashkernel=1G-" + SECRET + ":64M",
                "crashkernel=1G-2G:" + SECRET, "crashkernel=1G@" + SECRET, "crashkernel=" + SECRET + ",high")) {
            Path board = DtsBoard.compile(tmp, "board", "/ { #address-cells = <1>; #size-cells = <1>;"
                    + " chosen { bootargs = \"" + word + "\"; };"
                    + " memory@40000000 { device_type = \"memory\"; reg = <0x40000000 0x40000000>; }; };\n");
            CliRun r = CliRun.of("chunks", board.toString());
            refusedWithoutContent(r, "/chosen/bootargs");
            assertThat(r.err()).as(word).contains("crashkernel=");
        }
        // a warning is a message too
        Path mem = DtsBoard.compile(tmp, "mem", "/ { #address-cells = <1>; #size-cells = <1>;"
                + " chosen { bootargs = \"mem=" + SECRET + "\"; };"
                + " memory@40000000 { device_type = \"" + SECRET + "\"; reg = <0x40000000 0x40000000>; }; };\n");
        MemoryMap map = MemoryScan.scan(FdtParser.read(mem), ScanOptions.DEFAULT);
        assertThat(map.warnings()).isNotEmpty();
        assertNoContent(String.join("\n", map.warnings()));
    }

    @Test
    void systemMap() throws IOException {
        Path map = Files.writeString(tmp.resolve("System.map"), "ffff800080000000 T _text\n" + SECRET + "\n"
                + "ffff800080010000 T _stext\n");
        CliRun r = header("--system-map", map.toString());
        assertNoContent(r.err() + r.out());
        Path bad = Files.writeString(tmp.resolve("bad.map"), SECRET + " T _text\n");
        assertNoContent(header("--system-map", bad.toString()).err());
    }

    @Test
    void vmcoreinfoNote() throws IOException {
        Path note = Files.writeString(tmp.resolve("note"), "OSRELEASE=" + SECRET + "\nPAGESIZE=" + SECRET
                + "\nNUMBER(VA_BITS)=" + SECRET + "\n");
        CliRun r = header("--vmcoreinfo-note", note.toString());
        refusedWithoutContent(r, "note");
    }

    @Test
    void sysfsValues() throws IOException {
        Files.writeString(root.resolve("sys/devices/system/cpu/cpu0/crash_notes"), SECRET + "\n");
        refusedWithoutContent(header(), "crash_notes");
        Files.writeString(root.resolve("sys/devices/system/cpu/cpu0/crash_notes"), "bfb0d000\n");
        Files.writeString(root.resolve("sys/kernel/vmcoreinfo"), SECRET + "\n");
        refusedWithoutContent(header(), "vmcoreinfo");
    }

    @Test
    void jsonValues() throws IOException {
        Path context = Files.writeString(tmp.resolve("ctx.json"), "{\"arch\": \"arm64\", \"cpus\": [{\"cpu\": 0,"
                + " \"address\": \"" + SECRET + "\"}]}");
        refusedWithoutContent(header("--context", context.toString()), "cpus[0].address");
        Path expect = Files.writeString(tmp.resolve("e.json"), "{\"format\": \"dtcore-expect/1\", \"ram\": [{\"start\": \""
                + SECRET + "\", \"size\": \"1G\"}]}");
        refusedWithoutContent(CliRun.of("check", SAMPLE.toString(), expect.toString()), "$.ram[0].start");
        Path range = Files.writeString(tmp.resolve("r.json"), "{\"format\": \"dtcore-expect/1\", \"reserved\": [\""
                + SECRET + "\"]}");
        refusedWithoutContent(CliRun.of("check", SAMPLE.toString(), range.toString()), "$.reserved[0]");
    }
}
