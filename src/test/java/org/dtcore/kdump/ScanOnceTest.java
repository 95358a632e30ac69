package org.dtcore.kdump;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.dtcore.context.ContextSources;
import org.dtcore.context.CpuNote;
import org.dtcore.context.CrashContext;
import org.dtcore.context.PartialContext;
import org.dtcore.elf.ProgramHeader;
import org.dtcore.memory.Arch;
import org.dtcore.memory.ScanOptions;
import org.dtcore.testing.DtsBoard;
import org.dtcore.testing.ExternalTool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The memory is scanned once, with the rules the caller gave, and the context's defaults (the lowest RAM
 * behind riscv64's phys_ram_base and arm64's PHYS_OFFSET) come from that map, never from a second scan with
 * default rules. Each expected value is derived here from the kernel's own arithmetic.
 */
class ScanOnceTest {
    private static final Path RISCV = Path.of("fdt-samples/qemu-riscv64-virt.dtb");
    private static final PartialContext NOTES = PartialContext.EMPTY.withCpus(List.of(new CpuNote(0, 0x8200_0000L, 0)))
            .withVmcoreinfo(0x8100_0000L, null);

    @TempDir
    Path tmp;

    /**
     * riscv64 on Linux 6.1 with the kernel loaded at 0x80400000, 4 MiB above the start of RAM:
     * <ul>
     * <li>arch/riscv/mm/init.c setup_vm(): kernel_map.phys_addr = the load address (&amp;_start) and
     *     va_pa_offset = PAGE_OFFSET − kernel_map.phys_addr;</li>
     * <li>drivers/of/fdt.c early_init_dt_add_memory_arch(): RAM below MIN_MEMBLOCK_ADDR = __pa(PAGE_OFFSET),
     *     which is kernel_map.phys_addr, is dropped, so memblock starts at the load address;</li>
     * <li>setup_bootmem(): phys_ram_base = memblock_start_of_DRAM(), the load address;</li>
     * <li>kernel/kexec_file.c crash_prepare_elf64_headers(): p_vaddr = __va(mstart) = mstart + va_pa_offset
     *     (arch/riscv/include/asm/page.h linear_mapping_pa_to_va()).</li>
     * </ul>
     * So the first RAM PT_LOAD starts at the load address and its vaddr is PAGE_OFFSET itself
     * (0xff60000000000000 for sv57), not PAGE_OFFSET + 2 MiB as a second scan with the default load address
     * (lowest RAM + 2 MiB) made it.
     */
    @Test
    void riscvPhysRamBaseIsWhereTheGivenLoadAddressClipsRam() {
        long load = 0x8040_0000L;
        long pageOffset = 0xff60_0000_0000_0000L; // sv57 (the default dtcore warns about)
        // fdtget: "0 80000000 0 80000000", RAM from 0x80000000, below the load address
        String[] reg = ExternalTool.output("fdtget", "-t", "x", RISCV.toString(), "/memory@80000000", "reg")
                .strip().split(" ");
        assertThat(Long.parseLong(reg[1], 16)).isLessThan(load);
        long vaPaOffset = pageOffset - load;
        KdumpInputs in = new KdumpInputs(Arch.RISCV64, RISCV, ContextSources.NONE.withOptions(NOTES.withKernelText(
                java.util.Optional.empty())), List.of(), ScanOptions.forArch(Arch.RISCV64).withKernelLoadAddress(load),
                "6.1");

        HeaderResult r = HeaderPipeline.build(HeaderRequest.kernel(in));

        ProgramHeader first = r.header().header().programHeaders().stream()
                .filter(p -> p.type() == ProgramHeader.PT_LOAD).findFirst().orElseThrow();
        assertThat(first.paddr()).isEqualTo(load);
        assertThat(first.vaddr()).isEqualTo(first.paddr() + vaPaOffset).isEqualTo(0xff60_0000_0000_0000L);
        assertThat(r.context().orElseThrow().physOffset()).isEqualTo(load);
    }

    /**
     * arm64 with 64 KiB pages and RAM from 0x3ffff000: drivers/of/fdt.c early_init_dt_add_memory_arch() moves
     * the base up to the next page, PAGE_ALIGN(0x3ffff000) = 0x40000000; arch/arm64/mm/init.c
     * arm64_memblock_init(): memstart_addr (PHYS_OFFSET) = round_down(memblock_start_of_DRAM(),
     * ARM64_MEMSTART_ALIGN), 512 MiB with 64 KiB pages (asm/kernel-pgtable.h: PMD_SHIFT 29) = 0x40000000.
     * With 4 KiB pages (a second scan's default) the base would stay 0x3ffff000 and PHYS_OFFSET be 0.
     */
    @Test
    void thePageSizeGivenReachesThePhysicalOffset() {
        long page = 0x1_0000;
        long start = 0x3fff_f000L;
        Path dtb = DtsBoard.compile(tmp, "arm64-64k", "/ { #address-cells = <2>; #size-cells = <2>;\n"
                + "  cpus { #address-cells = <1>; #size-cells = <0>; cpu@0 { device_type = \"cpu\"; reg = <0>; }; };\n"
                + "  memory@3ffff000 { device_type = \"memory\"; reg = <0x0 0x3ffff000 0x0 0x80001000>; };\n};\n");
        long memblockStart = (start + page - 1) & -page;
        long memstartAlign = 1L << 29;
        long expected = memblockStart & -memstartAlign;
        KdumpInputs in = new KdumpInputs(Arch.ARM64, dtb, ContextSources.NONE.withOptions(NOTES), List.of(),
                ScanOptions.forArch(Arch.ARM64).withPageSize(page), "6.1");

        CrashContext ctx = ContextPipeline.collect(in);

        assertThat(expected).isEqualTo(0x4000_0000L);
        assertThat(ctx.physOffset()).isEqualTo(expected);
        assertThat(ctx.pageSize()).as("one page size: the scan's is the context's").isEqualTo(page);
    }

    /**
     * SPEC §3.1: Linux up to 5.16 took memory nodes at any depth (drivers/of/fdt.c early_init_dt_scan_memory()
     * walked every node before 5.17). fdt-samples/memory-legacy-nodes.dts has /memory@40000000 and
     * /soc/memory@10000000 (device_type "memory"): with the legacy rule the lowest RAM is 0x10000000, so
     * PHYS_OFFSET = round_down(0x10000000, 1 GiB) = 0 (arm64_memblock_init(), 4 KiB pages); without it, 0x40000000.
     */
    @Test
    void theLegacyMemoryRuleGivenReachesThePhysicalOffset() {
        Path dtb = Path.of("fdt-samples/memory-legacy-nodes.dtb");
        String[] nested = ExternalTool.output("fdtget", "-t", "x", dtb.toString(), "/soc/memory@10000000", "reg")
                .strip().split(" ");
        long lowest = Long.parseLong(nested[1], 16);
        long expected = lowest & -(1L << 30);
        KdumpInputs in = new KdumpInputs(Arch.ARM64, dtb, ContextSources.NONE.withOptions(NOTES), List.of(),
                ScanOptions.forArch(Arch.ARM64).withLegacyMemoryRule(true), "6.1");

        assertThat(ContextPipeline.collect(in).physOffset()).isEqualTo(expected).isZero();
        assertThat(ContextPipeline.collect(in.withScan(ScanOptions.forArch(Arch.ARM64))).physOffset())
                .isEqualTo(0x4000_0000L);
    }
}
