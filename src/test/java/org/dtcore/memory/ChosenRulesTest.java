package org.dtcore.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dtcore.testing.DtsBoard.bytes;
import static org.dtcore.testing.DtsBoard.cells;
import static org.dtcore.testing.DtsBoard.memory64;
import static org.dtcore.testing.DtsBoard.node;
import static org.dtcore.testing.DtsBoard.str;
import static org.dtcore.testing.DtsBoard.tree;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.dtcore.testing.DtsBoard;

/**
 * SPEC §3.1, §6: what /chosen and memory nodes' strings mean, by the kernel's reading. Each expected value
 * is derived in the test from the kernel's arithmetic (named where it is used).
 */
class ChosenRulesTest {
    private static final DtsBoard.Prop AC2 = cells("#address-cells", 2);
    private static final DtsBoard.Prop SC2 = cells("#size-cells", 2);
    private static final long MIB = 1L << 20;
    private static final long GIB = 1L << 30;

    private static MemoryRange r(long start, long end) {
        return new MemoryRange(start, end);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static MemoryMap scan(Arch arch, DtsBoard.Item... items) {
        DtsBoard.Item[] all = new DtsBoard.Item[items.length + 2];
        all[0] = AC2;
        all[1] = SC2;
        System.arraycopy(items, 0, all, 2, items.length);
        return MemoryScan.scan(tree(all), arch == null ? ScanOptions.DEFAULT : ScanOptions.forArch(arch));
    }

    private static DtsBoard.Node chosen(DtsBoard.Item... items) {
        return node("chosen", items);
    }

    @Nested
    class UsableMemoryRange {
        private final DtsBoard.Node capture = chosen(cells("linux,usable-memory-range", 0, 0x20000000L, 0,
                0x20000000L));

        @Test
        void genericScanArchitecturesCapRamToIt() {
            MemoryMap m = scan(Arch.ARM64, memory64(0, 2 * GIB), capture);
            assertThat(m.memory()).containsExactly(r(0x20000000L, 0x3fffffffL));
        }

        @Test
        void powerPcNeverReadsIt() {
            MemoryMap m = scan(Arch.PPC64, memory64(0, 2 * GIB), capture);
            assertThat(m.memory()).containsExactly(r(0, 2 * GIB - 1));
            assertThat(m.chosen().usableMemoryRanges()).hasSize(1);
            assertThat(m.warnings()).anyMatch(w -> w.contains("linux,usable-memory-range: ignored"));
        }
    }

    @Nested
    class Bootargs {
        private MemoryMap withBootargs(Arch arch, byte[] value) {
            return scan(arch, memory64(0, 2 * GIB), chosen(bytes("bootargs", value)));
        }

        @Test
        void trailingNulsAsKexecToolsWritesThemAreNothing() {
            MemoryMap m = withBootargs(Arch.ARM64, ascii("console=ttyAMA0 panic=5\0\0\0"));
            assertThat(m.chosen().bootargs()).hasValue("console=ttyAMA0 panic=5");
            assertThat(m.warnings()).noneMatch(w -> w.contains("bootargs"));
        }

        @Test
        void emptyBootargsIsAnEmptyCommandLine() {
            assertThat(withBootargs(Arch.ARM64, new byte[0]).chosen().bootargs()).hasValue("");
            assertThat(withBootargs(Arch.ARM64, new byte[1]).chosen().bootargs()).hasValue("");
        }

        @Test
        void withoutItsNulStrscpyDropsTheLastByte() {
            // strscpy(cmdline, p, l) copies at most l − 1 bytes: "...@0x30000000" becomes "...@0x3000000"
            MemoryMap m = withBootargs(Arch.ARM64, ascii("crashkernel=64M@0x30000000"));
            assertThat(m.chosen().bootargs()).hasValue("crashkernel=64M@0x3000000");
            assertThat(m.chosen().crashKernels()).containsExactly(r(0x3000000L, 0x3000000L + 64 * MIB - 1));
            assertThat(m.warnings()).anyMatch(w -> w.contains("not NUL-terminated"));
        }

        @Test
        void textAfterANulIsDropped() {
            MemoryMap m = withBootargs(Arch.ARM64, ascii("crashkernel=64M@0x30000000\0crashkernel=32M@0x10000000\0"));
            assertThat(m.chosen().crashKernels()).containsExactly(r(0x30000000L, 0x33ffffffL));
            assertThat(m.warnings()).anyMatch(w -> w.contains("after the NUL at byte 26"));
        }

        @Test
        void commandLineSizeIsTheArchitecturesAndKeepsSizeMinusOneBytes() {
            // riscv COMMAND_LINE_SIZE 1024, arm64 2048: a crashkernel= ending past byte 1023 is cut on riscv
            String pad = "x".repeat(1000);
            byte[] value = ascii(pad + " crashkernel=64M@0xa0000000\0");
            MemoryMap riscv = scan(Arch.RISCV64, memory64(0x80000000L, 2 * GIB), chosen(bytes("bootargs", value)));
            assertThat(riscv.chosen().bootargs().orElseThrow()).hasSize(1023);
            assertThat(riscv.warnings()).anyMatch(w -> w.contains("COMMAND_LINE_SIZE (1024)"));
            MemoryMap arm64 = withBootargs(Arch.ARM64, value);
            assertThat(arm64.chosen().crashKernels()).containsExactly(r(0xa0000000L, 0xa3ffffffL));
        }
    }

    @Nested
    class DeviceType {
        private MemoryMap withType(byte[] type) {
            return scan(Arch.ARM64, node("memory@40000000", bytes("device_type", type),
                    cells("reg", 0, 0x40000000L, 0, GIB)));
        }

        @Test
        void memoryWithoutItsNulIsMemoryAsStrcmpReadsIt() {
            // the blob pads "memory" (6 bytes) with zeros and the next token starts with a zero byte
            MemoryMap m = withType(ascii("memory"));
            assertThat(m.memory()).containsExactly(r(0x40000000L, 0x7fffffffL));
            assertThat(m.warnings()).anyMatch(w -> w.contains("device_type: not the NUL-terminated string"));
            assertThat(withType(ascii("memory\0junk\0")).memory()).hasSize(1);
        }

        @Test
        void aNulInsideIsAnotherWordAndTheMapSaysSo() {
            MemoryMap m = withType(ascii("mem\0ory\0"));
            assertThat(m.memory()).isEmpty();
            assertThat(m.warnings()).anyMatch(w -> w.contains("device_type is not \"memory\"") && w.contains("none of its RAM"));
        }

        @Test
        void statusIsReadAsACStringToo() {
            // of_fdt_device_is_available: strcmp(status, "okay")
            MemoryMap m = scan(Arch.ARM64, node("memory@40000000", str("device_type", "memory"),
                    bytes("status", ascii("okay")), cells("reg", 0, 0x40000000L, 0, GIB)));
            assertThat(m.memory()).containsExactly(r(0x40000000L, 0x7fffffffL));
        }
    }

    @Nested
    class MemoryLimit {
        private MemoryMap limited(Arch arch, String bootargs, DtsBoard.Item... memory) {
            DtsBoard.Item[] items = new DtsBoard.Item[memory.length + 1];
            System.arraycopy(memory, 0, items, 0, memory.length);
            items[memory.length] = chosen(str("bootargs", bootargs));
            return scan(arch, items);
        }

        @Test
        void arm64KeepsTheFirstLimitBytesOfRamFromTheBottom() {
            // __find_max_addr: 768 MiB into 1 GiB at 0x40000000 is 0x70000000
            MemoryMap m = limited(Arch.ARM64, "mem=768M", memory64(0x40000000L, GIB));
            assertThat(m.memory()).containsExactly(r(0x40000000L, 0x6fffffffL));
            assertThat(m.chosen().memoryLimit()).hasValue(768 * MIB);
            assertThat(m.warnings()).anyMatch(w -> w.contains("memory limit 0x30000000"));
        }

        @Test
        void theLimitCountsBytesAcrossBanksNotAnAddress() {
            // 512 MiB in the first bank, the other 256 MiB from the second
            MemoryMap m = limited(Arch.ARM64, "mem=768M", memory64(0x40000000L, 512 * MIB),
                    memory64(0x100000000L, GIB));
            assertThat(m.memory()).containsExactly(r(0x40000000L, 0x5fffffffL), r(0x100000000L, 0x10fffffffL));
        }

        @Test
        void arm64AndRiscvRoundDownToThePageAndDifferOnSeveralWords() {
            // 786433K is 768 MiB + 1 KiB; & PAGE_MASK (4 KiB) leaves 768 MiB
            assertThat(limited(Arch.ARM64, "mem=786433K", memory64(0x40000000L, GIB)).chosen().memoryLimit())
                    .hasValue(768 * MIB);
            // arm64's early_mem keeps the last word, riscv's the smallest (min_t)
            assertThat(limited(Arch.ARM64, "mem=512M mem=1G", memory64(0x80000000L, 2 * GIB)).chosen()
                    .memoryLimit()).hasValue(GIB);
            assertThat(limited(Arch.RISCV64, "mem=512M mem=1G", memory64(0x80000000L, 2 * GIB)).chosen()
                    .memoryLimit()).hasValue(512 * MIB);
        }

        @Test
        void arm64AddsTheInitrdBack() {
            // initrd [0x7ff00800, 0x7ff017ff] lies above the 768 MiB limit: its pages 0x7ff00000-0x7ff01fff return
            MemoryMap m = scan(Arch.ARM64, memory64(0x40000000L, GIB), chosen(str("bootargs", "mem=768M"),
                    cells("linux,initrd-start", 0x7ff00800L), cells("linux,initrd-end", 0x7ff01800L)));
            assertThat(m.memory()).containsExactly(r(0x40000000L, 0x6fffffffL), r(0x7ff00000L, 0x7ff01fffL));
        }

        @Test
        void arm64AddsAnInitrdInAHoleToo() {
            // memblock_add(start & PAGE_MASK, PAGE_ALIGN(end) - base) happens with or without mem=
            DtsBoard.Node c = chosen(cells("linux,initrd-start", 0x90000800L), cells("linux,initrd-end", 0x90001800L));
            MemoryMap m = scan(Arch.ARM64, memory64(0x40000000L, GIB), memory64(0xc0000000L, GIB), c);
            assertThat(m.memory()).containsExactly(r(0x40000000L, 0x7fffffffL), r(0x90000000L, 0x90001fffL),
                    r(0xc0000000L, 0xffffffffL));
            // riscv has no such rule
            MemoryMap riscv = scan(Arch.RISCV64, memory64(0x40000000L, GIB), memory64(0xc0000000L, GIB), c);
            assertThat(riscv.memory()).hasSize(2);
        }

        @Test
        void powerPc612PageAlignsThenAlignsDownTo16MiB() {
            // PAGE_ALIGN(700 MiB) with 64 KiB pages is 700 MiB; ALIGN_DOWN(700 MiB, 16 MiB) = 688 MiB = 0x2b000000
            MemoryMap m = MemoryScan.scan(tree(AC2, SC2, memory64(0, 2 * GIB), chosen(str("bootargs", "mem=700M"))),
                    ScanOptions.forArch(Arch.PPC64).withKernel(KernelVersion.LINUX_6_12));
            assertThat(m.chosen().memoryLimit()).hasValue(688 * MIB);
            assertThat(m.memory()).containsExactly(r(0, 0x2affffffL));
        }

        @Test
        void powerPc61AlignsUpToThePage() {
            // mem=700M+1K: PAGE_ALIGN with 64 KiB pages = 700 MiB + 64 KiB = 0x2bc10000; 6.1 keeps that
            MemoryMap m = MemoryScan.scan(tree(AC2, SC2, memory64(0, 2 * GIB), chosen(str("bootargs", "mem=716801K"))),
                    ScanOptions.forArch(Arch.PPC64).withKernel(KernelVersion.LINUX_6_1));
            assertThat(m.chosen().memoryLimit()).hasValue(700 * MIB + 64 * 1024);
            assertThat(m.memory()).containsExactly(r(0, 0x2bc0ffffL));
            // unknown release: 6.1's rule (ScanOptions)
            assertThat(limited(Arch.PPC64, "mem=716801K", memory64(0, 2 * GIB)).chosen().memoryLimit())
                    .hasValue(700 * MIB + 64 * 1024);
        }

        @Test
        void powerPc612TrimsRamToWhole16MiBEvenWithoutALimit() {
            // 1 GiB + 8 MiB: ALIGN_DOWN(memblock_phys_mem_size(), 16 MiB) = 1 GiB
            DtsBoard.Item ram = memory64(0, GIB + 8 * MIB);
            MemoryMap m = MemoryScan.scan(tree(AC2, SC2, ram), ScanOptions.forArch(Arch.PPC64)
                    .withKernel(KernelVersion.LINUX_6_12));
            assertThat(m.memory()).containsExactly(r(0, GIB - 1));
            assertThat(MemoryScan.scan(tree(AC2, SC2, ram), ScanOptions.forArch(Arch.PPC64)
                    .withKernel(KernelVersion.LINUX_6_1)).memory()).containsExactly(r(0, GIB + 8 * MIB - 1));
        }

        @Test
        void powerPcReadsLinuxMemoryLimitAndMemWins() {
            DtsBoard.Node limit = chosen(cells("linux,memory-limit", 0, 0x30000000L));
            assertThat(scan(Arch.PPC64, memory64(0, 2 * GIB), limit).memory()).containsExactly(r(0, 0x2fffffffL));
            assertThat(scan(Arch.PPC64, memory64(0, 2 * GIB), limit).chosen().memoryLimit()).hasValue(0x30000000L);
            DtsBoard.Node both = chosen(cells("linux,memory-limit", 0, 0x30000000L), str("bootargs", "mem=1G"));
            assertThat(scan(Arch.PPC64, memory64(0, 2 * GIB), both).memory()).containsExactly(r(0, GIB - 1));
            // a live 6.12 tree carries the whole RAM as its limit: nothing is cut, nothing said about a cut
            MemoryMap whole = MemoryScan.scan(tree(AC2, SC2, memory64(0, 2 * GIB), chosen(cells("linux,memory-limit", 0,
                    0x80000000L))), ScanOptions.forArch(Arch.PPC64).withKernel(KernelVersion.LINUX_6_12));
            assertThat(whole.memory()).containsExactly(r(0, 2 * GIB - 1));
            assertThat(whole.warnings()).noneMatch(w -> w.contains("is removed"));
            // only powerpc reads the property
            assertThat(scan(Arch.ARM64, memory64(0, 2 * GIB), limit).memory()).containsExactly(r(0, 2 * GIB - 1));
        }

        @Test
        void powerPcRaisesALimitInsideTheCrashKernelToItsEnd() {
            // reserve_crashkernel: memory_limit 512 MiB ≤ crash end 0x2fffffff → 0x30000000
            DtsBoard.Node c = chosen(str("bootargs", "mem=512M"), cells("linux,crashkernel-base", 0, 0x20000000L),
                    cells("linux,crashkernel-size", 0, 0x10000000L));
            assertThat(scan(Arch.PPC64, memory64(0, 2 * GIB), c).memory()).containsExactly(r(0, 0x2fffffffL));
        }

        @Test
        void zeroOrGarbageIsNoLimitAndUnmodelledArchitecturesSaySo() {
            assertThat(limited(Arch.ARM64, "mem=0", memory64(0, GIB)).memory()).containsExactly(r(0, GIB - 1));
            assertThat(limited(Arch.RISCV64, "mem=lots", memory64(0x80000000L, GIB)).chosen().memoryLimit()).isEmpty();
            MemoryMap generic = limited(null, "mem=512M", memory64(0, GIB));
            assertThat(generic.memory()).containsExactly(r(0, GIB - 1));
            assertThat(generic.warnings()).anyMatch(w -> w.contains("mem= is not applied"));
        }
    }

    @Nested
    class CrashKernel {
        @Test
        void theLastPlainCrashkernelWins() {
            MemoryMap m = scan(Arch.ARM64, memory64(0, 2 * GIB),
                    chosen(str("bootargs", "crashkernel=128M@0x10000000 quiet crashkernel=256M@0x20000000")));
            assertThat(m.chosen().crashKernels()).containsExactly(r(0x20000000L, 0x2fffffffL));
        }

        @Test
        void suffixedWordsCountOnlyWithoutAPlainOne() {
            List<CrashKernelArgument> plainAndHigh = CrashKernelArgument.fromCommandLine(
                    "crashkernel=1G,high crashkernel=64M@0x10000000 crashkernel=128M,low", 0, "t");
            assertThat(plainAndHigh).singleElement().extracting(CrashKernelArgument::kind)
                    .isEqualTo(CrashKernelArgument.Kind.PLAIN);
        }

        @Test
        void anOffsetThatWrapsIsRefusedNotTakenForNoOffset() {
            assertThatThrownBy(() -> scan(Arch.ARM64, memory64(0, 2 * GIB),
                    chosen(str("bootargs", "crashkernel=1G@0xffffffffffffffff"))))
                    .isInstanceOf(MemoryMapException.class).hasMessageContaining("wrap");
            assertThat(CrashKernelArgument.parse("4K@0xfffffffffffff000", 0, "t").offset()).hasValue(0xfffffffffffff000L);
        }

        @Test
        void sixtyFiveThousandWordsGiveOneWarning() {
            String words = "crashkernel=256M ".repeat(65_536);
            MemoryMap m = scan(Arch.ARM64, memory64(0, 2 * GIB), chosen(str("bootargs", words)));
            assertThat(m.warnings()).filteredOn(w -> w.contains(Chosen.UNPLACED_CRASH_KERNEL)).hasSize(1);
        }
    }
}
