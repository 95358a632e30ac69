package org.dtcore.layout;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.dtcore.memory.Arch;
import org.dtcore.memory.MemoryRange;
import org.dtcore.memory.MemoryScan;
import org.dtcore.memory.ScanOptions;
import org.dtcore.testing.DtsBoard;
import org.junit.jupiter.api.Test;

/** SPEC §3.6: NUMA nodes of a map, whichever rule named them. */
class NumaLayoutTest {
    /**
     * A pseries-like board: FORM1 affinity (/chosen ibm,architecture-vec-5 byte 5 = 0x80), primary index 4
     * (/rtas ibm,associativity-reference-points [0]), and RAM whose ibm,associativity's 4th domain is
     * 0, 1, 0: no numa-node-id anywhere, as powerpc firmware writes it.
     */
    static final String PSERIES = """
            / { #address-cells = <2>; #size-cells = <2>;
              chosen { ibm,architecture-vec-5 = [19 00 20 00 00 80]; };
              rtas { ibm,associativity-reference-points = <4 2>; };
              memory@0 { device_type = "memory"; reg = <0 0 0 0x40000000>;
                ibm,associativity = <4 0 0 0 0>; };
              memory@40000000 { device_type = "memory"; reg = <0 0x40000000 0 0x40000000>;
                ibm,associativity = <4 0 0 1 1>; };
              memory@80000000 { device_type = "memory"; reg = <0 0x80000000 0 0x20000000>;
                ibm,associativity = <4 0 0 0 0>; };
            };
            """;

    @Test
    void powerpcNodesComeFromIbmAssociativity() {
        List<ExpectedNumaNode> nodes = NumaLayout.of(MemoryScan.scan(DtsBoard.tree(PSERIES),
                ScanOptions.forArch(Arch.PPC64)));

        // node 0: 1 GiB at 0 and 512 MiB at 2 GiB, not adjacent, so two ranges; node 1: the GiB between
        assertThat(nodes).containsExactly(
                new ExpectedNumaNode(0, List.of(new MemoryRange(0, 0x3fff_ffffL),
                        new MemoryRange(0x8000_0000L, 0x9fff_ffffL)), 0x6000_0000L),
                new ExpectedNumaNode(1, List.of(new MemoryRange(0x4000_0000L, 0x7fff_ffffL)), 0x4000_0000L));
    }
}
