package org.dtcore.context;

import static org.dtcore.context.ContextException.Kind.BAD_FILE;

import java.util.ArrayList;
import java.util.List;
import org.dtcore.Given;
import org.dtcore.Wording;
import org.dtcore.input.RootFile;
import org.dtcore.input.SystemRoot;
import org.dtcore.text.Numbers;
import org.dtcore.text.TextException;

/**
 * The CPU crash notes of SPEC §10 from a system root's {@code sys/devices/system/cpu}: each {@code cpuN}
 * holds {@code crash_notes}, the physical address of that CPU's note buffer printed "%llx" (hex without
 * "0x"), and {@code crash_notes_size}, its size printed "%zu" (decimal). Kernels before crash_notes_size
 * existed have only the address: such a note gets size 0, which {@link ContextDefaults} fills with the
 * architecture's size (SPEC §9).
 */
final class SysfsCpus {
    /** More CPUs than any kernel's NR_CPUS (8192 on x86 MAXSMP) with a wide margin; also the JSON bound. */
    static final int MAX_CPUS = 65536;

    private SysfsCpus() {
    }

    /**
     * The notes, ascending by CPU number (numerically: cpu10 after cpu9); {@link PartialContext#EMPTY} when no
     * CPU folder has crash_notes (the folder is missing, or the kernel was built without kexec support).
     */
    static PartialContext read(SystemRoot root) {
        List<String> cpus = root.instances(RootFile.CRASH_NOTES);
        String folder = root.where(RootFile.CRASH_NOTES.numberedFolder());
        if (cpus.size() > MAX_CPUS) {
            throw new ContextException(BAD_FILE, folder, "more than " + MAX_CPUS + " CPU folders");
        }
        List<CpuNote> notes = new ArrayList<>();
        List<Integer> withoutNotes = new ArrayList<>();
        for (String cpu : cpus) {
            String address = root.text(RootFile.CRASH_NOTES, cpu).orElse(null);
            if (address == null) {
                withoutNotes.add(Integer.parseInt(cpu));
                continue;
            }
            long addr = Hex.parse(address.strip(), root.where(RootFile.CRASH_NOTES, cpu), "crash_notes");
            long size = root.text(RootFile.CRASH_NOTES_SIZE, cpu)
                    .map(s -> decimal(s.strip(), root.where(RootFile.CRASH_NOTES_SIZE, cpu)))
                    .orElse(0L);
            notes.add(new CpuNote(Integer.parseInt(cpu), addr, size));
        }
        if (notes.isEmpty()) {
            return PartialContext.EMPTY;
        }
        PartialContext found = PartialContext.EMPTY.withCpus(notes);
        if (!withoutNotes.isEmpty()) {
            found = found.withWarning(ContextWarning.general(Wording.of(folder + ": CPUs " + withoutNotes
                    + " have no crash_notes and are left out of the header (give ", Given.CPU_NOTE,
                    " for each if they are possible CPUs)")));
        }
        return found;
    }

    private static long decimal(String text, String file) {
        try {
            long v = Numbers.decimalDigits(text);
            if (v > 0) {
                return v;
            }
        } catch (TextException e) {
            // reported below
        }
        throw new ContextException(file, Hex.describe(text) + " is not a positive decimal size");
    }
}
