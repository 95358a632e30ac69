package org.dtcore.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dtcore.memory.PowerPcFirmware.Reader.BOOT;
import static org.dtcore.memory.PowerPcFirmware.Reader.KEXEC_FILE;
import static org.dtcore.memory.PowerPcFirmware.Reader.KEXEC_TOOLS;

import java.util.List;
import org.dtcore.fdt.DeviceTree;
import org.dtcore.fdt.RegEntry;
import org.dtcore.testing.DtsBoard;
import org.junit.jupiter.api.Test;

/**
 * The one decoder of powerpc's firmware regions, its three readers side by side on the same boards:
 * the booted kernel's map (BOOT), the kernel's kexec_file loader (arch/powerpc/kexec/ranges.c) and
 * kexec-tools 2.0.25 (kexec/arch/ppc64/kexec-ppc64.c). Expected values are the boards' own cells.
 */
class PowerPcFirmwareTest {
    /** A pseries-like root of 1 + 1 cells (Linux's defaults), so the reserved-ranges readers disagree. */
    private static final DeviceTree BOARD = DtsBoard.tree("""
            / {
                #address-cells = <1>;
                #size-cells = <1>;
                reserved-ranges = <0x0 0x31000000 0x0 0x1000>;
                rtas { linux,rtas-base = <0x2fff0000>; rtas-size = <0x83c>; };
                ibm,opal {
                    opal-base-address = /bits/ 64 <0x30000000>;
                    opal-runtime-size = /bits/ 64 <0x1000000>;
                };
                pci@800000020000000 {
                    device_type = "pci";
                    linux,tce-base = /bits/ 64 <0x3e000000>;
                    linux,tce-size = <0x800000>;
                };
                vdevice {
                    pci@1 { device_type = "pci"; linux,tce-base = /bits/ 64 <0x3f000000>; linux,tce-size = <0x400000>; };
                };
                isa@2 { linux,tce-base = /bits/ 64 <0x3d000000>; linux,tce-size = <0x1000>; };
                pci@3 { device_type = "pci"; };
            };
            """);

    private static List<RegEntry> pairs(List<PowerPcFirmware.Region> regions) {
        return regions.stream().map(PowerPcFirmware.Region::pair).toList();
    }

    @Test
    void everyReaderReadsRtasAndOpalAlikeOnAWellFormedTree() {
        for (PowerPcFirmware.Reader reader : PowerPcFirmware.Reader.values()) {
            assertThat(PowerPcFirmware.rtas(BOARD, reader)).as(reader.name()).hasValueSatisfying(r -> {
                assertThat(r.kind()).isEqualTo(ReservedRegion.Kind.RTAS);
                assertThat(r.path()).isEqualTo("/rtas");
                assertThat(r.pair()).isEqualTo(new RegEntry(0x2fff0000L, 0x83c));
            });
            assertThat(PowerPcFirmware.opal(BOARD, reader)).as(reader.name()).map(PowerPcFirmware.Region::pair)
                    .hasValue(new RegEntry(0x30000000L, 0x1000000L));
        }
    }

    @Test
    void reservedRangesAreTwoPlusTwoCellsExceptToTheKexecFileLoader() {
        // prom.c early_reserve_mem_dt and kexec-tools' scan_reserved_ranges: 2 + 2 cells, one pair
        assertThat(pairs(PowerPcFirmware.reservedRanges(BOARD, BOOT)))
                .containsExactly(new RegEntry(0x31000000L, 0x1000));
        assertThat(pairs(PowerPcFirmware.reservedRanges(BOARD, KEXEC_TOOLS)))
                .containsExactly(new RegEntry(0x31000000L, 0x1000));
        // ranges.c add_reserved_mem_ranges: the root's 1 + 1 cells, so the same four cells are two pairs
        assertThat(pairs(PowerPcFirmware.reservedRanges(BOARD, KEXEC_FILE)))
                .containsExactly(new RegEntry(0, 0x31000000L), new RegEntry(0, 0x1000));
        assertThat(PowerPcFirmware.reservedRanges(BOARD, BOOT)).extracting(PowerPcFirmware.Region::path)
                .containsExactly("/reserved-ranges");
    }

    @Test
    void tceTablesAreFoundWhereEachReaderLooks() {
        // the booted map: every node that has one
        assertThat(PowerPcFirmware.tce(BOARD, BOOT)).extracting(PowerPcFirmware.Region::path)
                .containsExactly("/pci@800000020000000", "/vdevice/pci@1", "/isa@2");
        // for_each_node_by_type(dn, "pci"): device_type "pci" at any depth; a pci node without a table is none
        assertThat(PowerPcFirmware.tce(BOARD, KEXEC_FILE)).extracting(PowerPcFirmware.Region::path)
                .containsExactly("/pci@800000020000000", "/vdevice/pci@1");
        // get_devtree_details: root entries named pci@...; one without linux,tce-base is "Non LPAR"
        assertThat(PowerPcFirmware.tce(BOARD, KEXEC_TOOLS)).extracting(PowerPcFirmware.Region::path)
                .containsExactly("/pci@800000020000000");
        assertThat(pairs(PowerPcFirmware.tce(BOARD, KEXEC_FILE)))
                .containsExactly(new RegEntry(0x3e000000L, 0x800000), new RegEntry(0x3f000000L, 0x400000));
    }

    @Test
    void aMissingOrShortPropertyFailsTheLoadersButNotTheMap() {
        DeviceTree noSize = DtsBoard.tree("/ { rtas { linux,rtas-base = <0x2fff0000>; }; };");
        assertThat(PowerPcFirmware.rtas(noSize, BOOT)).isEmpty();
        assertThatThrownBy(() -> PowerPcFirmware.rtas(noSize, KEXEC_FILE)).isInstanceOfSatisfying(
                MemoryMapException.class, e -> assertThat(e.oneLine())
                        .isEqualTo("/rtas/rtas-size: missing: the kernel's loader fails here"));
        assertThatThrownBy(() -> PowerPcFirmware.rtas(noSize, KEXEC_TOOLS)).isInstanceOfSatisfying(
                MemoryMapException.class, e -> assertThat(e.oneLine())
                        .isEqualTo("/rtas/rtas-size: missing: kexec-tools fails here"));

        DeviceTree narrow = DtsBoard.tree("/ { ibm,opal { opal-base-address = <0x30000000>;"
                + " opal-runtime-size = <0x1000000>; }; };");
        // the map reads 4 or 8 bytes by length; of_property_read_u64 and an 8-byte fread want 8
        assertThat(PowerPcFirmware.opal(narrow, BOOT)).map(PowerPcFirmware.Region::pair)
                .hasValue(new RegEntry(0x30000000L, 0x1000000L));
        assertThatThrownBy(() -> PowerPcFirmware.opal(narrow, KEXEC_FILE)).isInstanceOf(MemoryMapException.class)
                .hasMessageEndingWith(": " + "shorter than 8 bytes: the kernel's loader fails here");

        DeviceTree tceWithoutSize = DtsBoard.tree("/ { pci@1 { device_type = \"pci\";"
                + " linux,tce-base = /bits/ 64 <0x3e000000>; }; };");
        assertThat(PowerPcFirmware.tce(tceWithoutSize, KEXEC_FILE)).isEmpty(); // -EINVAL: "ok to have pci nodes without tce"
        assertThatThrownBy(() -> PowerPcFirmware.tce(tceWithoutSize, KEXEC_TOOLS)).isInstanceOf(MemoryMapException.class)
                .hasMessage("/pci@1/linux,tce-size: missing: kexec-tools fails here");
    }

    @Test
    void aReaderTakesTheFirstBytesOfALongerValue() {
        // of_property_read_u32 and fread(4) read the first cell of an 8-byte value; the map reads it whole
        DeviceTree wide = DtsBoard.tree("/ { rtas { linux,rtas-base = <0x1 0x2fff0000>; rtas-size = <0x83c>; }; };");
        assertThat(PowerPcFirmware.rtas(wide, KEXEC_FILE)).map(PowerPcFirmware.Region::pair)
                .hasValue(new RegEntry(0x1, 0x83c));
        assertThat(PowerPcFirmware.rtas(wide, BOOT)).map(PowerPcFirmware.Region::pair)
                .hasValue(new RegEntry(0x1_2fff_0000L, 0x83c));
    }
}
