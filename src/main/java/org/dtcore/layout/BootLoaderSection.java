package org.dtcore.layout;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.dtcore.fdt.BootLoaderView;
import org.dtcore.fdt.FdtException;
import org.dtcore.fdt.FdtParser;
import org.dtcore.fdt.LibfdtVersion;
import org.dtcore.input.InputException;
import org.dtcore.memory.MemoryRange;

/**
 * The boot loader's edits an expectation was made with ({@code dtcore expect --memory ... --overlay ...}),
 * so that {@code dtcore check} reads the board the same way without being told again: the RAM banks the
 * boot loader writes, the overlays it applies (paths relative to the expectation file's folder), and whose
 * libfdt applies them (docs/expectations.md).
 *
 * @param memory   the banks, in order (written as U-Boot's fdt_fixup_memory_banks does)
 * @param overlays the overlay files as the expectation file writes them, in order
 * @param libfdt   whose fdt_overlay_apply the overlays follow
 */
public record BootLoaderSection(List<MemoryRange> memory, List<String> overlays, LibfdtVersion libfdt) {
    /**
     * Copies the lists; a null libfdt stands for dtc 1.7's.
     *
     * @param memory   the banks, in order (written as U-Boot's fdt_fixup_memory_banks does)
     * @param overlays the overlay files as the expectation file writes them, in order
     * @param libfdt   whose fdt_overlay_apply the overlays follow
     */
    public BootLoaderSection {
        memory = List.copyOf(memory);
        overlays = List.copyOf(overlays);
        libfdt = libfdt == null ? LibfdtVersion.DTC_1_7 : libfdt;
    }

    /**
     * The view this section records, its overlays read from {@code folder} (the expectation file's). An
     * overlay that is not there is an {@link ExpectationException} naming the field and the path tried;
     * a bad overlay blob is the fdt layer's exception naming the overlay.
     *
     * @param folder the folder the overlay paths are relative to: the expectation file's
     * @return the boot loader's view: these banks, these overlays read, this libfdt
     * @throws ExpectationException when an overlay is not there or cannot be read
     * @throws org.dtcore.fdt.FdtException when an overlay is not a valid blob
     */
    public BootLoaderView view(Path folder) {
        BootLoaderView v = BootLoaderView.NONE.withBankOrigin("the expectation file (bootLoader.memory)")
                .withLibfdt(libfdt);
        for (MemoryRange bank : memory) {
            v = v.withMemoryBank(bank.start(), bank.size());
        }
        for (int i = 0; i < overlays.size(); i++) {
            Path file = folder.resolve(overlays.get(i)).normalize();
            try {
                v = v.withOverlay(new BootLoaderView.Overlay(overlays.get(i), FdtParser.read(file)));
            } catch (FdtException e) {
                throw e.inOverlay(file.toString());
            } catch (InputException e) {
                throw new ExpectationException("$.bootLoader.overlays[" + i + "]", (e.kind()
                        == InputException.Kind.NO_SUCH_FILE ? "no overlay at " + file : "the overlay " + file + ": "
                        + e.detail()) + " (an overlay path is relative to the expectation file's folder)");
            } catch (NoSuchFileException e) {
                throw new ExpectationException("$.bootLoader.overlays[" + i + "]", "no overlay at " + file
                        + " (an overlay path is relative to the expectation file's folder)");
            } catch (IOException e) {
                throw new ExpectationException("$.bootLoader.overlays[" + i + "]", "cannot read the overlay " + file
                        + ": " + (e.getMessage() == null ? "read failed" : e.getMessage()));
            }
        }
        return v;
    }
}
