package org.dtcore.memory;

import org.dtcore.text.Numbers;

/**
 * What the kernel does with a block before it reaches memblock (SPEC §3.5): the generic
 * early_init_dt_add_memory_arch page-aligns and clips below MIN_MEMBLOCK_ADDR; powerpc adds the block
 * as it is.
 */
final class MemoryAdmission {
    /** riscv64 kernels sit 2 MiB above the start of RAM (the firmware owns the first 2 MiB on QEMU virt). */
    static final long RISCV_DEFAULT_LOAD_OFFSET = 0x200000;

    private final ScanState state;

    MemoryAdmission(ScanState state) {
        this.state = state;
    }

    /** The range memblock receives, or null (with a warning) when the block is dropped. */
    MemoryRange admit(MemoryRange block, String where) {
        Arch arch = state.options.arch();
        if (arch != null && arch.isPowerPc()) {
            return block; // SPEC §3.5: powerpc does not page-align here
        }
        long page = state.options.effectivePageSize();
        long base = block.start();
        long size = block.size();
        long inPage = base & (page - 1);
        // SPEC §3.5: drop a block smaller than the rest of its first page
        if (inPage != 0 && Long.compareUnsigned(size, page - inPage) < 0) {
            state.warn(where + ": block " + Numbers.hex(block.start()) + "-" + Numbers.hex(block.end())
                    + " is smaller than the rest of its first page; ignored");
            return null;
        }
        if (inPage != 0) {
            size -= page - inPage;
            base += page - inPage;
        }
        size &= -page;
        if (size == 0) {
            state.warn(where + ": block " + Numbers.hex(block.start()) + "-" + Numbers.hex(block.end())
                    + " holds no whole page; ignored");
            return null;
        }
        if (size != block.size()) {
            state.warn(where + ": block " + Numbers.hex(block.start()) + "-" + Numbers.hex(block.end())
                    + " page-aligned to " + Numbers.hex(base) + "-" + Numbers.hex(base + size - 1) + " (" + page
                    + "-byte pages)");
        }
        long min = minimumAddress();
        long end = base + size - 1;
        if (Long.compareUnsigned(end, min) < 0) {
            state.warn(where + ": block " + Numbers.hex(base) + "-" + Numbers.hex(end)
                    + " lies below the lowest mapped address " + Numbers.hex(min) + "; ignored");
            return null;
        }
        if (Long.compareUnsigned(base, min) < 0) {
            state.warn(where + ": block " + Numbers.hex(base) + "-" + Numbers.hex(end)
                    + " starts below the lowest mapped address " + Numbers.hex(min) + "; clipped");
            base = min;
        }
        return new MemoryRange(base, end);
    }

    /**
     * MIN_MEMBLOCK_ADDR (SPEC §3.5): riscv64's is the kernel's physical load address, RAM below it
     * vanishes on 6.1 ({@link KernelVersion#riscvDropsRamBelowKernel()}); elsewhere 0 here (arm64's is applied by the kernel later, to what the linear map reaches).
     */
    private long minimumAddress() {
        KernelVersion kernel = state.options.kernel();
        if (state.options.arch() != Arch.RISCV64 || kernel != null && !kernel.riscvDropsRamBelowKernel()) {
            return 0;
        }
        if (state.options.kernelLoadAddress() != -1) {
            return state.options.kernelLoadAddress();
        }
        return state.riscvDefaultLoadAddress();
    }
}
