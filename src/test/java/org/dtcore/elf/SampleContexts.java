package org.dtcore.elf;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.dtcore.context.CpuNote;
import org.dtcore.context.CrashContext;
import org.dtcore.context.KernelText;
import org.dtcore.memory.MemoryRange;

/** Small hand-made contexts and range lists for property tests (values in the style of SPEC §9). */
final class SampleContexts {
    private SampleContexts() {
    }

    /** {@code cpus} CPUs with 424-byte notes 64 KiB apart, a 4 KiB-page vmcoreinfo, an arm64-like linear map. */
    static CrashContext arm64(int cpus) {
        List<CpuNote> notes = new ArrayList<>();
        for (int i = 0; i < cpus; i++) {
            notes.add(new CpuNote(i, 0xbfbb_d000L + 0x1_0000L * i, 424));
        }
        return new CrashContext(notes, 0x40a3_4000L, 0x1024, Optional.of(new KernelText(0xffff_8000_0800_0000L,
                0x4020_0000L, 0x4c_0000L)), 0xffff_0000_0000_0000L, 0x4000_0000L, 4096, 0, List.of());
    }

    /** The same CPUs and kernel as {@link #arm64}, with a given e_flags and linear map. */
    static CrashContext with(CrashContext c, long linearBase, long physOffset, int eFlags) {
        return new CrashContext(c.cpus(), c.vmcoreinfoAddress(), c.vmcoreinfoSize(), c.kernelText(), linearBase,
                physOffset, c.pageSize(), eFlags, c.notices());
    }

    /** {@code n} disjoint 2 MiB ranges from 0x40000000, 4 MiB apart. */
    static List<MemoryRange> ranges(int n) {
        List<MemoryRange> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(MemoryRange.ofSize(0x4000_0000L + 0x40_0000L * i, 0x20_0000L, "sample"));
        }
        return list;
    }
}
