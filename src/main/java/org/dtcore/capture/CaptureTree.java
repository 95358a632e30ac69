package org.dtcore.capture;

import java.util.Optional;
import org.dtcore.fdt.DeviceTree;
import org.dtcore.fdt.FdtException;
import org.dtcore.fdt.TreeEditor;
import org.dtcore.memory.Arch;

/**
 * The device tree a kdump loader hands the capture kernel (SPEC §11), built from the booted tree as the
 * kernel's kexec_file_load builds it: of_kexec_alloc_and_setup_fdt's steps for every architecture
 * ({@link KexecChosen}), then powerpc's setup_new_fdt_ppc64 ({@link PowerPcCapture}); the command line
 * gets riscv's and powerpc's "elfcorehdr=" prefix ({@link KdumpCommandLine}). New properties and nodes go
 * where libfdt puts them, so {@link org.dtcore.fdt.FdtWriter} writes a tree that decompiles as the kernel's
 * does. The kernel packs its blob (fdt_pack) after keeping the booted strings block and adding names at
 * its end; dtcore writes dtc's layout, so the blobs match as trees, not byte for byte.
 */
public final class CaptureTree {
    private CaptureTree() {
    }

    /**
     * The capture kernel's tree.
     *
     * @param booted  the tree the running kernel booted with
     * @param request what the loader knows besides it
     * @return a new tree; {@code booted} is not changed

     * @throws CaptureException when the kernel would refuse the load (a missing /cpus or backup address on
     *                          powerpc, an initrd-start without initrd-end, a value too wide for the root's
     *                          cells ...)
     */
    public static DeviceTree build(DeviceTree booted, CaptureRequest request) {
        try {
            TreeEditor editor = booted.edit(TreeEditor.Placement.LIBFDT);
            Optional<String> bootargs = KdumpCommandLine.of(request.arch(), request.bootargs(),
                    request.elfCoreHeader());
            KexecChosen.apply(booted, editor, request, bootargs);
            if (request.arch() == Arch.PPC64) {
                PowerPcCapture.apply(booted, editor, request);
            }
            return editor.build();
        } catch (FdtException e) {
            // a booted tree the editor cannot change as asked (a value that does not decode, a bad name)
            throw new CaptureException(CaptureException.Kind.BAD_TREE, e.location(), e.detail(), e);
        }
    }
}
