package org.dtcore.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.dtcore.elf.CoreHeaderReader;
import org.dtcore.elf.ElfException;
import org.dtcore.fdt.FdtException;
import org.dtcore.fdt.FdtParser;
import org.dtcore.memory.Arch;
import org.dtcore.memory.MemoryChunk;
import org.dtcore.memory.MemoryMap;
import org.dtcore.memory.MemoryMapException;
import org.dtcore.memory.MemoryRange;
import org.dtcore.memory.MemoryScan;
import org.dtcore.memory.ScanOptions;
import org.junit.jupiter.api.Test;

/**
 * Inputs in the fuzz corpora that once got a wrong answer, each with the exact answer it must give now
 * (STYLE: every fuzz crash is committed with a named regression test). The files live in the fuzz
 * tests' input folders, so the fuzz tests replay them as well.
 */
class FuzzRegressionTest {

    private static byte[] input(String target, String name) {
        String resource = target + "Inputs/" + switch (target) {
            case "FdtFuzzTest" -> "blobAndMemoryMap";
            case "CoreHeaderFuzzTest" -> "coreHeader";
            default -> throw new IllegalArgumentException(target);
        } + "/" + name;
        try (InputStream in = FuzzRegressionTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MemoryMap scan(String blob, ScanOptions options) {
        return MemoryScan.scan(FdtParser.parse(ByteBuffer.wrap(input("FdtFuzzTest", blob))), options);
    }

    @Test
    void lmbSetWhoseSizeOverflowsAsAnUnsignedProduct() {
        // 3 LMBs of 0xffffffffffffffff bytes: Math.multiplyExact saw -3 and accepted the set
        assertThatThrownBy(() -> scan("v2-unsigned-overflow.dtb", ScanOptions.forArch(Arch.PPC64)))
                .isInstanceOf(MemoryMapException.class)
                .hasMessage("set 0 of 3 LMBs of 0xffffffffffffffff bytes overflows 64 bits")
                .extracting(e -> ((MemoryMapException) e).oneLine()).isEqualTo(
                        "/ibm,dynamic-reconfiguration-memory/ibm,dynamic-memory-v2: "
                                + "set 0 of 3 LMBs of 0xffffffffffffffff bytes overflows 64 bits");
    }

    @Test
    void associativityLookupArraysWhoseSizeWraps() {
        // (2^32−1) × (2^32−1) cells wrapped negative, passed the size check and read a wrong cell
        MemoryMap m = scan("numa-lookup-wrap.dtb", ScanOptions.forArch(Arch.PPC64));
        assertThat(m.chunks()).singleElement().satisfies(c -> {
            assertThat(c.range()).isEqualTo(new MemoryRange(0x10000000L, 0x1fffffffL));
            assertThat(c.numaNode()).isEqualTo(MemoryChunk.NO_NUMA_NODE);
        });
    }

    @Test
    void hugeLmbSetWithAShortUsableList() {
        MemoryMap m = scan("v2-huge-set-usable.dtb", ScanOptions.forArch(Arch.PPC64));
        assertThat(m.chunks()).extracting(MemoryChunk::range).containsExactly(new MemoryRange(0, 0xffffffL));
    }

    @Test
    void truncatedHeader() {
        assertThatThrownBy(() -> scan("truncated-header.dtb", ScanOptions.DEFAULT))
                .isInstanceOf(FdtException.class)
                .hasMessage("totalsize 0x11b9 is larger than the 0x3c bytes available");
    }

    @Test
    void extendedProgramHeaderCountOfTwoToTheThirtyTwo() {
        // PN_XNUM with sh_info 0xffffffff: refused before a list of 2^32 entries is sized
        assertThatThrownBy(() -> CoreHeaderReader.read(input("CoreHeaderFuzzTest", "pn-xnum-huge-count.bin")))
                .isInstanceOfSatisfying(ElfException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ElfException.Kind.TRUNCATED);
                    assertThat(e.offset()).isEqualTo(0x20);
                })
                .hasMessage("4294967295 program headers at e_phoff 0x40 need 0x37ffffffc8 bytes, "
                        + "past the end of the data (0x80)");
    }

    @Test
    void programHeaderOffsetNearTwoToTheSixtyFour() {
        assertThatThrownBy(() -> CoreHeaderReader.read(input("CoreHeaderFuzzTest", "phoff-wraps.bin")))
                .isInstanceOf(ElfException.class)
                .hasMessage("1 program headers at e_phoff 0xffffffffffffffc0 need 0x38 bytes, "
                        + "past the end of the data (0x78)");
    }

    @Test
    void bigEndianElf32IsReadButIsNoVmcore() {
        byte[] data = input("CoreHeaderFuzzTest", "elf32-msb-one-load.bin");
        assertThat(CoreHeaderReader.read(data).programHeaders()).hasSize(1);
        assertThatThrownBy(() -> CoreHeaderReader.readVmcore(data))
                .isInstanceOf(ElfException.class)
                .hasMessage("ELFCLASS32: /proc/vmcore reads only ELF64 core headers");
    }
}
