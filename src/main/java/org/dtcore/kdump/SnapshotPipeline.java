package org.dtcore.kdump;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.dtcore.DtcoreException;
import org.dtcore.fdt.DeviceTreeFolder;
import org.dtcore.input.InputException;
import org.dtcore.input.InputFolder;
import org.dtcore.input.InputLines;
import org.dtcore.input.RootFile;
import org.dtcore.input.SystemRoot;
import org.dtcore.memory.Arch;
import org.dtcore.memory.Iomem;

/**
 * {@code dtcore snapshot} as a library call: copies of a running system (or a mounted root) exactly the files
 * dtcore reads, as {@link RootFile} declares them, into a system root that every kdump command takes
 * (docs/snapshot-audit.md). Each file is read through {@link SystemRoot}, so under its cap and never through a
 * link out of the root.
 *
 * <p>Three rules of its own: the live tree ({@link RootFile#DEVICE_TREE}, with powerpc's crash kernel
 * properties in it) is copied where it is read: on powerpc, and where there is no booted blob; of
 * /proc/kallsyms only the first line of each symbol dtcore reads is kept; a numbered file is copied for each
 * instance the system has.
 *
 * <p>It refuses, in one line, what would give a wrong answer later: /proc/iomem or /proc/kallsyms read
 * without the right to see addresses (all zero), always; a kernel without kexec crash support (no
 * cpuN/crash_notes and no kexec_crash_size) and a file that is there but cannot be read, unless the request
 * allows a partial snapshot, which then records each file it could not copy and why.
 *
 * <pre>{@code
 * SnapshotResult s = SnapshotPipeline.take(SnapshotRequest.live());
 * Files.write(Path.of("root.tar.gz"), s.archive());
 * }</pre>
 */
public final class SnapshotPipeline {
    /**
     * The kallsyms lines kept: the symbols context/KernelSymbols reads (_text, _stext, _end) and those
     * kexec-tools mode looks up ({@link KexecToolsLoad#SYMBOLS}, which holds the first three too).
     */
    static final Set<String> SYMBOLS = KexecToolsLoad.SYMBOLS;
    /** A kallsyms line: KSYM_NAME_LEN (512) and a module name, as context/KernelSymbols bounds it. */
    private static final int MAX_SYMBOL_LINE = 4096;

    private SnapshotPipeline() {
    }

    /**
     * Takes a snapshot of the request's system.
     *
     * @param request the system root, its architecture if not its own word for it, and whether a partial
     *                snapshot is allowed
     * @return the files copied and the manifest, to be written as an archive or a folder
     * @throws KdumpException HIDDEN_ADDRESSES for /proc/iomem or /proc/kallsyms read without the right to see
     *                        addresses; unless partial, NO_CRASH_SUPPORT for a kernel without kexec crash
     *                        support and INPUT for a file that is there but cannot be read
     */
    public static SnapshotResult take(SnapshotRequest request) {
        return new Copy(request).run();
    }

    /** The version of dtcore that is running, as the jar's manifest says. */
    static String version() {
        String v = SnapshotPipeline.class.getPackage().getImplementationVersion();
        return v == null ? "development build" : v;
    }

    /** One snapshot in the making. */
    private static final class Copy {
        private final SnapshotRequest request;
        private final SystemRoot root;
        private final SortedMap<String, byte[]> files = new TreeMap<>();
        private final List<SnapshotManifest.Copied> copied = new ArrayList<>();
        private final List<SnapshotManifest.Missing> missing = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();
        /** The first file that is there but could not be read, refused unless partial. */
        private DtcoreException unreadable;
        private boolean crashSupport;
        private long folderBytes;
        private int folderEntries;

        Copy(SnapshotRequest request) {
            this.request = request;
            this.root = request.root();
        }

        SnapshotResult run() {
            crashSupport = root.found(RootFile.KEXEC_CRASH_SIZE, null).isPresent()
                    || root.instances(RootFile.CRASH_NOTES).stream()
                            .anyMatch(n -> root.found(RootFile.CRASH_NOTES, n).isPresent());
            for (RootFile f : RootFile.values()) {
                switch (f) {
                    case DEVICE_TREE -> liveTree();
                    // inside the live tree: copied with it, where it is read
                    case CRASHKERNEL_BASE, CRASHKERNEL_SIZE -> { }
                    case KALLSYMS -> symbols();
                    case IOMEM -> iomem();
                    default -> {
                        if (f.numbered()) {
                            numbered(f);
                        } else {
                            copy(f, null);
                        }
                    }
                }
            }
            if (!crashSupport) {
                // the root's own path stays out: one system gives one snapshot wherever it is mounted
                String why = "no cpuN/crash_notes and no " + RootFile.KEXEC_CRASH_SIZE.path() + ": the kernel has no"
                        + " kexec crash support (CONFIG_CRASH_DUMP, or CONFIG_KEXEC_CORE before 6.9) and can write no"
                        + " dump";
                if (!request.partial()) {
                    throw new KdumpException(KdumpException.Kind.NO_CRASH_SUPPORT,
                            root.where(RootFile.CRASH_NOTES.numberedFolder()), why + "; refused");
                }
                notes.add(why + "; copied what there is (a memory map, no crash notes)");
            }
            if (unreadable != null && !request.partial()) {
                throw unreadable instanceof KdumpException k ? k : KdumpException.in("", unreadable);
            }
            byte[] size = files.get(RootFile.KEXEC_CRASH_SIZE.path());
            if (size != null && new String(size, StandardCharsets.UTF_8).strip().equals("0")) {
                notes.add(RootFile.KEXEC_CRASH_SIZE.path() + " is 0: no crash kernel is reserved, so a header"
                        + " built from this snapshot covers all RAM unless a crash kernel region is given");
            }
            copied.sort((a, b) -> a.path().compareTo(b.path()));
            missing.sort((a, b) -> a.path().compareTo(b.path()));
            SnapshotManifest manifest = new SnapshotManifest(version(), request.partial(), copied, missing, notes);
            return new SnapshotResult(files, manifest);
        }

        // ---- the files ----

        private void numbered(RootFile f) {
            List<String> instances = root.instances(f);
            boolean any = false;
            for (String n : instances) {
                if (root.found(f, n).isPresent()) {
                    any = true;
                    copy(f, n);
                } else if (f == RootFile.CRASH_NOTES || f == RootFile.CRASH_NOTES_SIZE) {
                    // a CPU folder without the file: the kernel has no crash notes (or, for the size, a kernel
                    // from before crash_notes_size, which dtcore fills with the architecture's size)
                    absent(f, n);
                }
            }
            if (!any && (instances.isEmpty() || f != RootFile.CRASH_NOTES && f != RootFile.CRASH_NOTES_SIZE)) {
                absent(f, null);
            }
        }

        private void copy(RootFile f, String n) {
            String path = f.path(n);
            Optional<byte[]> bytes;
            try {
                bytes = root.bytes(f, n);
            } catch (InputException e) {
                left(path, e);
                return;
            }
            if (bytes.isEmpty()) {
                absent(f, n);
                return;
            }
            put(path, bytes.get(), List.of());
        }

        private void absent(RootFile f, String n) {
            boolean crash = f == RootFile.CRASH_NOTES || f == RootFile.CRASH_NOTES_SIZE
                    || f == RootFile.KEXEC_CRASH_SIZE;
            if (crash && !crashSupport) {
                missing.add(new SnapshotManifest.Missing(f.path(n), SnapshotManifest.Reason.NO_CRASH_SUPPORT,
                        "the kernel has no kexec crash support"));
            } else {
                missing.add(new SnapshotManifest.Missing(f.path(n), SnapshotManifest.Reason.ABSENT,
                        "not on this system"));
            }
        }

        private void put(String path, byte[] bytes, List<String> symbols) {
            files.put(path, bytes);
            copied.add(new SnapshotManifest.Copied(path, bytes.length, symbols));
        }

        /** A file that is there but was not copied: recorded, and refused at the end unless partial. */
        private void left(String path, DtcoreException e) {
            left(path, e, SnapshotManifest.Reason.UNREADABLE);
        }

        private void left(String path, DtcoreException e, SnapshotManifest.Reason otherwise) {
            SnapshotManifest.Reason reason = otherwise;
            if (e instanceof InputException i) {
                reason = switch (i.kind()) {
                    case TOO_LARGE, LINE_TOO_LONG -> SnapshotManifest.Reason.TOO_LARGE;
                    case OUTSIDE_ROOT -> SnapshotManifest.Reason.OUTSIDE_ROOT;
                    case FOLDER, NOT_REGULAR -> SnapshotManifest.Reason.NOT_A_FILE;
                    case NO_SUCH_FILE -> SnapshotManifest.Reason.ABSENT;
                    default -> SnapshotManifest.Reason.UNREADABLE;
                };
            }
            missing.add(new SnapshotManifest.Missing(path, reason, relative(e.oneLine())));
            if (unreadable == null && reason != SnapshotManifest.Reason.ABSENT) {
                unreadable = e;
            }
        }

        /**
         * {@code text} with the root's own place taken out of the files it names: one system gives one
         * manifest wherever it is mounted.
         */
        private String relative(String text) {
            String at = root.path().toString();
            if (at.equals("/")) {
                return text;
            }
            return text.replace(at + "/", "").replace(at + ":", "").replace(at, "the root");
        }

        /** /proc/iomem, refused when its addresses are hidden or it is not /proc/iomem text. */
        private void iomem() {
            String path = RootFile.IOMEM.path();
            Optional<byte[]> bytes;
            try {
                bytes = root.bytes(RootFile.IOMEM);
            } catch (InputException e) {
                left(path, e);
                return;
            }
            if (bytes.isEmpty()) {
                absent(RootFile.IOMEM, null);
                return;
            }
            String text = new String(bytes.get(), StandardCharsets.UTF_8);
            String where = root.where(RootFile.IOMEM);
            if (hidden(text)) {
                throw new KdumpException(KdumpException.Kind.HIDDEN_ADDRESSES, where, "every address is 0: it was"
                        + " read without CAP_SYS_ADMIN (kernel/resource.c shows zeros then); take the snapshot as"
                        + " root");
            }
            // what later commands will read must read now: the one /proc/iomem reader says what is wrong
            SourceFile.read(where, () -> Iomem.parse(text));
            put(path, bytes.get(), List.of());
        }

        /** True when every line's "start-end" is zeros: what a reader without CAP_SYS_ADMIN is shown. */
        static boolean hidden(String iomem) {
            boolean any = false;
            for (String line : iomem.split("\n")) {
                int sep = line.indexOf(" : ");
                if (line.isBlank() || sep < 0) {
                    continue;
                }
                any = true;
                for (char c : line.substring(0, sep).toCharArray()) {
                    if (c != '0' && c != '-' && c != ' ') {
                        return false;
                    }
                }
            }
            return any;
        }

        /** Of /proc/kallsyms, the first line of each symbol dtcore reads; refused when their addresses are 0. */
        private void symbols() {
            String path = RootFile.KALLSYMS.path();
            String where = root.where(RootFile.KALLSYMS);
            StringBuilder kept = new StringBuilder();
            Set<String> seen = new TreeSet<>();
            boolean shown = false;
            try {
                Optional<InputLines> lines = root.lines(RootFile.KALLSYMS, MAX_SYMBOL_LINE);
                if (lines.isEmpty()) {
                    absent(RootFile.KALLSYMS, null);
                    return;
                }
                try (InputLines in = lines.get()) {
                    for (String line = in.next().orElse(null); line != null && seen.size() < SYMBOLS.size(); line = in.next().orElse(null)) {
                        String[] f = line.trim().split("\\s+");
                        if (f.length >= 3 && SYMBOLS.contains(f[2]) && seen.add(f[2])) {
                            kept.append(line).append('\n');
                            shown |= !f[0].chars().allMatch(c -> c == '0');
                        }
                    }
                }
            } catch (InputException e) {
                left(path, e);
                return;
            }
            if (!seen.isEmpty() && !shown) {
                throw new KdumpException(KdumpException.Kind.HIDDEN_ADDRESSES, where, "every symbol's address is 0:"
                        + " it was read without CAP_SYSLOG or with kptr_restrict 2 (kernel/ksyms_common.c"
                        + " kallsyms_show_value()); take the snapshot as root with kptr_restrict 0 or 1");
            }
            if (seen.size() < SYMBOLS.size()) {
                Set<String> absent = new TreeSet<>(SYMBOLS);
                absent.removeAll(seen);
                notes.add(path + " lists no " + String.join(", ", absent) + " (a running kernel lists no _end:"
                        + " its kernel text needs the kernel's System.map, or the dump's own segment)");
            }
            put(path, kept.toString().getBytes(StandardCharsets.ISO_8859_1), List.copyOf(seen));
        }

        /** The live tree, where the architecture reads it (RootFile.DEVICE_TREE). */
        private void liveTree() {
            Arch arch = request.arch().or(this::machine).orElse(null);
            boolean booted = root.found(RootFile.FDT_BLOB, null).isPresent();
            if (booted && arch != null && !arch.isPowerPc()) {
                return; // the booted blob is the tree, and nothing else reads the folder there
            }
            String path = RootFile.DEVICE_TREE.path();
            Optional<InputFolder> folder;
            try {
                folder = root.folder(RootFile.DEVICE_TREE);
            } catch (InputException e) {
                left(path, e);
                return;
            }
            if (folder.isEmpty()) {
                if (!booted || arch != null && arch.isPowerPc()) {
                    absent(RootFile.DEVICE_TREE, null);
                }
                return;
            }
            walk(folder.get(), path, 0);
        }

        private void walk(InputFolder dir, String path, int depth) {
            DeviceTreeFolder.Limits limits = DeviceTreeFolder.Limits.DEFAULT;
            if (depth > limits.maxDepth()) {
                left(path, new KdumpException(KdumpException.Kind.INPUT, dir.name(), "deeper than "
                        + limits.maxDepth() + " levels; not copied"), SnapshotManifest.Reason.TOO_LARGE);
                return;
            }
            for (InputFolder.Entry e : dir.entries()) {
                String p = path + "/" + e.name();
                if (++folderEntries > limits.maxEntries()) {
                    throw new KdumpException(KdumpException.Kind.INPUT, root.where(RootFile.DEVICE_TREE), "more than "
                            + limits.maxEntries() + " nodes and properties; refusing to copy it");
                }
                try {
                    switch (e.kind()) {
                        case FOLDER -> walk(dir.folder(e.name()), p, depth + 1);
                        case FILE -> property(dir, e.name(), p);
                        case LINK -> {
                            InputFolder.LinkEnd end = dir.linkEnd(e.name());
                            if (end == InputFolder.LinkEnd.FILE) {
                                property(dir, e.name(), p);
                            } else {
                                missing.add(new SnapshotManifest.Missing(p, end == InputFolder.LinkEnd.OUTSIDE
                                        ? SnapshotManifest.Reason.OUTSIDE_ROOT : SnapshotManifest.Reason.NOT_A_FILE,
                                        "a link that does not lead to a file inside the tree; not followed"));
                            }
                        }
                        case OTHER -> missing.add(new SnapshotManifest.Missing(p, SnapshotManifest.Reason.NOT_A_FILE,
                                "a special file; not read"));
                    }
                } catch (InputException x) {
                    left(p, x);
                }
            }
        }

        private void property(InputFolder dir, String name, String path) {
            long max = DeviceTreeFolder.Limits.DEFAULT.maxFileBytes();
            byte[] value = dir.read(name, (int) max);
            if (value.length > max) {
                left(path, new KdumpException(KdumpException.Kind.INPUT, dir.name() + "/" + name, "larger than "
                        + max + " bytes, what dtcore reads of one property; not copied"),
                        SnapshotManifest.Reason.TOO_LARGE);
                return;
            }
            folderBytes += value.length;
            if (folderBytes > DeviceTreeFolder.Limits.DEFAULT.maxTotalBytes()) {
                throw new KdumpException(KdumpException.Kind.INPUT, root.where(RootFile.DEVICE_TREE), "more than "
                        + DeviceTreeFolder.Limits.DEFAULT.maxTotalBytes() + " bytes of properties; refusing to copy"
                        + " it");
            }
            put(path, value, List.of());
        }

        /** The root's architecture by its proc/sys/kernel/arch, when that is one dtcore knows. */
        private Optional<Arch> machine() {
            return MemoryMapPipeline.machine(root);
        }
    }
}
