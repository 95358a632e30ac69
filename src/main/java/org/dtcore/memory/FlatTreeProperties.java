package org.dtcore.memory;

import java.util.Optional;
import org.dtcore.fdt.FdtNode;
import org.dtcore.fdt.FdtProperty;

/**
 * How the kernel's early flat-tree code reads the properties the memory scan depends on, per release
 * (drivers/of/fdt.c, drivers/of/of_reserved_mem.c): up to 6.12 string properties are C strings and an
 * (address, size) property is its whole tuples; from 7.3 strings are libfdt string lists and a property
 * that is not whole tuples is no property ({@link KernelVersion#stringPropertiesAsStringLists},
 * {@link KernelVersion#addressSizePropertiesNeedWholeTuples}). An unknown release reads as 6.1 does, as
 * the rest of the scan.
 */
final class FlatTreeProperties {
    private final KernelVersion kernel;

    FlatTreeProperties(KernelVersion kernel) {
        this.kernel = kernel;
    }

    /** Whether {@link #string} reads libfdt string lists. */
    boolean stringLists() {
        return kernel != null && kernel.stringPropertiesAsStringLists();
    }

    /** Whether {@link #tuples} drops a property that is not whole tuples. */
    boolean wholeTuples() {
        return kernel != null && kernel.addressSizePropertiesNeedWholeTuples();
    }

    /**
     * The string the kernel compares: 7.3's fdt_stringlist_get(.., 0) (the first string of a value that ends
     * in a NUL; nothing otherwise, an empty value included); before, strcmp's view of the value
     * ({@link FdtProperty#asCString}).
     */
    Optional<String> string(FdtProperty p) {
        if (!stringLists()) {
            return Optional.of(p.asCString());
        }
        int n = p.length();
        if (n == 0 || p.buffer().get(n - 1) != 0) {
            return Optional.empty();
        }
        return Optional.of(p.asCString());
    }

    /** early_init_dt_scan_memory(): device_type is "memory". */
    boolean isMemory(FdtNode n) {
        Optional<FdtProperty> type = n.property("device_type");
        if (type.isEmpty()) {
            return false;
        }
        Optional<String> s = string(type.get());
        return s.isPresent() && s.get().equals("memory");
    }

    /** of_fdt_device_is_available(): no status (as the release reads it), or "okay", or "ok". */
    boolean isAvailable(FdtNode n) {
        Optional<FdtProperty> status = n.property("status");
        if (status.isEmpty()) {
            return true;
        }
        Optional<String> s = string(status.get());
        return s.isEmpty() || s.get().equals("okay") || s.get().equals("ok");
    }

    /**
     * 7.3's of_flat_dt_get_addr_size_prop(): the property when it is whole tuples, else none; before 7.3 the
     * property as it is (its whole tuples are read, the rest ignored).
     */
    Optional<FdtProperty> tuples(Optional<FdtProperty> p, int addressCells, int sizeCells) {
        if (p.isEmpty() || !wholeTuples() || p.get().regRemainder(addressCells, sizeCells) == 0) {
            return p;
        }
        return Optional.empty();
    }
}
