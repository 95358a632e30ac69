package org.dtcore.fdt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.dtcore.testing.DtsBoard;
import org.dtcore.testing.ExternalTool;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Overlays written to break the applier, each run through fdtoverlay (libfdt 1.6.1) and dtcore: the
 * same libfdt error name, or the same tree. Where libfdt itself would write outside a property or
 * recurse without end (fdtoverlay crashes), dtcore's refusal is checked on its own.
 */
class OverlayHostileTest {
    @TempDir
    Path dir;

    /** A small board: 1+1 root cells, a labelled serial port, an alias, a placeholder memory node. */
    private static final String BASE = """
            /dts-v1/;
            / { #address-cells = <1>; #size-cells = <1>;
                aliases { serial0 = "/serial@1000"; loop = "loop"; };
                chosen { bootargs = "console=ttyS0"; };
                uart: serial@1000 { reg = <0x1000 0x100>; };
                memory@0 { device_type = "memory"; reg = <0 0>; };
            };
            """;

    private Path compile(String name, String source, String... flags) {
        return DtsBoard.compileTo(dir.resolve(name), source, flags);
    }

    private Path base() throws IOException {
        return compile("base.dtb", BASE, "-@");
    }

    /**
     * The kernel's own fdtoverlay (libfdt 1.7) that bench/kernel-overlays/build.py builds, when the run
     * has one (CI does); without it the dtc 1.7 outcome is checked against the name derived from 1.7's
     * source alone.
     */
    private static final Path KERNEL_FDTOVERLAY = System.getProperty("dtcore.kernelOverlays", "").isBlank() ? null
            : Path.of(System.getProperty("dtcore.kernelOverlays"), "fdtoverlay-linux");

    /**
     * Same outcome as Debian's fdtoverlay with dtc 1.6 rules; returns the error name ("" when both
     * applied). With dtc 1.7 rules the outcome must be {@code as17} (null: the same), and the kernel's
     * fdtoverlay's when there is one.
     */
    private String sameAsFdtoverlay(Path base, String overlaySource, String as17, String... flags) throws IOException {
        return sameAsFdtoverlay(base, overlaySource, as17, true, flags);
    }

    private String sameAsFdtoverlay(Path base, String overlaySource, String as17, boolean kernelToolComparable,
                                    String... flags) throws IOException {
        // -f: some of these break dtc's own checks (an 8-byte phandle) and must be written anyway
        Path overlay = compile("hostile.dtbo", overlaySource, flags);
        boolean applied = FdtoverlayReference.assertSame(base, List.of(overlay), dir);
        String error = applied ? "" : FdtoverlayReference.dtcore(base, List.of(overlay), LibfdtVersion.DTC_1_6).error();
        if (KERNEL_FDTOVERLAY != null && kernelToolComparable) {
            FdtoverlayReference.assertSame(FdtoverlayReference.fdtoverlay(KERNEL_FDTOVERLAY.toString(), base,
                    List.of(overlay), dir), base, List.of(overlay), LibfdtVersion.DTC_1_7);
        }
        FdtoverlayReference.Outcome v17 = FdtoverlayReference.dtcore(base, List.of(overlay), LibfdtVersion.DTC_1_7);
        assertThat(v17.applied() ? "" : v17.error()).as("dtc 1.7 rules").isEqualTo(as17 == null ? error : as17);
        return error;
    }

    private static String plugin(String body) {
        return "/dts-v1/;\n/plugin/;\n" + body;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            missing symbol          | &nosuch { x = <1>; };                                             | FDT_ERR_NOTFOUND |
            target path is a property | / { fragment@0 { target-path = "/chosen/bootargs"; __overlay__ { x = <1>; }; }; };   | FDT_ERR_NOTFOUND |
            target missing         | / { fragment@0 { __overlay__ { x = <1>; }; }; };                   | FDT_ERR_BADOVERLAY |
            target of 8 bytes       | / { fragment@0 { target = <1 2>; __overlay__ { x = <1>; }; }; };   | FDT_ERR_BADPHANDLE |
            target phandle -1       | / { fragment@0 { target = <0xffffffff>; __overlay__ { x = <1>; }; }; }; | FDT_ERR_BADPHANDLE |
            target phandle unknown  | / { fragment@0 { target = <0x77>; __overlay__ { x = <1>; }; }; };  | FDT_ERR_NOTFOUND |
            unknown alias           | / { fragment@0 { target-path = "serial9"; __overlay__ { x = <1>; }; }; }; | FDT_ERR_BADPATH |
            alias target            | / { fragment@0 { target-path = "serial0"; __overlay__ { x = <1>; }; }; }; | |
            name without unit       | / { fragment@0 { target-path = "/"; __overlay__ { memory { reg = <0x40000000 0x1000>; }; }; }; }; | |
            symbol not a path       | / { fragment@0 { target-path = "/"; __overlay__ { x = <1>; }; }; __symbols__ { s = "fragment@0"; }; }; | FDT_ERR_BADVALUE |
            symbol in no fragment   | / { fragment@0 { target-path = "/"; __overlay__ { x = <1>; }; }; __symbols__ { s = "/fragment@7/__overlay__"; }; }; | FDT_ERR_BADOVERLAY |
            fixup not path-prop-off | / { fragment@0 { target-path = "/"; __overlay__ { x = <1>; }; }; __fixups__ { uart = "/fragment@0/__overlay__:x"; }; }; | FDT_ERR_BADOVERLAY |
            fixup past property     | / { fragment@0 { target-path = "/"; __overlay__ { x = <1>; }; }; __fixups__ { uart = "/fragment@0/__overlay__:x:4"; }; }; | FDT_ERR_NOSPACE |
            fixup names no node     | / { fragment@0 { target-path = "/"; __overlay__ { x = <1>; }; }; __fixups__ { uart = "/fragment@9:x:0"; }; }; | FDT_ERR_BADOVERLAY |
            fixups rewrite fixups   | / { fragment@0 { target-path = "/"; __overlay__ { x = <1>; }; }; __fixups__ { uart = "/__fixups__:uart:27", "/fragment@0/__overlay__:x:0"; }; }; | FDT_ERR_BADOVERLAY |
            local fixup past value  | / { fragment@0 { target-path = "/"; __overlay__ { x = <1>; n { phandle = <1>; }; }; }; __local_fixups__ { fragment@0 { __overlay__ { x = <4>; }; }; }; }; | FDT_ERR_BADOVERLAY | out of bounds in 1.7
            local fixup names no node | / { fragment@0 { target-path = "/"; __overlay__ { x = <1>; }; }; __local_fixups__ { fragment@3 { x = <0>; }; }; }; | FDT_ERR_BADOVERLAY |
            local fixup odd length  | / { fragment@0 { target-path = "/"; __overlay__ { x = <1>; }; }; __local_fixups__ { fragment@0 { __overlay__ { x = [00 00]; }; }; }; }; | FDT_ERR_BADOVERLAY |
            phandle of 8 bytes      | / { fragment@0 { target-path = "/"; __overlay__ { n { phandle = <1 2>; }; }; }; }; | FDT_ERR_BADPHANDLE |
            deletes the root cells  | / { fragment@0 { target-path = "/"; __overlay__ { #address-cells; #size-cells = <0 0 0>; }; }; }; | |
            """)
    void hostileOverlays(String name, String overlay, String error, String libfdt17) throws IOException {
        // libfdt 1.7 dropped the bound check on __local_fixups__ offsets and writes past the property
        // (the blob then fails as FDT_ERR_BADSTRUCTURE); dtcore refuses as 1.6 did
        boolean comparable = libfdt17 == null;
        assertThat(sameAsFdtoverlay(base(), overlay.startsWith("&") ? plugin(overlay) : "/dts-v1/;\n" + overlay, null,
                comparable,
                overlay.startsWith("&") ? new String[] {"-@"} : new String[] {"-f"}))
                .isEqualTo(error == null ? "" : error);
    }

    @Test
    void phandleOverflowIsRefused() throws IOException {
        Path base = compile("big.dtb", "/dts-v1/;\n/ { a { phandle = <0xfffffff0>; }; };\n");
        String overlay = "/dts-v1/;\n/ { fragment@0 { target-path = \"/\"; __overlay__ { n { phandle = <0x10>; }; }; }; };";
        assertThat(sameAsFdtoverlay(base, overlay, null)).isEqualTo("FDT_ERR_NOPHANDLES");
    }

    /** dtc 1.7 looks the label up in "node" -FDT_ERR_NOTFOUND, which fdt_getprop calls a bad offset. */
    @Test
    void baseWithoutSymbolsCannotResolveLabels() throws IOException {
        Path base = compile("plain.dtb", BASE);
        assertThat(sameAsFdtoverlay(base, plugin("&uart { x = <1>; };"), "FDT_ERR_BADOFFSET", "-@"))
                .isEqualTo("FDT_ERR_NOTFOUND");
    }

    /**
     * An overlay node merged into a base node that has a phandle, both referenced: dtc 1.6 gives the base
     * node the overlay's phandle (the base's own reference dangles), 1.7 keeps the base's and points the
     * overlay's reference to it.
     */
    @Test
    void mergedNodeKeepsItsPhandleUnderDtc17() throws IOException {
        Path base = compile("ref.dtb", "/dts-v1/;\n/ { a: a { x = <1>; }; user { ref = <&a>; }; };", "-@");
        Path overlay = compile("ref.dtbo", plugin("&{/} { b: a { y = <2>; }; other { ref = <&b>; }; };"), "-@");
        assertThat(FdtoverlayReference.assertSame(base, List.of(overlay), dir)).isTrue();
        FdtoverlayReference.Outcome v16 = FdtoverlayReference.dtcore(base, List.of(overlay), LibfdtVersion.DTC_1_6);
        FdtoverlayReference.Outcome v17 = FdtoverlayReference.dtcore(base, List.of(overlay), LibfdtVersion.DTC_1_7);
        DeviceTree t16 = FdtParser.parse(java.nio.ByteBuffer.wrap(v16.blob()));
        DeviceTree t17 = FdtParser.parse(java.nio.ByteBuffer.wrap(v17.blob()));
        long base16 = t16.node("/user").orElseThrow().property("ref").orElseThrow().asU32();
        // the base's /a had phandle 1; 1.6 renumbers the overlay's to 1 + 1 and writes it over /a's
        assertThat(t16.node("/a").orElseThrow().property("phandle").orElseThrow().asU32()).isEqualTo(2);
        assertThat(base16).as("1.6: /user still points at the old phandle").isEqualTo(1);
        assertThat(t17.node("/a").orElseThrow().property("phandle").orElseThrow().asU32()).isEqualTo(1);
        assertThat(t17.node("/other").orElseThrow().property("ref").orElseThrow().asU32()).isEqualTo(1);
        if (KERNEL_FDTOVERLAY != null) {
            FdtoverlayReference.assertSame(FdtoverlayReference.fdtoverlay(KERNEL_FDTOVERLAY.toString(), base,
                    List.of(overlay), dir), base, List.of(overlay), LibfdtVersion.DTC_1_7);
        }
    }

    /** libfdt 1.6.1 reads the offset with strtoul into an int, wraps its bound check and writes far away. */
    @ParameterizedTest
    @CsvSource({"-2", "4294967295", "99999999999999999999999"})
    void wrappingFixupOffsetsAreRefusedWhereFdtoverlayCrashes(String offset) throws IOException {
        Path overlay = compile("wrap.dtbo", "/dts-v1/;\n/ { fragment@0 { target-path = \"/\"; __overlay__ { x = <1>; }; };"
                + " __fixups__ { uart = \"/fragment@0/__overlay__:x:" + offset + "\"; }; };");
        DeviceTree base = FdtParser.read(base());
        DeviceTree ov = FdtParser.read(overlay);
        assertThatThrownBy(() -> OverlayApplier.apply(base, ov, "wrap.dtbo", LibfdtVersion.DTC_1_6))
                .isInstanceOfSatisfying(FdtException.class, e -> {
                    assertThat(e.kind()).isEqualTo(FdtException.Kind.NO_SPACE);
                    assertThat(e.oneLine()).startsWith("overlay wrap.dtbo, /fragment@0/__overlay__: FDT_ERR_NOSPACE: /__fixups__/uart: offset ")
                            .doesNotContain("\n");
                });
    }

    /** An alias naming itself: libfdt recurses until the stack runs out. */
    @Test
    void aliasLoopIsRefused() throws IOException {
        Path overlay = compile("loop.dtbo", "/dts-v1/;\n/ { fragment@0 { target-path = \"loop\"; __overlay__ { x = <1>; }; }; };");
        assertThatThrownBy(() -> OverlayApplier.apply(FdtParser.read(base()), FdtParser.read(overlay), "loop.dtbo"))
                .isInstanceOfSatisfying(FdtException.class, e ->
                        assertThat(e.oneLine()).isEqualTo("overlay loop.dtbo, /fragment@0: FDT_ERR_BADPATH: target-path loop"
                                + " is not in the base"));
    }

    /**
     * Many fragments that target phandles on a wide base: looked up in an index, not by walking the base
     * once per fragment (fragments × nodes would be 4·10^8 node visits here). Each fragment lands.
     */
    @Test
    void manyPhandleTargetsOnAWideBase() {
        int n = 20_000;
        FdtNode.Builder root = new FdtNode.Builder("", "/", -1);
        for (int i = 1; i <= n; i++) {
            String name = "n" + i;
            root.child(new FdtNode.Builder(name, "/" + name, -1)
                    .property(FdtProperty.of("/" + name, "phandle", PropertyValues.u32(i))).build());
        }
        FdtNode.Builder ov = new FdtNode.Builder("", "/", -1);
        for (int i = 1; i <= n; i++) {
            String frag = "/fragment@" + i;
            ov.child(new FdtNode.Builder("fragment@" + i, frag, -1)
                    .property(FdtProperty.of(frag, "target", PropertyValues.u32(n + 1 - i)))
                    .child(new FdtNode.Builder("__overlay__", frag + "/__overlay__", -1)
                            .property(FdtProperty.of(frag + "/__overlay__", "hit", PropertyValues.u32(i))).build())
                    .build());
        }
        DeviceTree merged = OverlayApplier.apply(new DeviceTree(List.of(), root.build()),
                new DeviceTree(List.of(), ov.build()), "wide.dtbo");
        assertThat(merged.node("/n1").orElseThrow().property("hit").orElseThrow().asU32()).isEqualTo(n);
        assertThat(merged.node("/n" + n).orElseThrow().property("hit").orElseThrow().asU32()).isEqualTo(1);
    }

    /** Many fragments each adding a child to one node: its children are indexed once, not walked per add. */
    @Test
    void manyFragmentsAddingToOneNode() {
        int n = 20_000;
        FdtNode.Builder ov = new FdtNode.Builder("", "/", -1);
        for (int i = 1; i <= n; i++) {
            String frag = "/fragment@" + i;
            ov.child(new FdtNode.Builder("fragment@" + i, frag, -1)
                    .property(FdtProperty.of(frag, "target-path", PropertyValues.string("/")))
                    .child(new FdtNode.Builder("__overlay__", frag + "/__overlay__", -1)
                            .child(new FdtNode.Builder("c@" + i, frag + "/__overlay__/c@" + i, -1).build())
                            // "c" answers to the first c@unit, which is the one added last (first among children)
                            .child(new FdtNode.Builder("c", frag + "/__overlay__/c", -1)
                                    .property(FdtProperty.of(frag + "/__overlay__/c", "by", PropertyValues.u32(i))).build())
                            .build())
                    .build());
        }
        DeviceTree merged = OverlayApplier.apply(new DeviceTree(List.of(), new FdtNode.Builder("", "/", -1).build()),
                new DeviceTree(List.of(), ov.build()), "many.dtbo");
        List<FdtNode> children = merged.root().children();
        assertThat(children).hasSize(n);
        assertThat(children.get(0).name()).isEqualTo("c@" + n);
        for (int i : new int[] {1, n / 2, n}) {
            assertThat(merged.node("/c@" + i).orElseThrow().property("by").orElseThrow().asU32()).isEqualTo(i);
        }
    }

    /**
     * One label with 100,000 fixup entries into one 400 KB property: each write goes into one working
     * copy (not a copy of the property per entry, which would be 4·10^10 bytes).
     */
    @Test
    void manyFixupsIntoOneLargeProperty() {
        int n = 100_000;
        FdtNode.Builder base = new FdtNode.Builder("", "/", -1)
                .child(new FdtNode.Builder("uart", "/uart", -1)
                        .property(FdtProperty.of("/uart", "phandle", PropertyValues.u32(7))).build())
                .child(new FdtNode.Builder("__symbols__", "/__symbols__", -1)
                        .property(FdtProperty.of("/__symbols__", "uart", PropertyValues.string("/uart"))).build());
        String[] list = new String[n];
        for (int i = 0; i < n; i++) {
            list[i] = "/fragment@0/__overlay__:refs:" + (4 * i);
        }
        String ov = "/fragment@0/__overlay__";
        FdtNode.Builder overlay = new FdtNode.Builder("", "/", -1)
                .child(new FdtNode.Builder("fragment@0", "/fragment@0", -1)
                        .property(FdtProperty.of("/fragment@0", "target-path", PropertyValues.string("/")))
                        .child(new FdtNode.Builder("__overlay__", ov, -1)
                                .property(FdtProperty.of(ov, "refs", new byte[4 * n])).build()).build())
                .child(new FdtNode.Builder("__fixups__", "/__fixups__", -1)
                        .property(FdtProperty.of("/__fixups__", "uart", PropertyValues.strings(list))).build());
        DeviceTree merged = OverlayApplier.apply(new DeviceTree(List.of(), base.build()),
                new DeviceTree(List.of(), overlay.build()), "refs.dtbo");
        FdtProperty refs = merged.root().property("refs").orElseThrow();
        assertThat(refs.cell(0)).isEqualTo(7);
        assertThat(refs.cell(n - 1)).isEqualTo(7);
    }

    /** Many fragments with a target-path into a wide node: each path step answered by an index. */
    @Test
    void manyTargetPathsIntoAWideNode() {
        int n = 20_000;
        FdtNode.Builder root = new FdtNode.Builder("", "/", -1);
        for (int i = 1; i <= n; i++) {
            root.child(new FdtNode.Builder("n@" + i, "/n@" + i, -1).build());
        }
        FdtNode.Builder ov = new FdtNode.Builder("", "/", -1);
        for (int i = 1; i <= n; i++) {
            String frag = "/fragment@" + i;
            ov.child(new FdtNode.Builder("fragment@" + i, frag, -1)
                    .property(FdtProperty.of(frag, "target-path", PropertyValues.string("/n@" + i)))
                    .child(new FdtNode.Builder("__overlay__", frag + "/__overlay__", -1)
                            .property(FdtProperty.of(frag + "/__overlay__", "hit", PropertyValues.u32(i))).build())
                    .build());
        }
        DeviceTree merged = OverlayApplier.apply(new DeviceTree(List.of(), root.build()),
                new DeviceTree(List.of(), ov.build()), "paths.dtbo");
        assertThat(merged.node("/n@" + n).orElseThrow().property("hit").orElseThrow().asU32()).isEqualTo(n);
        assertThat(merged.node("/n@1").orElseThrow().property("hit").orElseThrow().asU32()).isEqualTo(1);
    }

    /**
     * One overlay setting 200,000 properties on one node: each fdt_setprop looks the name up and puts a new
     * property first, which over a plain list is quadratic (40,000 took 13.7 s, 200,000 take minutes).
     * The time-outs in this class only guard against that; docs/performance.md has the figures.
     */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void manyPropertiesOnOneNode() {
        int n = 200_000;
        String ov = "/fragment@0/__overlay__";
        FdtNode.Builder content = new FdtNode.Builder("__overlay__", ov, -1);
        for (int i = 0; i < n; i++) {
            content.property(FdtProperty.of(ov, "p" + i, PropertyValues.u32(i)));
        }
        content.property(FdtProperty.of(ov, "p7", PropertyValues.u32(7_000_000))); // the same name again
        DeviceTree overlay = new DeviceTree(List.of(), new FdtNode.Builder("", "/", -1)
                .child(new FdtNode.Builder("fragment@0", "/fragment@0", -1)
                        .property(FdtProperty.of("/fragment@0", "target-path", PropertyValues.string("/")))
                        .child(content.build()).build()).build());
        DeviceTree merged = OverlayApplier.apply(new DeviceTree(List.of(),
                new FdtNode.Builder("", "/", -1).property(FdtProperty.of("/", "p5", PropertyValues.u32(5))).build()),
                overlay, "props.dtbo");
        List<FdtProperty> props = merged.root().properties();
        // fdt_setprop: a new property goes first, an existing one keeps its place and takes the value
        assertThat(props).hasSize(n);
        assertThat(props.get(0).name()).isEqualTo("p" + (n - 1));
        assertThat(props.get(n - 1).name()).isEqualTo("p5");
        assertThat(props.get(n - 1).asU32()).isEqualTo(5);
        assertThat(merged.root().property("p7").orElseThrow().asU32()).isEqualTo(7_000_000);
        assertThat(FdtParser.parse(java.nio.ByteBuffer.wrap(FdtWriter.write(merged))).root().properties()).hasSize(n);
    }

    /** 100,000 fragments of one property each, all into the root (they did not finish in 120 s). */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void manyOnePropertyFragments() {
        int n = 100_000;
        FdtNode.Builder ov = new FdtNode.Builder("", "/", -1);
        for (int i = 0; i < n; i++) {
            String frag = "/fragment@" + i;
            ov.child(new FdtNode.Builder("fragment@" + i, frag, -1)
                    .property(FdtProperty.of(frag, "target-path", PropertyValues.string("/")))
                    .child(new FdtNode.Builder("__overlay__", frag + "/__overlay__", -1)
                            .property(FdtProperty.of(frag + "/__overlay__", "p" + i, PropertyValues.u32(i))).build())
                    .build());
        }
        DeviceTree merged = OverlayApplier.apply(new DeviceTree(List.of(), new FdtNode.Builder("", "/", -1).build()),
                new DeviceTree(List.of(), ov.build()), "frags.dtbo");
        assertThat(merged.root().properties()).hasSize(n);
        assertThat(merged.root().properties().get(0).name()).isEqualTo("p" + (n - 1));
        assertThat(merged.root().property("p12345").orElseThrow().asU32()).isEqualTo(12345);
    }

    /**
     * Fragments that each add a node with a phandle, each followed by a fragment that targets that node
     * by it: every phandle set would otherwise throw the index away and the next target rebuild it from
     * the whole tree (fragments × nodes).
     */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void targetsOfNodesEarlierFragmentsAdded() {
        int n = 40_000;
        FdtNode.Builder ov = new FdtNode.Builder("", "/", -1);
        for (int k = 0; k < n; k++) {
            String add = "/fragment@" + (2 * k);
            String hit = "/fragment@" + (2 * k + 1);
            ov.child(new FdtNode.Builder("fragment@" + (2 * k), add, -1)
                    .property(FdtProperty.of(add, "target-path", PropertyValues.string("/")))
                    .child(new FdtNode.Builder("__overlay__", add + "/__overlay__", -1)
                            .child(new FdtNode.Builder("c@" + k, add + "/__overlay__/c@" + k, -1)
                                    .property(FdtProperty.of(add + "/__overlay__/c@" + k, "phandle",
                                            PropertyValues.u32(k + 1))).build()).build())
                    .build());
            ov.child(new FdtNode.Builder("fragment@" + (2 * k + 1), hit, -1)
                    .property(FdtProperty.of(hit, "target", PropertyValues.u32(k + 1)))
                    .child(new FdtNode.Builder("__overlay__", hit + "/__overlay__", -1)
                            .property(FdtProperty.of(hit + "/__overlay__", "hit", PropertyValues.u32(k))).build())
                    .build());
        }
        DeviceTree merged = OverlayApplier.apply(new DeviceTree(List.of(), new FdtNode.Builder("", "/", -1).build()),
                new DeviceTree(List.of(), ov.build()), "added.dtbo");
        for (int k : new int[] {0, n / 2, n - 1}) {
            assertThat(merged.node("/c@" + k).orElseThrow().property("hit").orElseThrow().asU32()).isEqualTo(k);
        }
    }

    /**
     * dtc 1.7 keeps a base node's phandle where an overlay node is merged into it, and points every
     * reference __local_fixups__ lists at it: libfdt walks all the fixups once per such node. 30,000 of
     * them, each referenced once: the references must end up on the base's phandles.
     */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void manyMergedNodesWithPhandlesAndLocalReferences() {
        int n = 30_000;
        FdtNode.Builder base = new FdtNode.Builder("", "/", -1);
        for (int i = 1; i <= n; i++) {
            base.child(new FdtNode.Builder("b" + i, "/b" + i, -1)
                    .property(FdtProperty.of("/b" + i, "phandle", PropertyValues.u32(i))).build());
        }
        FdtNode.Builder ov = new FdtNode.Builder("", "/", -1);
        FdtNode.Builder fixups = new FdtNode.Builder("__local_fixups__", "/__local_fixups__", -1);
        byte[] refs = new byte[4 * n];
        for (int i = 1; i <= n; i++) {
            String frag = "/fragment@" + i;
            // the overlay node's own phandle (i), raised past the base's highest (n) to n + i
            ov.child(new FdtNode.Builder("fragment@" + i, frag, -1)
                    .property(FdtProperty.of(frag, "target", PropertyValues.u32(i)))
                    .child(new FdtNode.Builder("__overlay__", frag + "/__overlay__", -1)
                            .property(FdtProperty.of(frag + "/__overlay__", "phandle", PropertyValues.u32(i))).build())
                    .build());
            java.nio.ByteBuffer.wrap(refs).putInt(4 * (i - 1), i);
        }
        byte[] offsets = new byte[4 * n];
        for (int i = 0; i < n; i++) {
            java.nio.ByteBuffer.wrap(offsets).putInt(4 * i, 4 * i);
        }
        String user = "/fragment@0/__overlay__";
        ov.child(new FdtNode.Builder("fragment@0", "/fragment@0", -1)
                .property(FdtProperty.of("/fragment@0", "target-path", PropertyValues.string("/")))
                .child(new FdtNode.Builder("__overlay__", user, -1)
                        .property(FdtProperty.of(user, "refs", refs)).build()).build());
        fixups.child(new FdtNode.Builder("fragment@0", "/__local_fixups__/fragment@0", -1)
                .child(new FdtNode.Builder("__overlay__", "/__local_fixups__" + user, -1)
                        .property(FdtProperty.of("/__local_fixups__" + user, "refs", offsets)).build()).build());
        ov.child(fixups.build());
        DeviceTree overlay = new DeviceTree(List.of(), ov.build());
        DeviceTree baseTree = new DeviceTree(List.of(), base.build());
        DeviceTree merged17 = OverlayApplier.apply(baseTree, overlay, "refs.dtbo", LibfdtVersion.DTC_1_7);
        DeviceTree merged16 = OverlayApplier.apply(baseTree, overlay, "refs.dtbo", LibfdtVersion.DTC_1_6);
        FdtProperty refs17 = merged17.root().property("refs").orElseThrow();
        FdtProperty refs16 = merged16.root().property("refs").orElseThrow();
        for (int i : new int[] {1, n / 3, n}) {
            // 1.7: the base node keeps its phandle i, and the reference follows it there
            assertThat(merged17.node("/b" + i).orElseThrow().property("phandle").orElseThrow().asU32()).isEqualTo(i);
            assertThat(refs17.cell(i - 1)).isEqualTo(i);
            // 1.6: the overlay's phandle, raised past the base's highest (n), replaces the base's
            assertThat(merged16.node("/b" + i).orElseThrow().property("phandle").orElseThrow().asU32())
                    .isEqualTo(n + i);
            assertThat(refs16.cell(i - 1)).isEqualTo(n + i);
        }
    }

    /**
     * Two nodes with one phandle, the second added by the overlay first among the root's children: a
     * target by that phandle finds the first in blob order, the added one, as libfdt's
     * fdt_node_offset_by_phandle does.
     */
    @Test
    void aSharedPhandleFindsTheFirstNodeInBlobOrder() throws IOException {
        Path base = compile("dup-base.dtb", """
                /dts-v1/;
                / { #address-cells = <1>; #size-cells = <1>; a { phandle = <5>; }; };
                """, "-@");
        // the overlay's phandle 0 is raised by the base's highest, 5: the same as /a's
        assertThat(sameAsFdtoverlay(base, """
                /dts-v1/;
                / { fragment@0 { target-path = "/"; __overlay__ { b { phandle = <0>; }; }; };
                    fragment@1 { target = <5>; __overlay__ { hit = <1>; }; }; };
                """, null, "-f")).isEmpty();
        DeviceTree merged = FdtParser.parse(java.nio.ByteBuffer.wrap(FdtoverlayReference.dtcore(base,
                List.of(dir.resolve("hostile.dtbo")), LibfdtVersion.DTC_1_7).blob()));
        assertThat(merged.node("/b").orElseThrow().hasProperty("hit")).isTrue();
        assertThat(merged.node("/a").orElseThrow().hasProperty("hit")).isFalse();
    }
}
