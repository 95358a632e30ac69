package org.dtcore.memory;

import static org.dtcore.memory.MemoryMapException.Kind.BAD_TREE;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import org.dtcore.fdt.Cells;
import org.dtcore.fdt.DeviceTree;
import org.dtcore.fdt.FdtNode;
import org.dtcore.fdt.FdtProperty;
import org.dtcore.fdt.RegEntry;
import org.dtcore.text.Numbers;

/** What every part of one scan shares: the tree, the root's cell sizes (SPEC §2), options and warnings. */
final class ScanState {
    /** libfdt's FDT_MAX_NCELLS: more address or size cells than this is not a real board. */
    static final int MAX_CELLS = Cells.MAX;

    final DeviceTree tree;
    final ScanOptions options;
    final int addressCells;
    final int sizeCells;
    /** The root's cells as Linux reads them: {@link #addressCells} and {@link #sizeCells}. */
    final Cells cells;
    final List<String> warnings = new ArrayList<>();
    /** How this release's early flat-tree code reads string and (address, size) properties. */
    final FlatTreeProperties props;
    /** What {@link #warnings} already says: one warning per distinct problem, however often it is met. */
    private final Set<String> said = new HashSet<>();

    ScanState(DeviceTree tree, ScanOptions options) {
        this.tree = tree;
        this.options = options;
        this.props = new FlatTreeProperties(options.kernel());
        FdtNode root = tree.root();
        // SPEC §2: Linux defaults the root to 1 and 1 (dtc and the spec say 2 and 1); follow Linux, say so.
        this.addressCells = rootCells(root, "#address-cells", 1);
        this.sizeCells = rootCells(root, "#size-cells", 1);
        this.cells = new Cells(addressCells, sizeCells);
    }

    private int rootCells(FdtNode root, String name, int linuxDefault) {
        OptionalInt v = Cells.own(root, name); // one u32 of at most 4 (fdt.Cells), else an FdtException
        if (v.isEmpty()) {
            warn("/ has no " + name + ": Linux assumes " + linuxDefault
                    + " (the devicetree spec and dtc would assume " + (name.startsWith("#a") ? 2 : 1) + ")");
            return linuxDefault;
        }
        if (v.getAsInt() == 0 && name.equals("#address-cells")) {
            throw new MemoryMapException(BAD_TREE, "/" + name, "value 0 is not a usable cell count (1.."
                    + MAX_CELLS + ")");
        }
        return v.getAsInt();
    }

    int tupleCells() {
        return addressCells + sizeCells;
    }

    /**
     * Warns when {@code p}'s length leaves a partial (address, size) tuple, which Linux up to 6.12 ignores
     * (SPEC §2); from 7.3 the whole property is ignored, which {@link FlatTreeProperties#tuples} does and
     * this says.
     */
    void warnPartialTuple(FdtProperty p) {
        int extra = cells.remainder(p);
        if (extra != 0 && props.wholeTuples()) {
            warn(p.path() + ": " + extra + " trailing bytes are not a whole (" + addressCells + "+"
                    + sizeCells + ")-cell tuple; " + options.kernel() + " ignores the whole property"
                    + " (drivers/of/fdt.c of_flat_dt_get_addr_size_prop)");
        } else if (extra != 0) {
            warn(p.path() + ": " + extra + " trailing bytes are not a whole (" + addressCells + "+"
                    + sizeCells + ")-cell tuple; ignored as Linux does");
        }
    }

    /**
     * {@code p}'s whole (address, size) tuples in the root's cells ({@link Cells#tuples}), saying so when
     * a partial tuple is left out or a number loses bits to the 64-bit rule.
     */
    List<RegEntry> tuples(FdtProperty p) {
        warnPartialTuple(p);
        warnWide(p, cells);
        return cells.tuples(p);
    }

    /** Warns when a number of {@code p}'s tuples is wider than 64 bits (docs/numbers.md: its low 64 bits count). */
    void warnWide(FdtProperty p, Cells of) {
        if (!of.fit(p)) {
            warnWide(p);
        }
    }

    /** Says that a number of {@code p} is wider than 64 bits and keeps its low 64 bits, as the kernel reads it. */
    void warnWide(FdtProperty p) {
        warn(p.path() + ": " + WIDE);
    }

    /** {@link Cells#number}, saying so when the number is wider than 64 bits. */
    long number(FdtProperty p, int index, int cells) {
        long v = Cells.number(p, index, cells);
        if (!Cells.fits(p, index, cells)) {
            warnWide(p);
        }
        return v;
    }

    /** The 64-bit rule in words (docs/numbers.md "Numbers in a tree"). */
    static final String WIDE = "a number wider than 64 bits; its low 64 bits are used, as the kernel's"
            + " of_read_number reads it";

    private long riscvLoadAddress = -1;

    /**
     * SPEC §3.5: riscv64's lowest mapped address is the kernel's load address, which a tree does not
     * give; default to the lowest declared RAM + 2 MiB (where QEMU virt's firmware hands over), aloud.
     */
    long riscvDefaultLoadAddress() {
        if (riscvLoadAddress == -1) {
            long lowest = -1L;
            for (FdtNode n : tree.root().children()) {
                if (!props.isMemory(n) || !props.isAvailable(n)) {
                    continue;
                }
                var reg = MemoryNodeScan.regOf(n, this);
                if (reg.isEmpty()) {
                    continue;
                }
                for (var e : cells.tuples(reg.get())) {
                    if (e.size() != 0 && Long.compareUnsigned(e.address(), lowest) < 0) {
                        lowest = e.address();
                    }
                }
            }
            riscvLoadAddress = lowest == -1L ? 0 : lowest + MemoryAdmission.RISCV_DEFAULT_LOAD_OFFSET;
            warn("riscv64: kernel load address not given; assuming lowest RAM + 2 MiB = " + Numbers.hex(riscvLoadAddress)
                    + " (RAM below it is not System RAM)");
        }
        return riscvLoadAddress;
    }

    private NumaLookup numa;

    /** powerpc's NUMA rules for this tree (SPEC §3.6), read once. */
    NumaLookup numa() {
        if (numa == null) {
            var bootargs = tree.root().child("chosen").flatMap(c -> c.property("bootargs")).map(FdtProperty::asCString);
            NumaLookup found = NumaLookup.of(tree, options.arch() == null ? Arch.PPC64 : options.arch(), bootargs);
            if (!powerPcNuma()) {
                found = found.withoutDefaultNode();
            } else if (found.whyOff() != null) {
                warn("powerpc NUMA is off (" + found.whyOff() + "): all RAM is node 0, as setup_nonnuma() makes it");
            }
            numa = found;
        }
        return numa;
    }

    /** Whether RAM's NUMA node follows powerpc's ibm,associativity rules instead of numa-node-id. */
    boolean powerPcNuma() {
        return options.arch() != null && options.arch().isPowerPc();
    }

    /**
     * powerpc's memory limit rule (MemoryLimit, {@link KernelVersion#powerPcMemoryLimitIn16MiB}): Linux 6.12
     * aligns it down to 16 MiB, 6.1 up to the page; without a known release, 6.1's (as ScanOptions says).
     */
    boolean powerPcLimitIn16MiB() {
        return options.kernel() != null && options.kernel().powerPcMemoryLimitIn16MiB();
    }

    void warn(String message) {
        if (said.add(message)) {
            warnings.add(message);
        }
    }
}
