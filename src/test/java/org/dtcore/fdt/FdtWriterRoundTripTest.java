package org.dtcore.fdt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.dtcore.testing.ExternalTool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every reference blob (the samples and the six kernel-truth blobs) parsed, written by {@link FdtWriter}
 * and checked three ways: dtc decompiles it to the same source as the original, our parser reads back
 * the same tree, and it is byte for byte what {@code dtc -I dtb -O dtb} makes of the original.
 *
 * <p>Some blobs are not byte-identical, for one reason that is not layout: dtc's {@code name_properties}
 * check deletes a {@code name} property whose value is the node's base name (redundant in a flattened
 * tree), and the ppc64le capture trees, copied by kexec from the live Open Firmware tree, have such
 * properties (on their CPU nodes). The writer keeps every property it is given; with those taken out
 * its output is dtc's, byte for byte, which the test checks for every blob. Which blobs differ is derived
 * from the blob itself (does it hold a redundant name?), not listed by hand.
 */
class FdtWriterRoundTripTest {

    static Stream<Path> referenceBlobs() throws IOException {
        return FdtDifferentialTest.referenceBlobs();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("referenceBlobs")
    void dtcDecompilesTheSameSource(Path original, @TempDir Path dir) throws IOException {
        Path written = dir.resolve("written.dtb");
        Files.write(written, FdtWriter.write(FdtParser.read(original)));
        assertThat(dts(written)).isEqualTo(dts(original));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("referenceBlobs")
    void parserReadsBackTheSameTree(Path original) throws IOException {
        DeviceTree tree = FdtParser.read(original);
        DeviceTree back = FdtParser.parse(ByteBuffer.wrap(FdtWriter.write(tree)));
        assertThat(TreeListing.of(back)).containsExactlyElementsOf(TreeListing.of(tree));
        assertThat(back.header().orElseThrow().version()).isEqualTo(17);
        assertThat(back.header().orElseThrow().lastCompVersion()).isEqualTo(16);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("referenceBlobs")
    void bytesEqualDtcRewrite(Path original, @TempDir Path dir) throws IOException {
        DeviceTree tree = FdtParser.read(original);
        byte[] byDtc = dtcRewrite(original, dir);
        assertThat(firstDifference(FdtWriter.write(withoutRedundantNames(tree)), byDtc))
                .as("first differing byte offset (-1: none)").isEqualTo(-1);
        assertThat(firstDifference(FdtWriter.write(tree), byDtc) < 0)
                .as("byte-identical to dtc").isEqualTo(!hasRedundantNames(tree));
    }

    /**
     * The count for the record: every blob without a redundant name comes out as dtc writes it; the
     * ones that differ are exactly the ppc64le capture trees.
     */
    @Test
    void byteIdenticalCount(@TempDir Path dir) throws IOException {
        Set<String> different = new TreeSet<>();
        List<Path> blobs = referenceBlobs().toList();
        for (Path blob : blobs) {
            if (firstDifference(FdtWriter.write(FdtParser.read(blob)), dtcRewrite(blob, dir)) >= 0) {
                different.add(key(blob));
            }
        }
        assertThat(blobs).hasSizeGreaterThanOrEqualTo(26);
        assertThat(different).isNotEmpty().allMatch(k -> k.startsWith("ppc64le-") && k.endsWith("/capture.dtb"));
    }

    private static boolean hasRedundantNames(DeviceTree tree) {
        Deque<FdtNode> todo = new ArrayDeque<>(List.of(tree.root()));
        while (!todo.isEmpty()) {
            FdtNode n = todo.pop();
            if (n.property("name").filter(p -> p.isString(n.baseName())).isPresent()) {
                return true;
            }
            todo.addAll(n.children());
        }
        return false;
    }

    /** The tree as dtc holds it after its name_properties check: a name equal to the base name is gone. */
    private static DeviceTree withoutRedundantNames(DeviceTree tree) {
        TreeEditor edit = tree.edit();
        Deque<FdtNode> todo = new ArrayDeque<>(List.of(tree.root()));
        while (!todo.isEmpty()) {
            FdtNode n = todo.pop();
            n.property("name").filter(p -> p.isString(n.baseName()))
                    .ifPresent(p -> edit.removeProperty(n.path(), "name"));
            todo.addAll(n.children());
        }
        return edit.build();
    }

    private static byte[] dtcRewrite(Path blob, Path dir) throws IOException {
        Path out = dir.resolve("dtc.dtb");
        ExternalTool.output("dtc", "-q", "-I", "dtb", "-O", "dtb", "-o", out.toString(), blob.toString());
        return Files.readAllBytes(out);
    }

    /** "sample.dtb" for a sample, "board/booted.dtb" for a kernel-truth blob. */
    private static String key(Path blob) {
        String name = blob.getFileName().toString();
        return blob.getParent().getFileName().toString().equals("fdt-samples") ? name
                : blob.getParent().getFileName() + "/" + name;
    }

    /** The first offset where the two differ (a length difference counts at the shorter length), or -1. */
    static int firstDifference(byte[] a, byte[] b) {
        return Arrays.mismatch(a, b);
    }

    static String dts(Path blob) {
        return ExternalTool.output("dtc", "-q", "-I", "dtb", "-O", "dts", blob.toString());
    }
}
