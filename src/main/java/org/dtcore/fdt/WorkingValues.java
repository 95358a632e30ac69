package org.dtcore.fdt;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Property values libfdt changes in place (fdt_setprop_inplace_namelen_partial, fdt32_st), held as
 * one mutable copy each while a step of the overlay application writes them, then put back. Copying a
 * value per cell written would cost value size × cells: a hostile overlay lists hundreds of thousands.
 * Writes never add or remove properties, so a property is known by its node and index.
 */
final class WorkingValues {
    private final Map<DraftNode, Map<Integer, byte[]>> values = new IdentityHashMap<>();

    /** The live bytes of property {@code index} of {@code node}: writes to them are the property's. */
    byte[] of(DraftNode node, int index) {
        return values.computeIfAbsent(node, n -> new HashMap<>())
                .computeIfAbsent(index, i -> node.currentProperties().get(i).bytes());
    }

    /** Puts every value back into its node. */
    void flush() {
        values.forEach((node, byIndex) -> byIndex.forEach((i, bytes) ->
                node.setProperty(i, FdtProperty.of(node.path, node.currentProperties().get(i).name(), bytes))));
        values.clear();
    }
}
