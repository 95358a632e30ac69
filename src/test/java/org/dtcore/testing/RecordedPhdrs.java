package org.dtcore.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

import org.dtcore.memory.MemoryRange;

/**
 * A kernel-truth case's elfcorehdr-phdrs.txt (../shared/kernel-truth/README.md): the program headers of the
 * core header the first kernel (or kexec-tools) really built, as the recorder decoded them, one row each:
 * <pre>
 *   # type  flags  offset  vaddr  paddr  filesz  memsz  align  paddr-end(incl)
 * </pre>
 * The one reader of that file in the tests. Its rows are the answer a case gives: a test that feeds them
 * to dtcore tests what dtcore does with the kernel's own ranges, not how it finds them.
 */
public record RecordedPhdrs(Path file, List<Row> rows) {

    /**
     * One program header row; {@code paddrEnd} is the recorder's inclusive end, to 64 bits (the recorder
     * printed kexec-tools' wrapped arm64 kernel row, paddr + filesz past 2^64, in full).
     */
    public record Row(int index, String type, long offset, long vaddr, long paddr, long filesz, long memsz,
                      long paddrEnd) {
        public boolean load() {
            return type.equals("LOAD");
        }

        /** [paddr, paddr-end], as the recorder wrote it. */
        public MemoryRange physical() {
            return new MemoryRange(paddr, paddrEnd);
        }
    }

    /** Reads {@code caseDir}/elfcorehdr-phdrs.txt; a row whose end disagrees with paddr + filesz fails here. */
    public static RecordedPhdrs of(Path caseDir) {
        Path file = caseDir.resolve("elfcorehdr-phdrs.txt");
        List<Row> rows = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file)) {
                String[] f = line.trim().split("\\s+");
                // a row starts with its index and has the ten columns above; headings and notes do not
                if (f.length != 10 || !f[0].matches("\\d+")) {
                    continue;
                }
                Row r = new Row(Integer.parseInt(f[0]), f[1], hex(f[3]), hex(f[4]), hex(f[5]), hex(f[6]), hex(f[7]),
                        hex(f[9]));
                if (r.paddrEnd() != r.paddr() + r.filesz() - 1) {
                    throw new AssertionError(file + " row " + f[0] + ": paddr-end is not paddr + filesz - 1");
                }
                rows.add(r);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (rows.isEmpty()) {
            throw new AssertionError(file + ": no program header rows");
        }
        return new RecordedPhdrs(file, List.copyOf(rows));
    }

    public List<Row> loads() {
        return rows.stream().filter(Row::load).toList();
    }

    /**
     * The PT_LOADs that map memory rather than the kernel image, in header order, as physical ranges: every
     * LOAD but the first when the header has a kernel-text PT_LOAD, which crash_prepare_elf64_headers()
     * (kernel/crash_core.c) and kexec-tools' crash_create_elf64_headers() (kexec/crashdump-elf.c) both
     * write before the memory ranges.
     */
    public List<MemoryRange> ramLoads(boolean kernelText) {
        List<Row> loads = loads();
        return loads.subList(kernelText ? 1 : 0, loads.size()).stream().map(Row::physical).toList();
    }

    /**
     * powerpc's backup region: where the loader put the copy of the first 64 KiB, the p_offset of the PT_LOAD
     * at paddr 0 (README). An input no file of the system gives; empty when no LOAD starts at 0.
     */
    public OptionalLong backupOffset() {
        return loads().stream().filter(r -> r.paddr() == 0).mapToLong(Row::offset).findFirst();
    }

    private static long hex(String s) {
        return new BigInteger(s.startsWith("0x") ? s.substring(2) : s, 16).longValue();
    }
}
