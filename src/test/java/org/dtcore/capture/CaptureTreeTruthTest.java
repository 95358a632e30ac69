package org.dtcore.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dtcore.fdt.DeviceTree;
import org.dtcore.fdt.FdtNode;
import org.dtcore.fdt.FdtProperty;
import org.dtcore.fdt.FdtWriter;
import org.dtcore.memory.Arch;
import org.dtcore.testing.ExternalTool;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SPEC §11 against the three recorded kernels: from booted.dtb and the loader's inputs, dtcore's capture
 * tree must be the tree the real capture kernel received — reservations, /chosen, the powerpc usable-memory
 * properties, and, read back by dtc, the whole tree.
 */
class CaptureTreeTruthTest {
    @TempDir
    Path tmp;

    static List<CaptureTruthCase> cases() {
        return CaptureTruthCase.all();
    }

    static List<CaptureTruthCase> powerpcCases() {
        return cases().stream().filter(c -> c.arch() == Arch.PPC64).toList();
    }

    static List<CaptureTruthCase> otherCases() {
        return cases().stream().filter(c -> c.arch() != Arch.PPC64).toList();
    }

    /** The loader's tree after the capture kernel's boot-time edits, as capture.dtb recorded it. */
    private static DeviceTree built(CaptureTruthCase c) {
        return c.received(loaderTree(c));
    }

    private static DeviceTree loaderTree(CaptureTruthCase c) {
        return CaptureTree.build(c.bootedTree(), c.request());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reservationsAreTheKernels(CaptureTruthCase c) {
        assertEquals(c.captureTree().reservations(), built(c).reservations());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void chosenHasTheKernelsPropertiesInItsOrder(CaptureTruthCase c) {
        FdtNode want = c.captureTree().node("/chosen").orElseThrow();
        FdtNode got = built(c).node("/chosen").orElseThrow();
        assertEquals(names(want), names(got));
        for (FdtProperty p : want.properties()) {
            assertArrayEquals(p.bytes(), got.property(p.name()).orElseThrow().bytes(), p.path());
        }
        FdtNode loader = loaderTree(c).node("/chosen").orElseThrow();
        assertEquals(c.request().rngReady(), loader.hasProperty("kaslr-seed"));
        assertEquals(c.request().rngReady(), loader.hasProperty("rng-seed"));
        assertTrue(got.hasProperty("linux,booted-from-kexec"));
        // of_kexec_alloc_and_setup_fdt's order, each added property first: booted-from-kexec last added
        List<String> added = c.request().rngReady()
                ? List.of("linux,booted-from-kexec", "rng-seed", "kaslr-seed", "linux,usable-memory-range",
                        "linux,elfcorehdr")
                : List.of("linux,booted-from-kexec", "linux,usable-memory-range", "linux,elfcorehdr");
        assertEquals(added, names(loader).subList(0, added.size()), "libfdt puts each added property first");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("powerpcCases")
    void powerpcUsableMemoryIsTheKernels(CaptureTruthCase c) {
        DeviceTree want = c.captureTree();
        DeviceTree got = built(c);
        for (String[] at : new String[][] {{"/memory@0", "linux,usable-memory"},
                {"/ibm,dynamic-reconfiguration-memory", "linux,drconf-usable-memory"}}) {
            FdtNode w = want.node(at[0]).orElseThrow();
            FdtNode g = got.node(at[0]).orElseThrow();
            assertArrayEquals(w.property(at[1]).orElseThrow().bytes(), g.property(at[1]).orElseThrow().bytes(),
                    at[0] + "/" + at[1]);
            assertEquals(names(w), names(g), at[0] + ": property order");
        }
    }

    /** Only powerpc's loader writes usable-memory properties; the other kernels' capture trees have none. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("otherCases")
    void otherArchitecturesGetNoUsableMemoryProperties(CaptureTruthCase c) {
        for (DeviceTree t : List.of(c.captureTree(), built(c))) {
            for (FdtNode n : t.root().children()) {
                assertFalse(n.hasProperty("linux,usable-memory"), n.path());
                assertFalse(n.hasProperty("linux,drconf-usable-memory"), n.path());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void dtcDecompilesTheSameTree(CaptureTruthCase c) throws IOException {
        Path blob = tmp.resolve(c.name() + ".dtb");
        Files.write(blob, FdtWriter.write(built(c)));
        assertEquals(dts(c.capture()), dts(blob));
    }

    /**
     * Beyond dtc: every node path, property name (in order) and value byte, "name" properties included
     * (dtc drops those when decompiling).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyNodeAndPropertyIsTheKernels(CaptureTruthCase c) {
        assertEquals(listing(c.captureTree().root()), listing(built(c).root()));
    }

    static List<String> listing(FdtNode root) {
        List<String> out = new java.util.ArrayList<>();
        java.util.Deque<FdtNode> todo = new java.util.ArrayDeque<>(List.of(root));
        while (!todo.isEmpty()) {
            FdtNode n = todo.pop();
            out.add(n.path());
            for (FdtProperty p : n.properties()) {
                out.add("  " + p.name() + " = " + java.util.HexFormat.of().formatHex(p.bytes()));
            }
            for (int i = n.children().size() - 1; i >= 0; i--) {
                todo.push(n.children().get(i));
            }
        }
        return out;
    }

    static String dts(Path blob) {
        return ExternalTool.output("dtc", "-q", "-I", "dtb", "-O", "dts", blob.toString());
    }

    static List<String> names(FdtNode n) {
        return n.properties().stream().map(FdtProperty::name).toList();
    }
}
