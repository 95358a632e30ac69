package org.dtcore.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.dtcore.memory.Arch;
import org.dtcore.memory.MemoryRange;
import org.dtcore.memory.RangeText;
import org.dtcore.memory.ScanOptions;
import org.dtcore.testing.JsonSchemas;
import org.junit.jupiter.api.Test;

/** Failures of the fluent assertions carry the same side-by-side report as {@code dtcore check}. */
class BoardLayoutAssertTest {
    private static BoardLayout board(String name) throws IOException {
        return BoardLayout.load(Path.of("fdt-samples", name + ".dtb"), ScanOptions.forArch(Arch.ARM64));
    }

    @Test
    void wrongRamShowsBothSides() throws IOException {
        BoardLayout b = board("qemu-arm64-virt-2g");
        assertThatThrownBy(() -> BoardLayoutAssert.assertThat(b).hasRam("0x40000000+4G"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("layout of fdt-samples/qemu-arm64-virt-2g.dtb:")
                .hasMessageContaining("FAIL ram: 1 range differs; 1 expected, 1 found")
                .hasMessageContaining("! 0x0000000040000000-0x000000013fffffff (4 GiB) | "
                        + "0x0000000040000000-0x00000000bfffffff (2 GiB)");
    }

    @Test
    void messageIsTheCheckReport() throws IOException {
        BoardLayout b = board("qemu-arm64-virt-2g");
        Expectation e = Expectation.NOTHING.withRam(List.of(RangeText.parse("0x40000000+1G")));
        String report = LayoutCheck.check(e, b.map()).text(true);
        assertThatThrownBy(() -> BoardLayoutAssert.assertThat(b).matches(e)).hasMessageEndingWith(report);
    }

    @Test
    void aReservationThatDiffersShowsBothSidesAndNotTheOtherRegions() throws IOException {
        assertThatThrownBy(() -> BoardLayoutAssert.assertThat(board("reserved-memory")).reservesNoMap("0x58000000+32M"))
                .hasMessageContaining("FAIL reserved: 1 region differs; 1 expected, 6 found")
                .hasMessageContaining("! 0x0000000058000000-0x0000000059ffffff (32 MiB)  * no-map reusable?")
                // the five other regions agree with nothing asked: context, left out unless all rows are asked for
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("    . ", "secmon"));
    }

    @Test
    void crashKernelThatCannotFitSaysTheLargestStretch() throws IOException {
        assertThatThrownBy(() -> BoardLayoutAssert.assertThat(board("qemu-arm64-virt-2g")).fitsCrashKernel("3G", "4G"))
                .hasMessageContaining("FAIL rules.crashkernelFits: 3 GiB aligned to 2 MiB below 0x100000000 does not fit")
                .hasMessageContaining("largest free stretch 0x0000000040000000-0x00000000bfffffff (2 GiB)");
    }

    @Test
    void dumpAssertionsNeedAnArchitectureAndTakeAnyPolicy() throws IOException {
        BoardLayout generic = BoardLayout.load(Path.of("fdt-samples/reserved-memory.dtb"));
        assertThatThrownBy(() -> BoardLayoutAssert.assertThat(generic).omitsFromDump("0x4e000000+2M"))
                .hasMessageContaining("n/e  crash").hasMessageContaining("give the architecture");
        CrashMemorySource everything = (map, arch, kernels) -> map.memory();
        assertThatThrownBy(() -> BoardLayoutAssert.assertThat(generic).withCrashMemory(everything, Arch.ARM64)
                .omitsFromDump("0x4e000000+2M"))
                .hasMessageContaining("FAIL crash.omits")
                .hasMessageContaining("dumped: 0x000000004e000000-0x000000004e1fffff");
    }

    @Test
    void expectationRoundTripsThroughItsFile() throws IOException {
        for (String name : List.of("reserved-memory", "numa-hotplug", "pseries-drconf-v1", "capture-kernel")) {
            Expectation e = board(name).expectation();
            String file = ExpectationWriter.write(e);
            JsonSchemas.assertValid(JsonSchemas.EXPECTATION, file);
            assertThat(ExpectationReader.parse(file)).as(name).isEqualTo(e);
        }
    }
}
