package org.dtcore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A header no real dump can have is refused in one line, exit 2, and nothing is written —
 * whichever source (option, context file, system root) gave the value.
 */
class ImpossibleDumpTest {
    private static final String SAMPLE = "fdt-samples/qemu-arm64-virt-2g.dtb";

    @TempDir
    Path tmp;

    private String refused(String... extra) {
        Path out = tmp.resolve("hdr");
        List<String> args = new ArrayList<>(List.of("header", SAMPLE, "--arch", "arm64", "--crashkernel",
                "256M@0x60000000", "-o", out.toString()));
        args.addAll(List.of(extra));
        CliRun r = CliRun.of(args.toArray(String[]::new));
        assertThat(r.status()).as(r.err()).isEqualTo(2);
        assertThat(r.err().lines()).as(r.err()).hasSize(1);
        assertThat(Files.exists(out)).isFalse();
        return r.err().strip();
    }

    /** The arguments of a valid header, to which one impossible value is added. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // a note at the top of the address space: [2^64 - 1, 2^64 - 1 + 424) wraps
        "--cpu-note 0,0xffffffffffffffff,424 --vmcoreinfo 0x40a34000 --no-kernel-text"
                + "| CPU 0's crash note: address 0xffffffffffffffff + size 0x1a8 wraps past 2^64",
        "--cpu-note 0,0x13fb00000 --vmcoreinfo 0xfffffffffffff000,0x2000 --no-kernel-text"
                + "| the vmcoreinfo note: address 0xfffffffffffff000 + size 0x2000 wraps past 2^64",
        "--cpu-note 0,0x13fb00000 --vmcoreinfo 0x40a34000,0 --no-kernel-text"
                + "| the vmcoreinfo note: size 0; no real dump has an empty one",
        // 99999999999 bytes: no kernel's note_buf_t (BUILD_BUG_ON(sizeof(note_buf_t) > PAGE_SIZE))
        "--cpu-note 0,0x13fb00000,99999999999 --vmcoreinfo 0x40a34000 --no-kernel-text"
                + "| CPU 0's crash note: size 99999999999 is larger than a page (4096 bytes)",
        "--cpu-note 0,0x13fb00000 --vmcoreinfo 0x40a34000 --kernel-text 0xffff800008000000,0x40200000,0"
                + "| the kernel text: size 0; no real dump has an empty one",
        "--cpu-note 0,0x13fb00000 --vmcoreinfo 0x40a34000 --kernel-text 0xfffffffffff00000,0x40200000,0x4c0000"
                + "| the kernel text: virtual address 0xfffffffffff00000 + size 0x4c0000 wraps past 2^64",
        // RAM at 0x40000000 is mapped at base + (paddr - PHYS_OFFSET) = 2^64 - 1: its PT_LOAD wraps
        "--cpu-note 0,0x13fb00000 --vmcoreinfo 0x40a34000 --no-kernel-text --linear-map-base 0xffffffffffffffff"
                + " --phys-offset 0x40000000"
                + "| virtual address (from the linear map base) 0xffffffffffffffff + size",
    })
    void optionsThatNoDumpHasAreRefused(String args, String expected) {
        assertThat(refused(args.strip().split(" "))).startsWith("dtcore: ").contains(expected.strip());
    }

    @Test
    void aContextFileWhoseKernelTextWraps() throws IOException {
        Path ctx = Files.writeString(tmp.resolve("ctx.json"), """
                { "arch": "arm64",
                  "cpus": [ { "cpu": 0, "address": "0xbfbbd000", "size": "0x1a8" } ],
                  "vmcoreinfo": { "address": "0x40a34000", "size": "0x1024" },
                  "kernelText": { "vaddr": "0xffff800008000000", "paddr": "0xffffffffffff0000", "size": "0x4c0000" } }
                """);
        // refused naming the file and its field
        assertThat(refused("--context", ctx.toString())).isEqualTo("dtcore: " + ctx
                + ": kernelText: physical address 0xffffffffffff0000 + size 0x4c0000 wraps past 2^64");
    }

    @Test
    void aSystemRootWhoseCrashNotesIsAtTheTop() throws IOException {
        Path root = tmp.resolve("root");
        Path cpu = Files.createDirectories(root.resolve("sys/devices/system/cpu/cpu0"));
        Files.writeString(cpu.resolve("crash_notes"), "ffffffffffffffff\n");
        Files.writeString(cpu.resolve("crash_notes_size"), "424\n");
        Files.createDirectories(root.resolve("sys/kernel"));
        Files.writeString(root.resolve("sys/kernel/vmcoreinfo"), "40a34000 1024\n");
        assertThat(refused("--sysroot", root.toString(), "--no-kernel-text"))
                .contains("CPU 0's crash note: address 0xffffffffffffffff + size 0x1a8 wraps past 2^64");
    }
}
