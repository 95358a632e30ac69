package org.dtcore.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.dtcore.context.ContextException;
import org.dtcore.context.ContextJson;
import org.dtcore.elf.CoreHeaderReader;
import org.dtcore.elf.ElfException;
import org.dtcore.fdt.FdtException;
import org.dtcore.fdt.FdtParser;
import org.dtcore.layout.ExpectationException;
import org.dtcore.layout.ExpectationReader;
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
            case "ContextJsonFuzzTest" -> "contextFile";
            case "ExpectationFuzzTest" -> "expectationFile";
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
        // (2^32−1) × (2^32−1) cells wrapped negative, passed the size check and read a wrong cell.
        // The tree has no /chosen ibm,architecture-vec-5, so the form is FORM0, whose primary index is
        // reference point [1]: one point is too short, NUMA is off and all RAM is node 0
        // (arch/powerpc/mm/numa.c find_primary_domain_index, setup_nonnuma). The wrap under FORM1 is
        // NumaLookupTest's.
        MemoryMap m = scan("numa-lookup-wrap.dtb", ScanOptions.forArch(Arch.PPC64));
        assertThat(m.chunks()).singleElement().satisfies(c -> {
            assertThat(c.range()).isEqualTo(new MemoryRange(0x10000000L, 0x1fffffffL));
            assertThat(c.numaNode()).isZero();
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

    private static void contextFails(String name, String message) {
        String json = new String(input("ContextJsonFuzzTest", name), StandardCharsets.UTF_8);
        assertThatThrownBy(() -> ContextJson.parse(json, "ctx.json", Arch.ARM64))
                .isInstanceOfSatisfying(ContextException.class,
                        e -> assertThat(e.location()).isEqualTo("ctx.json"))
                .hasMessage(message);
    }

    private static void expectationFails(String name, String location, String message) {
        byte[] file = input("ExpectationFuzzTest", name);
        assertThatThrownBy(() -> ExpectationReader.parse(file))
                .isInstanceOfSatisfying(ExpectationException.class,
                        e -> assertThat(e.location()).isEqualTo(location))
                .hasMessage(message);
    }

    @Test
    void contextAddressInFullwidthHexDigits() {
        // "0x\uff11\uff10\uff10\uff10": Character.digit and BigInteger took it as 0x1000
        contextFails("fullwidth-hex.json", "cpus[0].address: a value of 6 characters (character 3 is not a digit) is not a number"
                + " (\"0x...\" hex, or decimal with an optional K/M/G/T/P/E suffix such as \"256M\")");
    }

    @Test
    void contextNestedFiveThousandDeep() {
        contextFails("deep-nesting.json", "malformed JSON: Document nesting depth (65) exceeds the maximum allowed"
                + " (64, from `StreamReadConstraints.getMaxNestingDepth()`)");
    }

    @Test
    void expectationWithANonUtf8Byte() {
        // Files.readString threw MalformedInputException ("Input length = 1"), naming neither byte nor offset
        expectationFails("not-utf8.json", "$", "byte 0xe9 at offset 13 is not UTF-8 text");
    }

    @Test
    void expectationWithADuplicateSection() {
        // the second "ram" silently replaced the first
        expectationFails("duplicate-keys.json", "line 1 column 50", "not JSON: Duplicate field 'ram'");
    }

    @Test
    void expectationWithTrailingContent() {
        // '{"ram":[]} garbage' was read as '{"ram":[]}'
        expectationFails("trailing-content.json", "line 1 column 19", "not JSON: Unrecognized token 'garbage':"
                + " was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')");
    }

    @Test
    void expectationNumaNodeIdWithALeadingZero() {
        // Integer.parseInt read "0" and "00" as one node, listed twice
        expectationFails("numa-id-leading-zero.json", "$.numa.00",
                "'00' is not a NUMA node id (0 to 2147483647, decimal, no leading zeros)");
    }

    @Test
    void expectationSizeInFullwidthDigits() {
        // Long.parseUnsignedLong read "\uff11G" as 1 GiB
        expectationFails("fullwidth-digit-size.json", "$.ram[0].size", "a value of 2 characters (character 1 is not a digit) is not a number (\"0x...\" hex,"
                + " or decimal with an optional K/M/G/T/P/E suffix such as \"256M\")");
    }

    @Test
    void expectationHexWithAPlusSign() {
        // Long.parseUnsignedLong took the sign: "0x+40000000" was 0x40000000
        expectationFails("plus-sign-hex.json", "$.ram[0].start", "a value of 11 characters (character 3 is not a digit) is not a number (\"0x...\" hex,"
                + " or decimal with an optional K/M/G/T/P/E suffix such as \"256M\")");
    }

    @Test
    void expectationNestedFiveThousandDeep() {
        expectationFails("deep-nesting.json", "$", "not JSON: Document nesting depth (65) exceeds the maximum"
                + " allowed (64, from `StreamReadConstraints.getMaxNestingDepth()`)");
    }
}
