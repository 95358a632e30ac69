package org.dtcore.capture;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dtcore.fdt.Cells;
import org.dtcore.fdt.DeviceTree;
import org.dtcore.fdt.FdtNode;
import org.dtcore.fdt.FdtProperty;
import org.dtcore.fdt.PropertyValues;
import org.dtcore.fdt.RegEntry;
import org.dtcore.fdt.TreeEditor;
import org.dtcore.memory.MemoryRange;
import org.dtcore.text.Numbers;

/**
 * The steps every kexec_file loader shares (the kernel's of_kexec_alloc_and_setup_fdt, SPEC §11), in the
 * kernel's order, on an editor with libfdt's placement: a property the kernel adds goes first in its
 * node, so /chosen ends up starting with linux,booted-from-kexec, linux,usable-memory-range,
 * linux,elfcorehdr, while replaced ones (bootargs, linux,initrd-*) keep their places.
 */
final class KexecChosen {
    static final String CHOSEN = "/chosen";
    /** UINT32_MAX: the largest number one cell holds. */
    private static final long MAX_U32 = 0xffff_ffffL;
    /** drivers/of/kexec.c RNG_SEED_SIZE. */
    static final int RNG_SEED_SIZE = 128;

    private KexecChosen() {
    }

    /**
     * @param booted    the tree the running kernel booted with (initial_boot_params)
     * @param editor    an editor over a copy of it, libfdt placement
     * @param bootargs  the command line the loader passes (already with any elfcorehdr= prefix)
     */
    static void apply(DeviceTree booted, TreeEditor editor, CaptureRequest request,
                      Optional<String> bootargs) {
        // The running kernel's own blob is reserved by exact (address, totalsize), when at all.
        if (request.bootedBlobAddress().isPresent() && booted.header().isPresent()) {
            editor.removeReservation(request.bootedBlobAddress().getAsLong(), booted.header().get().totalSize());
        }
        if (!editor.hasNode(CHOSEN)) {
            editor.addNode(CHOSEN);
        }
        Optional<FdtNode> chosen = booted.node(CHOSEN);
        editor.removeProperty(CHOSEN, "linux,elfcorehdr");
        editor.removeProperty(CHOSEN, "linux,usable-memory-range");
        chosen.ifPresent(c -> dropOldInitrd(c, editor, request.pageSize()));

        Optional<MemoryRange> initrd = request.initrd();
        if (initrd.isPresent() && initrd.get().start() != 0) { // the kernel: "if (initrd_load_addr)"
            editor.setProperty(CHOSEN, "linux,initrd-start", PropertyValues.u64(initrd.get().start()));
            // linux,initrd-end is exclusive: initrd_load_addr + initrd_len
            editor.setProperty(CHOSEN, "linux,initrd-end", PropertyValues.u64(initrd.get().end() + 1));
            editor.addReservation(initrd.get().start(), initrd.get().size());
        } else {
            editor.removeProperty(CHOSEN, "linux,initrd-start");
            editor.removeProperty(CHOSEN, "linux,initrd-end");
        }

        // SPEC §6: linux,elfcorehdr and linux,usable-memory-range in the root's cells, as libfdt counts them.
        Cells cells = Cells.libfdt(booted.root());
        MemoryRange hdr = request.elfCoreHeader();
        editor.setProperty(CHOSEN, "linux,elfcorehdr",
                addressRanges(cells, List.of(new RegEntry(hdr.start(), hdr.size()))));
        editor.addReservation(hdr.start(), hdr.size());
        // the crash kernel, crashkernel-low, then (7.3) every crashkernel CMA range
        List<RegEntry> usable = new ArrayList<>();
        for (MemoryRange r : request.crashKernels()) {
            usable.add(new RegEntry(r.start(), r.size()));
        }
        for (MemoryRange r : request.crashKernelCma()) {
            usable.add(new RegEntry(r.start(), r.size()));
        }
        editor.setProperty(CHOSEN, "linux,usable-memory-range", addressRanges(cells, usable));

        if (bootargs.isPresent()) {
            editor.setProperty(CHOSEN, "bootargs", PropertyValues.string(bootargs.get()));
        } else {
            editor.removeProperty(CHOSEN, "bootargs");
        }
        // The kernel deletes kaslr-seed and writes fresh kaslr-seed/rng-seed only when its RNG is ready
        // (rng_is_initialized(); the recorded 6.1 kernels' was not, the 6.12 ones' was). The values are
        // random, so dtcore writes zeros. The old rng-seed is already gone from the kernel's copy:
        // early_init_dt_scan_chosen NOPs it out at boot (and the capture kernel does the same to the new one).
        editor.removeProperty(CHOSEN, "kaslr-seed");
        editor.removeProperty(CHOSEN, "rng-seed");
        if (request.rngReady()) {
            editor.setProperty(CHOSEN, "kaslr-seed", PropertyValues.u64(0));
            editor.setProperty(CHOSEN, "rng-seed", new byte[RNG_SEED_SIZE]);
        }
        editor.setProperty(CHOSEN, "linux,booted-from-kexec", new byte[0]);
        chosen.ifPresent(c -> dropImaBuffer(c, booted.root(), editor));
    }

    /**
     * The booted initrd's reservation goes: exact size first, else rounded up to the page size ("kexec
     * reserves exact initrd size, while firmware may reserve a multiple of PAGE_SIZE").
     */
    private static void dropOldInitrd(FdtNode chosen, TreeEditor editor, long pageSize) {
        Optional<FdtProperty> start = chosen.property("linux,initrd-start");
        if (start.isEmpty()) {
            return;
        }
        Optional<FdtProperty> end = chosen.property("linux,initrd-end");
        if (end.isEmpty()) {
            throw new CaptureException(CaptureException.Kind.BAD_TREE, chosen.path(),
                    "linux,initrd-start without linux,initrd-end: the kernel refuses the load (-EINVAL)");
        }
        long s = Cells.whole(start.get());
        long size = Cells.whole(end.get()) - s;
        if (!editor.removeReservation(s, size)) {
            editor.removeReservation(s, (size + pageSize - 1) & -pageSize);
        }
    }

    /** remove_ima_buffer: the IMA log of this kernel is of no use to the next one. */
    private static void dropImaBuffer(FdtNode chosen, FdtNode root, TreeEditor editor) {
        Optional<FdtProperty> ima = chosen.property("linux,ima-kexec-buffer");
        if (ima.isEmpty()) {
            return;
        }
        editor.removeProperty(CHOSEN, "linux,ima-kexec-buffer");
        // do_get_kexec_buffer: one (address, size) in the root's cells, if the value is long enough
        Cells cells = Cells.linuxRoot(root);
        FdtProperty p = ima.get();
        if (p.length() >= 4 * cells.tupleCells()) {
            editor.removeReservation(Cells.number(p, 0, cells.address()), Cells.number(p, cells.address(), cells.size()));
        }
    }

    /**
     * fdt_appendprop_addrrange (libfdt fdt_addresses.c), once per tuple, onto a property deleted just
     * before. It writes 1 or 2 cells only (FDT_ERR_BADNCELLS otherwise) and a 1-cell range must end by
     * 4 GiB, a 1-cell size fit 32 bits (FDT_ERR_BADVALUE): where it fails, of_kexec_alloc_and_setup_fdt
     * fails the load.
     */
    static byte[] addressRanges(Cells cells, List<RegEntry> tuples) {
        String where = "root #address-cells " + cells.address() + ", #size-cells " + cells.size() + ": ";
        if (cells.address() < 1 || cells.address() > 2 || cells.size() < 1 || cells.size() > 2) {
            throw new CaptureException(CaptureException.Kind.BAD_VALUE, "/", where + "FDT_ERR_BADNCELLS: the kernel's"
                    + " fdt_appendprop_addrrange writes addresses and sizes of 1 or 2 cells only");
        }
        for (RegEntry t : tuples) {
            boolean addressFits = cells.address() == 2 || Long.compareUnsigned(t.address(), MAX_U32) <= 0
                    && Long.compareUnsigned(t.size(), MAX_U32 + 1 - t.address()) <= 0;
            boolean sizeFits = cells.size() == 2 || Long.compareUnsigned(t.size(), MAX_U32) <= 0;
            if (!addressFits || !sizeFits) {
                throw new CaptureException(CaptureException.Kind.BAD_VALUE, "/", where + Numbers.hex(t.address())
                        + " + " + Numbers.hex(t.size()) + " does not fit " + (addressFits ? "one size cell"
                        : "one address cell (it must end by 4 GiB)") + ": FDT_ERR_BADVALUE from the kernel's"
                        + " fdt_appendprop_addrrange");
            }
        }
        return PropertyValues.reg(cells.address(), cells.size(), tuples);
    }
}
