package org.dtcore.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;

import org.dtcore.context.Kallsyms;
import org.dtcore.fdt.Cells;
import org.dtcore.fdt.DeviceTree;
import org.dtcore.memory.Arch;
import org.dtcore.memory.DrconfFormat;
import org.dtcore.memory.MemoryMapException;
import org.dtcore.memory.MemoryRange;
import org.dtcore.testing.DtsBoard;
import org.junit.jupiter.api.Test;

/** ppc64 after kexec-tools 2.0.25 kexec/arch/ppc64/crashdump-ppc64.c, on small live trees compiled by dtc. */
class KexecToolsPpc64Test {
    /*
     * KERNFS_READDIR_ORDER: kexec-tools meets the memory nodes in the order readdir() lists /proc/device-tree,
     * kernfs's: by fs/kernfs/dir.c kernfs_name_hash() (include/linux/stringhash.h partial_name_hash() per
     * byte, then hash_64(h, 32), cut to 31 bits), then by name. Worked out outside dtcore for these names:
     * memory@0 0x1688cf07, memory@80000000 0x38764863, memory@300000000 0x7773966c. (KernfsOrderTest holds
     * dtcore's own order to the running kernel's sysfs.)
     */
    static final long PAGE = 0x1_0000L;
    static final String CHOSEN = "chosen { linux,crashkernel-base = /bits/ 64 <0x20000000>;"
            + " linux,crashkernel-size = /bits/ 64 <0x20000000>; %s };\n";
    static final MemoryRange BACKUP = new MemoryRange(0, 0xffff);

    private static DeviceTree tree(String body) {
        return DtsBoard.tree("/ { #address-cells = <2>; #size-cells = <2>;\n" + body + "};\n");
    }

    private KexecToolsMemory memory(String body) {
        return KexecToolsRanges.of(Arch.PPC64, new KexecToolsInputs(Optional.empty(), Kallsyms.none("k"), Optional.empty(),
                Optional.of(tree(body)),
                PAGE, List.of(), 0));
    }

    @Test
    void backupFirstThenEachMemoryNodesFirstTupleInReaddirOrder() {
        KexecToolsMemory m = memory(String.format(CHOSEN, "")
                + "memory@0 { device_type = \"memory\"; reg = <0 0 0 0x40000000 0 0x40000000 0 0x10000000>; };\n"
                + "memory@80000000 { device_type = \"memory\"; reg = <0 0x80000000 0 0x40000000>; };\n");

        // memory@0 starts at 64 KiB (the backup range has it) and loses the crash kernel
        // [0x20000000, 0x3fffffff]; its second tuple is not read
        // readdir order (KERNFS_READDIR_ORDER): memory@0 before memory@80000000
        assertThat(m.ranges()).containsExactly(BACKUP, new MemoryRange(0x1_0000L, 0x1fff_ffffL),
                new MemoryRange(0x8000_0000L, 0xbfff_ffffL));
        assertThat(m.backupSource()).contains(BACKUP);
        assertThat(m.pageOffset()).isEqualTo(0xc000_0000_0000_0000L);
        assertThat(m.lowmemLimit()).as("MAXMEM = −(KERNELBASE − VMALLOCBASE)")
                .isEqualTo(-(0xc000_0000_0000_0000L - 0xd000_0000_0000_0000L));
        assertThat(m.warnings()).anyMatch(w -> w.contains("reads only the first"))
                .anyMatch(w -> w.contains("readdir order of the 2 memory nodes"));
    }

    @Test
    void rtasInsideTheCrashKernelIsAppendedLastRoundedUpToThePage() {
        KexecToolsMemory m = memory(String.format(CHOSEN, "")
                + "memory@0 { device_type = \"memory\"; reg = <0 0 1 0>; };\n"
                + "rtas { linux,rtas-base = <0x2fff0000>; rtas-size = <0x83c>; };\n");

        long rtasEnd = 0x2fff_0000L + 0x83c;
        long rounded = (rtasEnd + PAGE - 1) / PAGE * PAGE;
        assertThat(m.ranges()).containsExactly(BACKUP, new MemoryRange(0x1_0000L, 0x1fff_ffffL),
                new MemoryRange(0x4000_0000L, 0xffff_ffffL), new MemoryRange(0x2fff_0000L, rounded - 1));
    }

    @Test
    void rtasIsClippedToTheCrashKernelAndLeftOutWhenOutsideIt() {
        String ram = "memory@0 { device_type = \"memory\"; reg = <0 0 1 0>; };\n";
        KexecToolsMemory clipped = memory(String.format(CHOSEN, "") + ram
                + "rtas { linux,rtas-base = <0x1fff8000>; rtas-size = <0x10000>; };\n");
        KexecToolsMemory outside = memory(String.format(CHOSEN, "") + ram
                + "rtas { linux,rtas-base = <0x7fff0000>; rtas-size = <0x1000>; };\n");

        // overlap [0x20000000, 0x20008000) rounded up to the 64 KiB page
        assertThat(clipped.ranges().get(3)).isEqualTo(new MemoryRange(0x2000_0000L, 0x2000_ffffL));
        assertThat(outside.ranges()).hasSize(3);
    }

    @Test
    void drconfRunsMergeOnlyWithEachOther() {
        // ibm,dynamic-memory-v2: (count, base, drc index, aa index, flags); 0x8 assigned, 0x80 reserved
        KexecToolsMemory m = memory(String.format(CHOSEN, "")
                + "memory@0 { device_type = \"memory\"; reg = <0 0 1 0>; };\n"
                + "ibm,dynamic-reconfiguration-memory { ibm,lmb-size = /bits/ 64 <0x10000000>;\n"
                + "  ibm,dynamic-memory-v2 = <4  2 1 0x00000000 0x80000010 0 0x8"
                + "  1 1 0x20000000 0x80000012 0 0x8  1 1 0x40000000 0x80000013 0 0x88"
                + "  1 1 0x60000000 0x80000014 0 0x0>; };\n");

        // the first two sets are adjacent: one run [0x100000000, 0x130000000); the reserved and the
        // unassigned LMB are skipped. memory@0 ends at 0x100000000, where the run starts, yet stays apart
        assertThat(m.ranges()).contains(new MemoryRange(0x4000_0000L, 0xffff_ffffL),
                new MemoryRange(0x1_0000_0000L, 0x1_2fff_ffffL)).hasSize(4);
    }

    @Test
    void memoryLimitCapsEachRange() {
        KexecToolsMemory m = memory(String.format(CHOSEN, "linux,memory-limit = /bits/ 64 <0x60000000>;")
                + "memory@0 { device_type = \"memory\"; reg = <0 0 1 0>; };\n");

        assertThat(m.ranges()).containsExactly(BACKUP, new MemoryRange(0x1_0000L, 0x1fff_ffffL),
                new MemoryRange(0x4000_0000L, 0x5fff_ffffL));
    }

    @Test
    void compatibleIsMatchedOnItsFirst26BytesWhateverStringsFollow() {
        // crashdump-ppc64.c is_coherent_device_mem(): fread(buf, 1, 32) then
        // strncmp(buf, "ibm,coherent-device-memory", 26); a string list is only its first string's start
        KexecToolsMemory m = memory(String.format(CHOSEN, "")
                + "memory@0 { device_type = \"memory\"; compatible = \"acme,ram\", \"generic\";"
                + " reg = <0 0 1 0>; };\n"
                + "memory@200000000 { device_type = \"memory\";"
                + " compatible = \"ibm,coherent-device-memory\", \"ibm,gpu-ram\"; reg = <2 0 0 0x10000000>; };\n"
                + "memory@300000000 { device_type = \"memory\"; compatible = \"acme,ram\","
                + " \"ibm,coherent-device-memory\"; reg = <3 0 0 0x10000000>; };\n");

        // readdir order (KERNFS_READDIR_ORDER): memory@0 before memory@300000000
        assertThat(m.ranges()).as("memory@200000000 is device memory by its first string; memory@300000000 is not")
                .containsExactly(BACKUP, new MemoryRange(0x1_0000L, 0x1fff_ffffL),
                        new MemoryRange(0x4000_0000L, 0xffff_ffffL), new MemoryRange(0x3_0000_0000L, 0x3_0fff_ffffL));
    }

    @Test
    void kexecToolsReadsU64sWhateverTheRootsCells() {
        // crashdump-ppc64.c reads a memory node's reg as two u64s and LMB entries as 24 bytes (a u64 base):
        // the root's #address-cells = <3> changes nothing for it, where the kernel's drmem.c would read each
        // entry as 3 + 4 cells (and find this one-entry list short: 7 cells wanted, 6 there)
        String body = String.format(CHOSEN, "")
                + "memory@0 { device_type = \"memory\"; reg = <0 0 1 0>; };\n"
                + "ibm,dynamic-reconfiguration-memory { ibm,lmb-size = /bits/ 64 <0x10000000>;\n"
                + "  ibm,dynamic-memory-v2 = <1  2 1 0x00000000 0x80000010 0 0x8>; };\n";
        DeviceTree threeCells = DtsBoard.tree("/ { #address-cells = <3>; #size-cells = <2>;\n" + body + "};\n");
        KexecToolsMemory m = KexecToolsRanges.of(Arch.PPC64, new KexecToolsInputs(Optional.empty(), Kallsyms.none("k"),
                Optional.empty(), Optional.of(threeCells), PAGE, List.of(), 0));
        assertThat(m.ranges()).isEqualTo(memory(body).ranges())
                .contains(new MemoryRange(0x4000_0000L, 0xffff_ffffL), new MemoryRange(0x1_0000_0000L, 0x1_1fff_ffffL));
        var list = threeCells.node("/ibm,dynamic-reconfiguration-memory").orElseThrow()
                .property("ibm,dynamic-memory-v2").orElseThrow();
        assertThat(DrconfFormat.problem(list, DrconfFormat.KEXEC_TOOLS)).isEmpty();
        assertThat(DrconfFormat.problem(list, new Cells(3, 2))).contains("count 1 needs 32 bytes,"
                + " property has 28");
    }

    @Test
    void anRtasNodeWithoutItsPropertiesFailsAsGetDevtreeDetailsDoes() {
        // kexec-ppc64.c get_devtree_details: fopen of rtas/rtas-size fails, so the whole load does
        String body = String.format(CHOSEN, "") + "memory@0 { device_type = \"memory\"; reg = <0 0 1 0>; };\n"
                + "rtas { linux,rtas-base = <0x2fff0000>; };\n";
        assertThatThrownBy(() -> memory(body)).isInstanceOf(MemoryMapException.class)
                .extracting(e -> ((MemoryMapException) e).oneLine())
                .isEqualTo("/rtas/rtas-size: missing: kexec-tools fails here");
    }
}
