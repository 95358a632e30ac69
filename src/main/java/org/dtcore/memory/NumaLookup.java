package org.dtcore.memory;

import java.util.Optional;
import org.dtcore.fdt.DeviceTree;
import org.dtcore.fdt.FdtNode;
import org.dtcore.fdt.FdtProperty;

/**
 * The NUMA node of powerpc RAM (SPEC §3.6, §4), as arch/powerpc/mm/numa.c finds it (Linux 6.1 and 6.12
 * alike): powerpc never reads {@code numa-node-id}.
 * <ul>
 * <li>The affinity form comes from the firmware: OPAL (an {@code /ibm,opal} node) means FORM1; on pseries
 *     {@code /chosen ibm,architecture-vec-5} byte 5 bit 0x20 means FORM2, else bit 0x80 FORM1, else FORM0
 *     (OV5_FORM2_AFFINITY 0x0520, OV5_FORM1_AFFINITY 0x0580; platforms/pseries/firmware.c).</li>
 * <li>The primary domain index (find_primary_domain_index) is {@code ibm,associativity-reference-points}
 *     of {@code /ibm,opal} (OPAL) or {@code /rtas} (else the root): entry [0] for FORM1 and FORM2, [1] for
 *     FORM0. Without it NUMA is off (so is it with {@code numa=off} in bootargs), and all RAM is node 0
 *     (setup_nonnuma).</li>
 * <li>A memory node's {@code ibm,associativity} is a count, then the domains; the node is the domain at
 *     the 1-based primary index, none when the index is past the count (__associativity_to_nid). A memory
 *     node without the property is node 0 (parse_numa_properties' default_nid).</li>
 * <li>An LMB's node is {@code ibm,associativity-lookup-arrays} (n_arrays, array_sz, then the arrays) at
 *     its aa_index, none when the index is past array_sz, the LMB's flags have AI_INVALID or aa_index is
 *     not below n_arrays (of_drconf_to_nid_single).</li>
 * <li>0xffff or an id at or past nr_node_ids means none; while the tree is parsed nr_node_ids is still
 *     MAX_NUMNODES (find_possible_nodes and setup_nr_node_ids run after parse_numa_properties), that is
 *     1 &lt;&lt; CONFIG_NODES_SHIFT = 256 on ppc64 (arch/powerpc/Kconfig), not the
 *     {@code ibm,max-associativity-domains} count.</li>
 * </ul>
 * 32-bit powerpc has no NUMA: everything is node 0.
 */
final class NumaLookup {
    /** MAX_NUMNODES while the tree is parsed: NODES_SHIFT defaults to 8 on PPC64. */
    static final long MAX_NUMNODES = 256;
    static final int AI_INVALID = 0x40;
    private static final int VEC5_FORM_BYTE = 5;
    private static final int VEC5_FORM1 = 0x80;
    private static final int VEC5_FORM2 = 0x20;

    /** The 1-based primary domain index, or 0 when NUMA is off (then everything is node 0). */
    private final long primaryIndex;
    private final String why;
    /** The node of RAM when NUMA is off: 0 on powerpc; none under the generic rules, which lack the rule. */
    private int offNode = 0;

    private NumaLookup(long primaryIndex, String why) {
        this.primaryIndex = primaryIndex;
        this.why = why;
    }

    /** The same lookup for the generic rules (no architecture given): NUMA off means no node, not node 0. */
    NumaLookup withoutDefaultNode() {
        NumaLookup n = new NumaLookup(primaryIndex, why);
        n.offNode = MemoryChunk.NO_NUMA_NODE;
        return n;
    }

    /** Reads the form and primary index of {@code tree}; {@code bootargs} may say numa=off. */
    static NumaLookup of(DeviceTree tree, Arch arch, Optional<String> bootargs) {
        if (arch == Arch.PPC) {
            return new NumaLookup(0, null); // 32-bit powerpc has no NUMA
        }
        // early_numa: "numa=" containing "off" turns NUMA off
        for (String word : bootargs.orElse("").trim().split("\\s+")) {
            if (word.startsWith("numa=") && word.contains("off")) {
                return new NumaLookup(0, "numa=off");
            }
        }
        Optional<FdtNode> opal = tree.node("/ibm,opal");
        int form = opal.isPresent() ? 1 : formOf(tree);
        Optional<FdtNode> holder = opal.isPresent() ? opal : tree.node("/rtas");
        FdtNode at = holder.orElse(tree.root());
        Optional<FdtProperty> ref = at.property("ibm,associativity-reference-points");
        int entry = form == 0 ? 1 : 0;
        if (ref.isEmpty()) {
            return new NumaLookup(0, null); // no NUMA information: nothing to say
        }
        if (ref.get().cellCount() <= entry) {
            return new NumaLookup(0, ref.get().path() + " is too short for FORM" + form);
        }
        long index = ref.get().cell(entry);
        if (index == 0) {
            return new NumaLookup(0, ref.get().path() + " gives primary index 0");
        }
        return new NumaLookup(index, null);
    }

    private static int formOf(DeviceTree tree) {
        Optional<FdtProperty> vec5 = tree.node("/chosen").flatMap(c -> c.property("ibm,architecture-vec-5"));
        if (vec5.isEmpty() || vec5.get().length() <= VEC5_FORM_BYTE) {
            return 0;
        }
        int b = vec5.get().buffer().get(VEC5_FORM_BYTE) & 0xff;
        return (b & VEC5_FORM2) != 0 ? 2 : (b & VEC5_FORM1) != 0 ? 1 : 0;
    }

    boolean enabled() {
        return primaryIndex != 0;
    }

    /** Why NUMA is off when the tree carries NUMA information all the same (else null). */
    String whyOff() {
        return why;
    }

    /** The node of a memory@ node's RAM. */
    int memoryNode(FdtNode memory) {
        if (!enabled()) {
            return offNode;
        }
        Optional<FdtProperty> assoc = memory.property("ibm,associativity");
        if (assoc.isEmpty() || assoc.get().cellCount() < 1) {
            return 0;
        }
        FdtProperty p = assoc.get();
        // associativity_to_nid: the count comes first, then that many domains
        long count = p.cell(0);
        if (primaryIndex > count || primaryIndex > p.cellCount() - 1) {
            return MemoryChunk.NO_NUMA_NODE;
        }
        return nid(p.cell((int) primaryIndex));
    }

    /** An LMB's node from {@code lookupArrays} of the drconf node (absent: none), as of_drconf_to_nid_single. */
    LmbNodes lmbNodes(Optional<FdtProperty> lookupArrays) {
        return new LmbNodes(lookupArrays.filter(la -> la.cellCount() >= 2).orElse(null));
    }

    private static int nid(long v) {
        return v == 0xffff || v >= MAX_NUMNODES ? MemoryChunk.NO_NUMA_NODE : (int) v;
    }

    /** Nodes of LMBs through {@code ibm,associativity-lookup-arrays}. */
    final class LmbNodes {
        private final FdtProperty arrays;
        private final long count;
        private final long width;

        private LmbNodes(FdtProperty arrays) {
            this.arrays = arrays;
            long n = arrays == null ? 0 : arrays.cell(0);
            long w = arrays == null ? 0 : arrays.cell(1);
            // n and w are u32: their product can pass 2^63, so compare by division, never multiply
            boolean fits = w != 0 && n <= (arrays.cellCount() - 2) / w;
            this.count = fits ? n : 0;
            this.width = fits ? w : 0;
        }

        int nodeOf(long aaIndex, int flags) {
            if (!enabled()) {
                return offNode;
            }
            if (arrays == null || primaryIndex > width || (flags & AI_INVALID) != 0 || aaIndex >= count) {
                return MemoryChunk.NO_NUMA_NODE;
            }
            return nid(arrays.cell((int) (2 + aaIndex * width + primaryIndex - 1)));
        }
    }
}
