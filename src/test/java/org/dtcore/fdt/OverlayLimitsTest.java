package org.dtcore.fdt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The limits the blob reader enforces ({@link FdtLimits}) bind the tree an overlay builds: an overlay is
 * refused as soon as the merged tree would pass one, naming the overlay node at fault, and every tree
 * the applier accepts is one whose blob {@link FdtParser} reads back under the same limits. The reader is
 * the judge in each test: what it refuses, the applier must refuse.
 */
class OverlayLimitsTest {

    /** A root with 1+1 cells and nothing else: no phandles, so the overlay's keep their numbers. */
    private static DeviceTree emptyBase() {
        return new DeviceTree(List.of(), new FdtNode.Builder("", "/", -1)
                .property(FdtProperty.of("/", "#address-cells", PropertyValues.u32(1)))
                .property(FdtProperty.of("/", "#size-cells", PropertyValues.u32(1))).build());
    }

    /**
     * {@code n} fragments chained by phandle: fragment 0 adds node "n" (phandle 1) to the root, fragment i
     * adds a node "n" (phandle i+1) to the one fragment i-1 added, so the tree grows one level per fragment.
     */
    private static DeviceTree chain(int n) {
        FdtNode.Builder root = new FdtNode.Builder("", "/", -1);
        for (int i = 0; i < n; i++) {
            String frag = "/fragment@" + i;
            FdtNode.Builder f = new FdtNode.Builder("fragment@" + i, frag, -1);
            f.property(i == 0 ? FdtProperty.of(frag, "target-path", PropertyValues.string("/"))
                    : FdtProperty.of(frag, "target", PropertyValues.u32(i)));
            String ov = frag + "/__overlay__";
            f.child(new FdtNode.Builder("__overlay__", ov, -1)
                    .child(new FdtNode.Builder("n", ov + "/n", -1)
                            .property(FdtProperty.of(ov + "/n", "phandle", PropertyValues.u32(i + 1))).build())
                    .build());
            root.child(f.build());
        }
        return new DeviceTree(List.of(), root.build());
    }

    private static DeviceTree readBack(DeviceTree tree, FdtLimits limits) {
        return FdtParser.parse(ByteBuffer.wrap(FdtWriter.write(tree)), limits);
    }

    private static int depth(DeviceTree tree) {
        int d = 1;
        for (FdtNode at = tree.root(); !at.children().isEmpty(); at = at.children().get(0)) {
            d++;
        }
        return d;
    }

    @Test
    void aChainOfFragmentsStopsAtTheDepthTheReaderTakes() {
        // 30,000 fragments chained so once built a tree 30,000 levels deep (971 MB); the 64th is refused
        assertThatThrownBy(() -> OverlayApplier.apply(emptyBase(), chain(30_000), "chain.dtbo"))
                .isInstanceOfSatisfying(FdtException.class, e -> {
                    assertThat(e.kind()).isEqualTo(FdtException.Kind.LIMIT);
                    assertThat(e.overlay()).contains("chain.dtbo");
                    assertThat(e.path()).contains("/fragment@63/__overlay__/n");
                    assertThat(e.getMessage()).contains("65 levels", "limit of 64").doesNotContain("FDT_ERR");
                });
        // one level less is what the reader reads
        assertThatThrownBy(() -> readBack(OverlayApplier.apply(emptyBase(), chain(64), "chain.dtbo",
                LibfdtVersion.DTC_1_7, new FdtLimits(65, 1_000_000, 1_000_000)), FdtLimits.DEFAULT))
                .isInstanceOfSatisfying(FdtException.class, e -> assertThat(e.kind()).isEqualTo(FdtException.Kind.LIMIT));
    }

    @Test
    void aTreeAtTheDepthLimitIsMergedAndReadsBack() {
        DeviceTree merged = OverlayApplier.apply(emptyBase(), chain(63), "chain.dtbo");
        DeviceTree back = readBack(merged, FdtLimits.DEFAULT);
        assertThat(depth(back)).isEqualTo(64);
        assertThat(TreeListing.of(back)).isEqualTo(TreeListing.of(merged));
    }

    /** Limits small enough to reach: 12 levels, 40 nodes, 60 properties, names of 16 bytes, paths of 48. */
    private static final FdtLimits SMALL = new FdtLimits(12, 40, 60, 16, 48);

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"depth", "nodes", "properties", "name", "property name", "path"})
    void eachLimitRefusesTheOverlayThatWouldPassIt(String which) {
        FdtNode.Builder content = new FdtNode.Builder("__overlay__", "/fragment@0/__overlay__", -1);
        String at = "/fragment@0/__overlay__";
        switch (which) {
            case "depth" -> content.child(nested(at, "d", 12)); // root + 12 = 13 levels
            case "nodes" -> {
                for (int i = 0; i < 40; i++) { // root + 40 = 41 nodes
                    content.child(new FdtNode.Builder("c" + i, at + "/c" + i, -1).build());
                }
            }
            case "properties" -> {
                for (int i = 0; i < 59; i++) { // 2 root cells + 59 = 61
                    content.property(FdtProperty.of(at, "p" + i, new byte[0]));
                }
            }
            case "name" -> content.child(new FdtNode.Builder("x".repeat(17), at + "/" + "x".repeat(17), -1).build());
            case "property name" -> content.property(FdtProperty.of(at, "y".repeat(17), new byte[0]));
            case "path" -> content.child(nested(at, "abcdefghijklmno", 4)); // paths of 16, 32, 48, then 64
            default -> throw new AssertionError(which);
        }
        DeviceTree overlay = new DeviceTree(List.of(), new FdtNode.Builder("", "/", -1)
                .child(new FdtNode.Builder("fragment@0", "/fragment@0", -1)
                        .property(FdtProperty.of("/fragment@0", "target-path", PropertyValues.string("/")))
                        .child(content.build()).build()).build());
        // the reader refuses what the applier would build without the limits ...
        DeviceTree unbounded = OverlayApplier.apply(emptyBase(), overlay, "o.dtbo", LibfdtVersion.DTC_1_7,
                new FdtLimits(64, 1_000_000, 1_000_000));
        assertThatThrownBy(() -> readBack(unbounded, SMALL)).isInstanceOf(FdtException.class);
        // ... so the applier refuses it with them, naming the overlay
        assertThatThrownBy(() -> OverlayApplier.apply(emptyBase(), overlay, "o.dtbo", LibfdtVersion.DTC_1_7, SMALL))
                .isInstanceOfSatisfying(FdtException.class, e -> {
                    assertThat(e.kind()).isEqualTo(FdtException.Kind.LIMIT);
                    assertThat(e.overlay()).contains("o.dtbo");
                    assertThat(e.path().orElseThrow()).startsWith("/fragment@0/__overlay__");
                });
    }

    private static FdtNode nested(String parent, String name, int levels) {
        List<String> paths = new ArrayList<>();
        String p = parent;
        for (int i = 0; i < levels; i++) {
            p = p + "/" + name;
            paths.add(p);
        }
        FdtNode n = null;
        for (int i = levels - 1; i >= 0; i--) {
            FdtNode.Builder b = new FdtNode.Builder(name, paths.get(i), -1);
            if (n != null) {
                b.child(n);
            }
            n = b.build();
        }
        return n;
    }

    /**
     * Random overlays (fragments adding nested nodes and properties to the root and to each other's nodes)
     * under the small limits: whatever the applier accepts, the reader reads back under the same limits;
     * whatever it refuses for a limit, the reader refuses too once built without one.
     */
    @Test
    void whatTheApplierAcceptsTheReaderReads() {
        Random random = new Random(20);
        int accepted = 0;
        int refused = 0;
        for (int round = 0; round < 400; round++) {
            DeviceTree overlay = randomOverlay(random);
            DeviceTree unbounded;
            try {
                unbounded = OverlayApplier.apply(emptyBase(), overlay, "r.dtbo", LibfdtVersion.DTC_1_7,
                        new FdtLimits(64, 1_000_000, 1_000_000, 1024, 4096));
            } catch (FdtException e) {
                // a target whose phandle a later node of the same name replaced: libfdt refuses it too
                assertThat(e.kind()).as(e.getMessage()).isEqualTo(FdtException.Kind.NOT_FOUND);
                continue;
            }
            DeviceTree merged;
            try {
                merged = OverlayApplier.apply(emptyBase(), overlay, "r.dtbo", LibfdtVersion.DTC_1_7, SMALL);
            } catch (FdtException e) {
                assertThat(e.kind()).as(e.getMessage()).isEqualTo(FdtException.Kind.LIMIT);
                assertThatThrownBy(() -> readBack(unbounded, SMALL)).as(e.getMessage())
                        .isInstanceOf(FdtException.class);
                refused++;
                continue;
            }
            assertThat(TreeListing.of(readBack(merged, SMALL))).isEqualTo(TreeListing.of(merged));
            accepted++;
        }
        assertThat(accepted).as("accepted").isGreaterThan(50);
        assertThat(refused).as("refused").isGreaterThan(50);
    }

    private static DeviceTree randomOverlay(Random random) {
        FdtNode.Builder root = new FdtNode.Builder("", "/", -1);
        int fragments = 1 + random.nextInt(5);
        int phandle = 0;
        for (int i = 0; i < fragments; i++) {
            String frag = "/fragment@" + i;
            FdtNode.Builder f = new FdtNode.Builder("fragment@" + i, frag, -1);
            f.property(phandle == 0 || random.nextBoolean()
                    ? FdtProperty.of(frag, "target-path", PropertyValues.string("/"))
                    : FdtProperty.of(frag, "target", PropertyValues.u32(1 + random.nextInt(phandle))));
            String ov = frag + "/__overlay__";
            FdtNode.Builder content = new FdtNode.Builder("__overlay__", ov, -1);
            int[] next = {phandle};
            addRandom(content, ov, random, 0, next);
            phandle = next[0];
            root.child(f.child(content.build()).build());
        }
        return new DeviceTree(List.of(), root.build());
    }

    private static void addRandom(FdtNode.Builder node, String path, Random random, int level, int[] phandle) {
        int props = random.nextInt(level == 0 ? 8 : 3);
        for (int i = 0; i < props; i++) {
            String name = "p".repeat(1 + random.nextInt(random.nextInt(20) == 0 ? 20 : 4)) + i;
            node.property(FdtProperty.of(path, name, new byte[random.nextInt(9)]));
        }
        if (random.nextInt(3) == 0) {
            node.property(FdtProperty.of(path, "phandle", PropertyValues.u32(++phandle[0])));
        }
        int kids = level > 14 ? 0 : random.nextInt(level < 2 ? 4 : 3);
        for (int i = 0; i < kids; i++) {
            String name = "n".repeat(1 + random.nextInt(random.nextInt(20) == 0 ? 20 : 5)) + i;
            String p = path + "/" + name;
            FdtNode.Builder c = new FdtNode.Builder(name, p, -1);
            addRandom(c, p, random, level + 1, phandle);
            node.child(c.build());
        }
    }
}
