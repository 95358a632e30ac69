package org.dtcore.context;

import static org.dtcore.context.ContextException.Kind.BAD_FILE;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.dtcore.input.InputFile;
import org.dtcore.text.Numbers;
import org.dtcore.text.TextException;

/**
 * The CPU crash notes of SPEC §10 from a {@code sys/devices/system/cpu} folder: each {@code cpuN} holds
 * {@code crash_notes}, the physical address of that CPU's note buffer printed "%llx" (hex without "0x"),
 * and {@code crash_notes_size}, its size printed "%zu" (decimal). Kernels before crash_notes_size existed
 * have only the address: such a note gets size 0, which {@link ContextDefaults} fills with the
 * architecture's size (SPEC §9).
 */
final class SysfsCpus {
    /** More CPUs than any kernel's NR_CPUS (8192 on x86 MAXSMP) with a wide margin; also the JSON bound. */
    static final int MAX_CPUS = 65536;


    private SysfsCpus() {
    }

    /**
     * The notes, ascending by CPU number (numerically: cpu10 after cpu9); {@link PartialContext#EMPTY} when no CPU folder has
     * crash_notes (the folder is missing, or the kernel was built without kexec support).
     */
    static PartialContext read(Path cpuFolder, UnaryOperator<Path> confine) {
        if (!Files.isDirectory(cpuFolder)) {
            return PartialContext.EMPTY;
        }
        List<CpuNote> notes = new ArrayList<>();
        List<Integer> withoutNotes = new ArrayList<>();
        for (Path dir : cpuFolders(cpuFolder)) {
            int cpu = Integer.parseInt(dir.getFileName().toString().substring(3));
            Path address = confine.apply(dir.resolve("crash_notes"));
            Path sizeFile = confine.apply(dir.resolve("crash_notes_size"));
            if (!Files.exists(address)) {
                withoutNotes.add(cpu);
                continue;
            }
            long addr = Hex.parse(SystemFile.require(address, SystemFile.ATTRIBUTE_BYTES).strip(),
                    address.toString(), "crash_notes");
            long size = SystemFile.read(sizeFile, SystemFile.ATTRIBUTE_BYTES)
                    .map(s -> decimal(s.strip(), sizeFile))
                    .orElse(0L);
            notes.add(new CpuNote(cpu, addr, size));
        }
        if (notes.isEmpty()) {
            return PartialContext.EMPTY;
        }
        notes.sort(CpuNote.BY_CPU);
        PartialContext found = PartialContext.EMPTY.withCpus(notes);
        if (!withoutNotes.isEmpty()) {
            found = found.withWarning(cpuFolder + ": CPUs " + withoutNotes + " have no crash_notes and are left out"
                    + " of the header (give them with --cpu-note ID,ADDR[,SIZE] if they are possible CPUs)");
        }
        return found;
    }

    /** "cpu" and a number without leading zeros, at most 9 digits; by hand, as a regex costs ~35 classes. */
    static boolean isCpuFolder(String name) {
        int digits = name.length() - 3;
        if (!name.startsWith("cpu") || digits < 1 || digits > 9 || name.charAt(3) == '0' && digits > 1) {
            return false;
        }
        for (int i = 3; i < name.length(); i++) {
            if (name.charAt(i) < '0' || name.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static List<Path> cpuFolders(Path cpuFolder) {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(cpuFolder)) {
            for (Path p : ds) {
                if (isCpuFolder(p.getFileName().toString()) && Files.isDirectory(p)) {
                    if (out.size() == MAX_CPUS) {
                        throw new ContextException(BAD_FILE, cpuFolder.toString(),
                                "more than " + MAX_CPUS + " CPU folders");
                    }
                    out.add(p);
                }
            }
        } catch (IOException e) {
            throw new ContextException(BAD_FILE, cpuFolder.toString(), "cannot list: " + InputFile.reason(e));
        }
        return out;
    }

    private static long decimal(String text, Path file) {
        try {
            long v = Numbers.decimalDigits(text);
            if (v > 0) {
                return v;
            }
        } catch (TextException e) {
            // reported below
        }
        throw new ContextException(file.toString(), Hex.describe(text) + " is not a positive decimal size");
    }
}
