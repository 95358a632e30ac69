package org.dtcore.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IomemTest {
    private static final Path TRUTH = Path.of("../shared/kernel-truth");

    private static MemoryRange r(long start, long end) {
        return new MemoryRange(start, end);
    }

    /** An x86_64-like /proc/iomem: low RAM, two crash regions, nested kernel image, 64-bit addresses. */
    private static final String X86 = String.join("\n",
            "00000000-00000fff : Reserved",
            "00001000-0009fbff : System RAM",
            "0009fc00-0009ffff : Reserved",
            "00100000-7ffdffff : System RAM",
            "  12000000-12ffffff : Kernel code",
            "  13000000-137fffff : Kernel rodata",
            "  13800000-13bfffff : Kernel data",
            "  5d000000-6cffffff : Crash kernel",
            "7ffe0000-7fffffff : Reserved",
            "fd000000-fdffffff : PCI Bus 0000:00",
            "  fd000000-fdffffff : 0000:00:01.0",
            "    fd000000-fdffffff : bochs-drm",
            "100000000-47fffffff : System RAM",
            "  46f000000-47effffff : Crash kernel",
            "");

    @Test
    void parsesDepthParentsAndInclusiveEnds() {
        List<IomemEntry> e = Iomem.parse(X86);
        assertThat(e).hasSize(14);
        assertThat(e.get(0)).isEqualTo(new IomemEntry(r(0, 0xfff), "Reserved", 0, Optional.empty(), 1));
        assertThat(e.get(4)).isEqualTo(new IomemEntry(r(0x12000000, 0x12ffffff), "Kernel code", 1, Optional.of("System RAM"), 5));
        assertThat(e.get(11)).isEqualTo(new IomemEntry(r(0xfd000000L, 0xfdffffffL), "bochs-drm", 2, Optional.of("0000:00:01.0"), 12));
        assertThat(e.get(12).range()).isEqualTo(r(0x100000000L, 0x47fffffffL));
        assertThat(e.get(12).isTopLevel()).isTrue();
    }

    @Test
    void memoryMapTakesTopLevelSystemRamAndTheCrashKernels() {
        MemoryMap map = Iomem.toMemoryMap(Iomem.parse(X86));
        assertThat(map.chunks()).extracting(MemoryChunk::range)
                .containsExactly(r(0x1000, 0x9fbff), r(0x100000, 0x7ffdffff), r(0x100000000L, 0x47fffffffL));
        assertThat(map.chunks()).allSatisfy(c -> {
            assertThat(c.node()).isEqualTo("/proc/iomem");
            assertThat(c.property()).isEqualTo("System RAM");
            assertThat(c.hasNumaNode()).isFalse();
            assertThat(c.hotpluggable()).isFalse();
        });
        assertThat(map.memory()).containsExactly(r(0x1000, 0x9fbff), r(0x100000, 0x7ffdffff),
                r(0x100000000L, 0x47fffffffL));
        // SPEC §6/§11 order: the main (high) region first, crashkernel-low last
        assertThat(map.chosen().crashKernels()).containsExactly(r(0x46f000000L, 0x47effffffL), r(0x5d000000, 0x6cffffff));
        assertThat(map.reserved()).as("iomem's reserved lines are not SPEC §5 reservations").isEmpty();
        assertThat(map.dynamicReserved()).isEmpty();
        assertThat(map.warnings()).isEmpty();
    }

    @Test
    void touchingSystemRamIsMergedInTheMemoryViewOnly() {
        MemoryMap map = Iomem.toMemoryMap(Iomem.parse("00001000-00001fff : System RAM\n00002000-00002fff : System RAM\n"));
        assertThat(map.memory()).containsExactly(r(0x1000, 0x2fff));
        assertThat(map.chunks()).hasSize(2);
    }

    @Test
    void kernelCodeAndDataAreFoundAtAnyDepth() {
        List<IomemEntry> e = Iomem.parse(X86);
        assertThat(Iomem.kernelCode(e)).contains(r(0x12000000, 0x12ffffff));
        assertThat(Iomem.kernelData(e)).contains(r(0x13800000, 0x13bfffff));
        assertThat(Iomem.named(e, "Crash kernel")).extracting(IomemEntry::line).containsExactly(8, 14);
        assertThat(Iomem.kernelCode(Iomem.parse("00000000-0000ffff : System RAM\n"))).isEmpty();
    }

    @Test
    void nestedSystemRamIsNotRamAndSaysSo() {
        MemoryMap map = Iomem.toMemoryMap(Iomem.parse("10000000-1fffffff : dax0.0\n  10000000-1fffffff : System RAM\n"));
        assertThat(map.memory()).isEmpty();
        assertThat(map.warnings()).hasSize(2);
        assertThat(map.warnings().get(0)).contains("line 2").contains("dax0.0");
        assertThat(map.warnings().get(1)).contains("no top-level \"System RAM\"");
    }

    @Test
    void aThirdCrashKernelIsAnError() {
        String text = "00000000-ffffffff : System RAM\n"
                + "  10000000-10ffffff : Crash kernel\n"
                + "  20000000-20ffffff : Crash kernel\n"
                + "  30000000-30ffffff : Crash kernel\n";
        assertThatThrownBy(() -> Iomem.toMemoryMap(Iomem.parse(text)))
                .isInstanceOfSatisfying(MemoryMapException.class, x -> assertThat(x.location()).isEqualTo("line 4"))
                .hasMessageContaining("at most two");
    }

    @Test
    void allZeroAddressesMeanTheReaderWasNotRoot() {
        String text = "00000000-00000000 : System RAM\n  00000000-00000000 : Kernel code\n"
                + "00000000-00000000 : PCI Bus 0000:00\n";
        assertThatThrownBy(() -> Iomem.parse(text)).isInstanceOf(MemoryMapException.class)
                .hasMessageContaining("addresses are all zero: read /proc/iomem as root");
    }

    @Test
    void oneZeroLineAmongOthersIsFine() {
        assertThat(Iomem.parse("00000000-00000000 : Reserved\n00001000-00001fff : System RAM\n")).hasSize(2);
    }

    @Test
    void acceptsCrlfBlankLinesEmptyNamesAndFullWidthAddresses() {
        List<IomemEntry> e = Iomem.parse("\r\n0000-0fff : \r\n\n  \n0000000000001000-ffffffffffffffff :\n"
                + "  00000000000001000-1fff : a : b\n");
        assertThat(e).extracting(IomemEntry::name).containsExactly("", "", "a : b");
        assertThat(e.get(1).range()).isEqualTo(r(0x1000, -1L));
        assertThat(e.get(2).range()).as("17 digits, leading zero").isEqualTo(r(0x1000, 0x1fff));
        assertThat(e.get(2).line()).isEqualTo(6);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            0000-0fff System RAM                      | line 2 | not a /proc/iomem line
            00001000 : System RAM                     | line 2 | not a /proc/iomem line
            -0fff : System RAM                        | line 2 | missing address
            0000- : System RAM                        | line 2 | missing address
            00g0-0fff : System RAM                    | line 2 | is not hex
            0x00-0fff : System RAM                    | line 2 | is not hex
            2000-1fff : System RAM                    | line 2 | start 0x2000 is above end 0x1fff
            00000000000000001-10000000000000000 : big | line 2 | wider than 64 bits
            ' 1000-1fff : odd'                        | line 2 | indented by 1 spaces
            '    1000-1fff : too deep'                | line 2 | indented 2 levels
            '	1000-1fff : tab'                         | line 2 | other than a space
            '  f0000-f0fff : outside'                 | line 2 | is not inside its parent
            """)
    void badLinesNameTheirLine(String bad, String where, String message) {
        String text = "00000000-0000ffff : System RAM\n" + bad + "\n";
        assertThatThrownBy(() -> Iomem.parse(text))
                .isInstanceOfSatisfying(MemoryMapException.class, x -> assertThat(x.location()).isEqualTo(where))
                .hasMessageContaining(message);
    }

    @Test
    void anIndentedFirstLineIsAnError() {
        assertThatThrownBy(() -> Iomem.parse("  1000-1fff : child\n"))
                .isInstanceOfSatisfying(MemoryMapException.class, x -> assertThat(x.location()).isEqualTo("line 1"))
                .hasMessageContaining("first line is indented");
    }

    @Test
    void anEmptyTextHasNoEntriesAndNoRam() {
        assertThat(Iomem.parse("")).isEmpty();
        assertThat(Iomem.toMemoryMap(List.of()).warnings()).hasSize(1);
    }

    @Test
    void aMissingFileNamesTheFile() {
        assertThatThrownBy(() -> Iomem.read(Path.of("no-such-iomem.txt")))
                .isInstanceOfSatisfying(org.dtcore.input.InputException.class,
                        x -> assertThat(x.location()).isEqualTo("no-such-iomem.txt"))
                .hasMessageEndingWith(": " + "no such file");
    }

    @Test
    void realArm64Kernel() {
        List<IomemEntry> e = Iomem.read(TRUTH.resolve("arm64-virt-2g/iomem.txt"));
        MemoryMap map = Iomem.toMemoryMap(e);
        assertThat(map.memory()).containsExactly(r(0x40000000L, 0xbfffffffL));
        assertThat(map.chosen().crashKernels()).containsExactly(r(0xada00000L, 0xbd9fffffL));
        assertThat(Iomem.kernelCode(e)).contains(r(0x40210000L, 0x4053ffffL));
        assertThat(Iomem.kernelData(e)).contains(r(0x405d0000L, 0x406bffffL));
        assertThat(e.get(1)).isEqualTo(new IomemEntry(r(0x09000000, 0x09000fff), "9000000.pl011 pl011@9000000", 1,
                Optional.of("pl011@9000000"), 2));
    }

    @Test
    void realRiscv64Kernel() {
        List<IomemEntry> e = Iomem.read(TRUTH.resolve("riscv64-virt-2g/iomem.txt"));
        MemoryMap map = Iomem.toMemoryMap(e);
        // SPEC §3.5: RAM below the kernel's load address is not System RAM on riscv64
        assertThat(map.memory()).containsExactly(r(0x80200000L, 0xffffffffL));
        assertThat(map.chosen().crashKernels()).containsExactly(r(0xece00000L, 0xfcdfffffL));
        assertThat(Iomem.kernelCode(e)).contains(r(0x80202000L, 0x803e4e91L));
        assertThat(Iomem.named(e, "Kernel code").get(0).depth()).isEqualTo(2);
        assertThat(Iomem.named(e, "Kernel code").get(0).parentName()).contains("Kernel image");
    }

    @Test
    void realPpc64Kernel() {
        List<IomemEntry> e = Iomem.read(TRUTH.resolve("ppc64le-pseries-4g/iomem.txt"));
        MemoryMap map = Iomem.toMemoryMap(e);
        assertThat(map.memory()).containsExactly(r(0, 0xffffffffL));
        // powerpc has no "Crash kernel" line: its region is in the live tree (kernel-truth README)
        assertThat(map.chosen().crashKernels()).isEmpty();
        assertThat(e).hasSize(7);
        assertThat(e.get(6).range()).isEqualTo(r(0x210000000000L, 0x21ffffffffffL));
    }
}
