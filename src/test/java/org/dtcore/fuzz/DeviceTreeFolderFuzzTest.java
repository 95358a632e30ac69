package org.dtcore.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.dtcore.DtcoreException;
import org.dtcore.fdt.DeviceTree;
import org.dtcore.fdt.DeviceTreeFolder;
import org.dtcore.memory.Arch;
import org.dtcore.memory.MemoryScan;
import org.dtcore.memory.ScanOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * A /proc/device-tree style folder (SPEC §7) built from the fuzzer's bytes in a temporary folder: nodes,
 * property files with fuzzed contents, nesting, and links (to a file inside, out of the folder, to a
 * folder, dangling), then read (sometimes under tight limits) and scanned. Only {@link DtcoreException}s
 * may leave. Each input builds at most {@value #MAX_STEPS} entries, so an execution stays in the
 * millisecond range.
 *
 * <p>Without JAZZER_FUZZ this replays {@code DeviceTreeFolderFuzzTestInputs/generatedFolder/}.
 */
class DeviceTreeFolderFuzzTest {
    private static final int MAX_STEPS = 24;
    /** Names the memory rules look at, so the fuzzer reaches the scanner without guessing them. */
    private static final String[] KNOWN_NAMES = {
        "memory@0", "memory", "device_type", "reg", "#address-cells", "#size-cells", "status",
        "linux,usable-memory", "numa-node-id", "hotpluggable", "chosen", "linux,usable-memory-range",
        "linux,elfcorehdr", "bootargs", "linux,initrd-start", "linux,initrd-end", "reserved-memory", "ranges",
        "no-map", "size", "alignment", "alloc-ranges", "ibm,dynamic-reconfiguration-memory", "ibm,lmb-size",
        "ibm,dynamic-memory", "ibm,dynamic-memory-v2", "linux,drconf-usable-memory",
        "ibm,associativity-lookup-arrays", "rtas", "linux,rtas-base", "rtas-size",
        "ibm,associativity-reference-points", "reserved-ranges",
    };

    private static Path scratch;
    private static Path outside;

    @BeforeAll
    static void scratchFolder() throws IOException {
        scratch = Files.createTempDirectory("dtcore-folder-fuzz");
        outside = Files.writeString(scratch.resolve("outside"), "not part of any tree");
    }

    @AfterAll
    static void removeScratch() throws IOException {
        deleteTree(scratch);
    }

    @FuzzTest(maxDuration = "10m")
    void generatedFolder(FuzzedDataProvider data) throws IOException {
        Path root = Files.createTempDirectory(scratch, "tree");
        try {
            build(root, data);
            DeviceTreeFolder.Limits limits = data.consumeBoolean()
                    ? new DeviceTreeFolder.Limits(64, 512, 3, 16) : DeviceTreeFolder.Limits.DEFAULT;
            try {
                DeviceTree tree = DeviceTreeFolder.read(root, limits);
                MemoryScan.scan(tree, ScanOptions.DEFAULT);
                MemoryScan.scan(tree, ScanOptions.forArch(Arch.PPC64));
            } catch (DtcoreException expected) {
                // refused, naming the entry: a valid answer
            }
        } finally {
            deleteTree(root);
        }
    }

    private static void build(Path root, FuzzedDataProvider data) {
        List<Path> folders = new ArrayList<>(List.of(root));
        List<Path> files = new ArrayList<>();
        for (int step = 0; step < MAX_STEPS && data.remainingBytes() > 0; step++) {
            int kind = data.consumeInt(0, 6);
            Path parent = folders.get(data.consumeInt(0, folders.size() - 1));
            Path entry = parent.resolve(name(data));
            try {
                switch (kind) {
                    case 0 -> folders.add(Files.createDirectory(entry));
                    case 1, 2 -> files.add(Files.write(entry, data.consumeBytes(data.consumeInt(0, 48))));
                    case 3 -> {
                        if (!files.isEmpty()) {
                            Files.createSymbolicLink(entry, files.get(data.consumeInt(0, files.size() - 1)));
                        }
                    }
                    case 4 -> Files.createSymbolicLink(entry, data.consumeBoolean() ? outside
                            : entry.getParent().relativize(outside));
                    case 5 -> Files.createSymbolicLink(entry, folders.get(data.consumeInt(0, folders.size() - 1)));
                    default -> Files.createSymbolicLink(entry, parent.resolve("missing"));
                }
            } catch (IOException e) {
                // a name that already exists: skip the step
            }
        }
    }

    private static String name(FuzzedDataProvider data) {
        if (data.consumeBoolean()) {
            return KNOWN_NAMES[data.consumeInt(0, KNOWN_NAMES.length - 1)];
        }
        String s = data.consumeAsciiString(12).replace('/', '_').replace('\0', '_');
        return s.isEmpty() || s.equals(".") || s.equals("..") ? "n" : s;
    }

    private static void deleteTree(Path top) throws IOException {
        if (top == null || !Files.exists(top)) {
            return;
        }
        try (Stream<Path> all = Files.walk(top)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
