package org.dtcore.fdt;

import static org.dtcore.fdt.FdtException.Kind.BAD_OVERLAY;
import static org.dtcore.fdt.FdtException.Kind.BAD_PHANDLE;
import static org.dtcore.fdt.FdtException.Kind.NOT_FOUND;
import static org.dtcore.fdt.FdtException.Kind.NO_PHANDLES;
import static org.dtcore.fdt.FdtException.Kind.NO_SPACE;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import org.dtcore.text.Numbers;

/**
 * The steps of libfdt's fdt_overlay_apply before the merge (libfdt/fdt_overlay.c), done on the
 * overlay's draft: renumber its own phandles past the base's highest, shift the references that
 * __local_fixups__ lists by the same amount ({@link LocalFixups}), and write the base's phandles where
 * __fixups__ says. dtc 1.7's last step before the merge is {@link BasePhandleGuard}.
 * Values are changed in place, so a fixup that rewrites another fixup's bytes has the same effect as
 * in libfdt. Where libfdt 1.6.1 would write outside a property (an offset near 2^32 wraps its bound
 * check) this refuses instead.
 */
final class OverlayPhandles {
    private final DraftNode overlay;
    private final DraftNode base;
    private final String name;
    private final LibfdtVersion version;
    private final WorkingValues work = new WorkingValues();
    private final ChildIndexes baseChildren; // the base is not changed here
    private final ChildIndexes overlayChildren; // nor are the overlay's nodes (only values)
    private final Map<String, LibfdtLookup.Found> holders = new HashMap<>();
    private final Map<DraftNode, Map<String, Integer>> propertyIndexes =
            new IdentityHashMap<>();

    OverlayPhandles(DraftNode overlayRoot, DraftNode baseRoot, String overlayName, LibfdtVersion version,
                    ChildIndexes baseChildren, ChildIndexes overlayChildren) {
        this.overlay = overlayRoot;
        this.base = baseRoot;
        this.name = overlayName;
        this.version = version;
        this.baseChildren = baseChildren;
        this.overlayChildren = overlayChildren;
    }

    /** fdt_find_max_phandle: the highest phandle in the base (0 when none). */
    static long maxPhandle(DraftNode root) {
        long max = 0;
        for (DraftNode n : LibfdtLookup.preOrder(root)) {
            max = Math.max(max, LibfdtLookup.phandle(n));
        }
        return max;
    }

    /** overlay_adjust_local_phandles: every node's phandle and linux,phandle plus {@code delta}. */
    void renumber(long delta) {
        for (DraftNode n : LibfdtLookup.preOrder(overlay)) {
            shift(n, "phandle", delta);
            shift(n, "linux,phandle", delta);
        }
    }

    private void shift(DraftNode node, String prop, long delta) {
        int at = node.indexOf(prop);
        if (at < 0) {
            return;
        }
        FdtProperty p = node.currentProperties().get(at);
        if (p.length() != 4) {
            throw fail(BAD_PHANDLE, node.path, prop + " is " + p.length() + " bytes, not one cell");
        }
        long v = p.cell(0) + delta;
        if (v >= 0xffff_ffffL) {
            throw fail(NO_PHANDLES, node.path, prop + " " + Numbers.hex(p.cell(0))
                    + " renumbered past the base's highest phandle " + Numbers.hex(delta) + " would pass 0xfffffffe");
        }
        node.setProperty(at, FdtProperty.of(node.path, prop, PropertyValues.u32(v)));
    }

    /** overlay_update_local_references: the references __local_fixups__ lists, plus {@code delta}. */
    void shiftLocalReferences(long delta) {
        LibfdtLookup.Found fixups = LibfdtLookup.path(overlay, "/__local_fixups__", overlayChildren);
        if (fixups.ok()) {
            // libfdt adds without a bound: a reference past 0xffffffff wraps
            new LocalFixups(name, overlayChildren).rewrite(overlay, fixups.node(), v -> (v + delta) & 0xffff_ffffL);
        }
    }

    /** overlay_fixup_phandles: each __fixups__ entry "path:property:offset" gets its label's phandle. */
    void resolveFixups() {
        LibfdtLookup.Found fixups = LibfdtLookup.path(overlay, "/__fixups__", overlayChildren);
        if (!fixups.ok()) {
            return;
        }
        LibfdtLookup.Found symbols = LibfdtLookup.path(base, "/__symbols__", baseChildren);
        DraftNode node = fixups.node();
        try {
            for (int i = 0; i < node.currentProperties().size(); i++) {
                resolve(node, i, symbols);
            }
        } finally {
            work.flush();
        }
    }

    /**
     * overlay_fixup_phandle: one label's entries, parsed from the live value as libfdt walks it. dtc 1.7
     * looks the label up once, before the first entry (a base without __symbols__ then fails the look-up
     * in no node: FDT_ERR_BADOFFSET); 1.6 looks it up for each entry, after parsing it.
     */
    private void resolve(DraftNode fixups, int index, LibfdtLookup.Found symbols) {
        String label = fixups.currentProperties().get(index).name();
        String where = FdtNode.childPath(fixups.path, label);
        long phandle17 = -1;
        if (version == LibfdtVersion.DTC_1_7) {
            // the fragment, for the message: the first entry's path, as far as it reads as one
            String first = LibfdtLookup.cString(work.of(fixups, index), 0);
            String at = first.startsWith("/") && first.indexOf(':') > 0 ? first.substring(0, first.indexOf(':')) : where;
            if (!symbols.ok()) {
                throw fail(FdtException.Kind.BAD_OFFSET, at, where + ": the base has no /__symbols__ to resolve"
                        + " label " + label + " (build it with dtc -@)");
            }
            phandle17 = symbolPhandle(symbols, label, at, where + ": ");
        }
        int pos = 0;
        int left = fixups.currentProperties().get(index).length();
        do {
            byte[] value = work.of(fixups, index); // live: a fixup may rewrite the fixups (libfdt writes in place)
            int nul = indexOf(value, (byte) 0, pos, pos + left);
            if (nul < 0) {
                throw fail(BAD_OVERLAY, where, "entry is not NUL-terminated");
            }
            int entryLen = nul - pos;
            int start = pos;
            left -= entryLen + 1;
            pos = nul + 1;
            // an entry is named by where it starts, not by what it holds
            String entry = "at byte " + start;
            int c1 = indexOf(value, (byte) ':', start, nul);
            if (c1 < 0 || c1 - start == entryLen - 1) {
                throw fail(BAD_OVERLAY, where, "the entry " + entry + " is not path:property:offset");
            }
            int c2 = indexOf(value, (byte) ':', c1 + 1, nul);
            if (c2 < 0 || c2 == c1 + 1) {
                throw fail(BAD_OVERLAY, where, "the entry " + entry + " is not path:property:offset");
            }
            long offset = strtoul(value, c2 + 1, nul);
            if (offset < 0) {
                throw fail(BAD_OVERLAY, where, "the entry " + entry + " has no decimal offset after the last ':'");
            }
            String path = new String(value, start, c1 - start, StandardCharsets.UTF_8);
            String prop = new String(value, c1 + 1, c2 - c1 - 1, StandardCharsets.UTF_8);
            writeOne(symbols, label, where, path, prop, offset, phandle17);
        } while (left > 0);
    }

    /**
     * overlay_fixup_one_phandle. Errors name the overlay node that holds the reference (its fragment
     * first), and the __fixups__ property.
     */
    private void writeOne(LibfdtLookup.Found symbols, String label, String where, String path, String prop,
                          long offset, long knownPhandle) {
        String at = path.startsWith("/") ? path : where;
        String fixup = where + ": ";
        long phandle = knownPhandle;
        if (phandle < 0) {
            if (!symbols.ok()) {
                throw fail(symbols.error(), at, fixup + "the base has no /__symbols__ to resolve label " + label
                        + " (build it with dtc -@)");
            }
            phandle = symbolPhandle(symbols, label, at, fixup);
        }
        // the fixups change values only, never nodes or property lists: look each place up once
        LibfdtLookup.Found holder = holders.computeIfAbsent(path, p -> LibfdtLookup.path(overlay, p, overlayChildren));
        if (!holder.ok()) {
            throw fail(holder.error() == NOT_FOUND ? BAD_OVERLAY : holder.error(), where,
                    "names node " + path + ", which the overlay lacks");
        }
        DraftNode h = holder.node();
        int i = propertyIndexes.computeIfAbsent(h, n -> new HashMap<>())
                .computeIfAbsent(prop, h::indexOf);
        if (i < 0) {
            throw fail(NOT_FOUND, at, fixup + "names property " + prop + ", which " + h.path + " lacks");
        }
        byte[] value = work.of(h, i);
        // libfdt's (unsigned) bound check; an offset near 2^32 would wrap it, here it is refused
        if (offset + 4 > value.length) {
            throw fail(NO_SPACE, at, fixup + "offset " + offset + " runs past the " + value.length + "-byte "
                    + FdtNode.childPath(h.path, prop));
        }
        ByteBuffer.wrap(value).putInt((int) offset, (int) phandle);
    }

    /** The phandle of the base node that {@code label} names in the base's __symbols__. */
    private long symbolPhandle(LibfdtLookup.Found symbols, String label, String at, String fixup) {
        byte[] symbolPath = LibfdtLookup.value(symbols.node(), label);
        if (symbolPath == null) {
            throw fail(NOT_FOUND, at, fixup + "no symbol " + label + " in the base's /__symbols__");
        }
        String target = LibfdtLookup.cString(symbolPath, 0);
        LibfdtLookup.Found node = LibfdtLookup.path(base, target, baseChildren);
        if (!node.ok()) {
            throw fail(node.error(), at, fixup + "symbol " + label + " names " + target + ", which the base lacks");
        }
        long phandle = LibfdtLookup.phandle(node.node());
        if (phandle == 0) {
            throw fail(NOT_FOUND, at, fixup + "symbol " + label + " names " + target + ", which has no phandle");
        }
        return phandle;
    }

    /**
     * The offset as libfdt reads it: C strtoul(s, &end, 10) must use every byte up to the NUL and at least
     * one digit (leading white space and a sign allowed, overflow saturating), and the result goes through
     * an int, so only its low 32 bits count. -1 when libfdt would call the entry malformed.
     */
    static long strtoul(byte[] b, int from, int to) {
        int i = from;
        while (i < to && (b[i] == ' ' || (b[i] >= '\t' && b[i] <= '\r'))) {
            i++;
        }
        boolean negative = false;
        if (i < to && (b[i] == '+' || b[i] == '-')) {
            negative = b[i] == '-';
            i++;
        }
        int digits = i;
        long v = 0;
        boolean overflow = false;
        for (; i < to && b[i] >= '0' && b[i] <= '9'; i++) {
            long next = v * 10 + (b[i] - '0');
            if (Long.compareUnsigned(v, 0x1999_9999_9999_9999L) > 0 || Long.compareUnsigned(next, v * 10) < 0) {
                overflow = true;
            }
            v = next;
        }
        if (i == digits || i != to) {
            return -1;
        }
        if (overflow) {
            v = -1L;
        } else if (negative) {
            v = -v;
        }
        return v & 0xffff_ffffL;
    }

    private static int indexOf(byte[] b, byte what, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == what) {
                return i;
            }
        }
        return -1;
    }

    private FdtException fail(FdtException.Kind kind, String path, String what) {
        return FdtException.inOverlay(kind, name, path, what);
    }
}
