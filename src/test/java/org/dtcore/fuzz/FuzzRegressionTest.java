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
                .hasMessageEndingWith(": " + "set 0 of 3 LMBs of 0xffffffffffffffff bytes overflows 64 bits")
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
                .hasMessageEndingWith(": " + "totalsize 0x11b9 is larger than the 0x3c bytes available");
    }

    @Test
    void extendedProgramHeaderCountOfTwoToTheThirtyTwo() {
        // PN_XNUM with sh_info 0xffffffff: refused before a list of 2^32 entries is sized
        assertThatThrownBy(() -> CoreHeaderReader.read(input("CoreHeaderFuzzTest", "pn-xnum-huge-count.bin")))
                .isInstanceOfSatisfying(ElfException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ElfException.Kind.TRUNCATED);
                    assertThat(e.offset()).isEqualTo(0x20);
                })
                .hasMessageEndingWith(": " + "4294967295 program headers at e_phoff 0x40 need 0x37ffffffc8 bytes, "
                        + "past the end of the data (0x80)");
    }

    @Test
    void programHeaderOffsetNearTwoToTheSixtyFour() {
        assertThatThrownBy(() -> CoreHeaderReader.read(input("CoreHeaderFuzzTest", "phoff-wraps.bin")))
                .isInstanceOf(ElfException.class)
                .hasMessageEndingWith(": " + "1 program headers at e_phoff 0xffffffffffffffc0 need 0x38 bytes, "
                        + "past the end of the data (0x78)");
    }

    @Test
    void bigEndianElf32IsReadButIsNoVmcore() {
        byte[] data = input("CoreHeaderFuzzTest", "elf32-msb-one-load.bin");
        assertThat(CoreHeaderReader.read(data).programHeaders()).hasSize(1);
        assertThatThrownBy(() -> CoreHeaderReader.readVmcore(data))
                .isInstanceOf(ElfException.class)
                .hasMessageEndingWith(": " + "ELFCLASS32: /proc/vmcore reads only ELF64 core headers");
    }

    private static void contextFails(String name, String location, String message) {
        String json = new String(input("ContextJsonFuzzTest", name), StandardCharsets.UTF_8);
        assertThatThrownBy(() -> ContextJson.parse(json, "ctx.json", Arch.ARM64))
                .isInstanceOfSatisfying(ContextException.class,
                        e -> assertThat(e.location()).isEqualTo(location))
                .hasMessage(location + ": " + message);
    }

    private static void expectationFails(String name, String location, String message) {
        byte[] file = input("ExpectationFuzzTest", name);
        assertThatThrownBy(() -> ExpectationReader.parse(file))
                .isInstanceOfSatisfying(ExpectationException.class,
                        e -> assertThat(e.location()).isEqualTo(location))
                .hasMessage(location + ": " + message);
    }

    @Test
    void contextAddressInFullwidthHexDigits() {
        // "0x\uff11\uff10\uff10\uff10": Character.digit and BigInteger took it as 0x1000
        contextFails("fullwidth-hex.json", "ctx.json: line 1 column 29: $.cpus[0].address", "not a number: \"0x...\""
                + " hex, or decimal with an optional K/M/G/T/P/E suffix such as \"256M\" (docs/numbers.md)");
    }

    @Test
    void contextNestedFiveThousandDeep() {
        // '{"cpus":' then 64 '[': the 64th is the 65th level
        contextFails("deep-nesting.json", "ctx.json: line 1 column 72", "nested deeper than 64 levels; no file"
                + " dtcore reads goes beyond a few");
    }

    @Test
    void expectationWithANonUtf8Byte() {
        // Files.readString threw MalformedInputException ("Input length = 1"), naming neither byte nor offset
        expectationFails("not-utf8.json", "line 1 column 14", "byte 0xe9 (offset 13) is not UTF-8 text");
    }

    @Test
    void expectationWithADuplicateSection() {
        // the second "ram" silently replaced the first
        expectationFails("duplicate-keys.json", "line 1 column 45", "a key this object already has (first at line 1"
                + " column 8): JSON readers disagree on which value counts, so dtcore refuses both");
    }

    @Test
    void expectationWithTrailingContent() {
        // '{"ram":[]} garbage' was read as '{"ram":[]}'
        expectationFails("trailing-content.json", "line 1 column 12", "more after the JSON value: a file holds one"
                + " value (a word here)");
    }

    @Test
    void expectationNumaNodeIdWithALeadingZero() {
        // Integer.parseInt read "0" and "00" as one node, listed twice
        expectationFails("numa-id-leading-zero.json", "line 1 column 39: $.numa",
                "a NUMA node key is a node id: decimal 0 to 2147483647, no sign and no leading zeros");
    }

    @Test
    void expectationSizeInFullwidthDigits() {
        // Long.parseUnsignedLong read "\uff11G" as 1 GiB
        expectationFails("fullwidth-digit-size.json", "line 1 column 42: $.ram[0].size", "not a number: \"0x...\""
                + " hex, or decimal with an optional K/M/G/T/P/E suffix such as \"256M\" (docs/numbers.md)");
    }

    @Test
    void expectationHexWithAPlusSign() {
        // Long.parseUnsignedLong took the sign: "0x+40000000" was 0x40000000
        expectationFails("plus-sign-hex.json", "line 1 column 20: $.ram[0].start", "not a number: \"0x...\" hex,"
                + " or decimal with an optional K/M/G/T/P/E suffix such as \"256M\" (docs/numbers.md)");
    }

    @Test
    void expectationNestedFiveThousandDeep() {
        // '{"board":' then 64 '[': the 64th is the 65th level
        expectationFails("deep-nesting.json", "line 1 column 73", "nested deeper than 64 levels; no file dtcore"
                + " reads goes beyond a few");
    }
}
