package org.dtcore.crash;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** kexec-tools' kexec/mem_regions.c mem_regions_exclude(), which is not the kernel's exclusion. */
class MemRegionsTest {

    @Test
    void onlyARangeHoldingTheRegionWholeIsCut() {
        MemRegions r = new MemRegions();
        r.add(0x1000, 0x1000);
        r.add(0x4000, 0x4000);

        // [0x1800, 0x47ff] overlaps both ranges but lies in neither: kexec-tools leaves both alone
        assertThat(r.exclude(0x1800, 0x47ff)).isEqualTo(MemRegions.Cut.NONE);
        assertThat(r.ranges()).containsExactly(LoaderRange.ram(0x1000, 0x1fff), LoaderRange.ram(0x4000, 0x7fff));
    }

    @Test
    void aSplitAppendsTheUpperPieceAndExactMatchesVanish() {
        MemRegions r = new MemRegions();
        r.add(0x1000, 0x1000);
        r.add(0x4000, 0x4000);

        assertThat(r.exclude(0x1400, 0x17ff)).isEqualTo(MemRegions.Cut.SPLIT);
        assertThat(r.ranges()).containsExactly(LoaderRange.ram(0x1000, 0x13ff), LoaderRange.ram(0x4000, 0x7fff),
                LoaderRange.ram(0x1800, 0x1fff));
        assertThat(r.exclude(0x4000, 0x7fff)).isEqualTo(MemRegions.Cut.TRIMMED);
        r.sort();
        assertThat(r.ranges()).containsExactly(LoaderRange.ram(0x1000, 0x13ff), LoaderRange.ram(0x1800, 0x1fff));
    }
}
