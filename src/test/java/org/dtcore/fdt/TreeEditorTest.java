package org.dtcore.fdt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dtcore.fdt.PropertyValues.reg;
import static org.dtcore.fdt.PropertyValues.string;
import static org.dtcore.fdt.PropertyValues.strings;
import static org.dtcore.fdt.PropertyValues.u32;
import static org.dtcore.fdt.PropertyValues.u64;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.dtcore.testing.ExternalTool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Edits on QEMU's arm64 virt tree, written and read back by dtc's tools. With {@link
 * TreeEditor.Placement#LIBFDT}, the same edits made with {@code fdtput} (libfdt's fdt_setprop,
 * fdt_add_subnode, fdt_delprop, fdt_del_node) give the same tree, order included, and the kernel's
 * edits of /chosen give the order a real capture kernel's tree has.
 */
class TreeEditorTest {
    private static final Path VIRT = Path.of("fdt-samples", "qemu-arm64-virt-2g.dtb");

    /** SPEC §11: what an arm64 kdump loader writes into the capture kernel's tree. */
    @Test
    void captureKernelEditsReadBackWithFdtget(@TempDir Path dir) throws IOException {
        DeviceTree booted = FdtParser.read(VIRT);
        DeviceTree capture = booted.edit()
                .setProperty("/chosen", "linux,elfcorehdr", reg(2, 2, new RegEntry(0xbd9f0000L, 0x1000)))
                .setProperty("/chosen", "linux,usable-memory-range",
                        reg(2, 2, new RegEntry(0xa0000000L, 0x20000000), new RegEntry(0x30000000, 0x1000000)))
                .addReservation(0xbd9f0000L, 0x1000)
                .build();
        Path out = write(dir, capture);

        assertThat(fdtget("-t", "x", out.toString(), "/chosen", "linux,elfcorehdr")).isEqualTo("0 bd9f0000 0 1000");
        assertThat(fdtget("-t", "x", out.toString(), "/chosen", "linux,usable-memory-range"))
                .isEqualTo("0 a0000000 0 20000000 0 30000000 0 1000000");
        assertThat(fdtget("-p", out.toString(), "/chosen")).isEqualTo("stdout-path\nlinux,elfcorehdr\nlinux,usable-memory-range");
        FdtdumpListing dump = FdtdumpListing.parse(ExternalTool.output("fdtdump", out.toString()));
        assertThat(dump.reservations()).containsExactly(new RegEntry(0xbd9f0000L, 0x1000));
        // the source tree is untouched
        assertThat(booted.node("/chosen").orElseThrow().hasProperty("linux,elfcorehdr")).isFalse();
        assertThat(booted.reservations()).isEmpty();
    }

    @Test
    void sameTreeAsFdtput(@TempDir Path dir) throws IOException {
        Path byFdtput = Files.copy(VIRT, dir.resolve("fdtput.dtb"));
        String f = byFdtput.toString();
        ExternalTool.output("fdtput", "-t", "s", f, "/chosen", "stdout-path", "/pl011@9000000");
        ExternalTool.output("fdtput", "-t", "s", f, "/chosen", "bootargs", "elfcorehdr=0xbd9f0000 maxcpus=1");
        ExternalTool.output("fdtput", "-t", "x", f, "/memory@40000000", "linux,usable-memory", "0", "a0000000", "0", "20000000");
        ExternalTool.output("fdtput", "-d", f, "/memory@40000000", "device_type");
        ExternalTool.output("fdtput", "-c", f, "/reserved");
        ExternalTool.output("fdtput", "-c", f, "/reserved/elfcorehdr@bd9f0000");
        ExternalTool.output("fdtput", "-t", "s", f, "/reserved/elfcorehdr@bd9f0000", "compatible", "a,b", "c");
        ExternalTool.output("fdtput", "-t", "x", f, "/reserved/elfcorehdr@bd9f0000", "cells", "1", "ffffffff");
        ExternalTool.output("fdtput", "-t", "x", f, "/reserved/elfcorehdr@bd9f0000", "wide", "12345678", "9abcdef0");
        ExternalTool.output("fdtput", "-r", f, "/pl061@9030000");
        ExternalTool.output("fdtput", "-t", "s", f, "/", "model", "edited");

        DeviceTree ours = FdtParser.read(VIRT).edit(TreeEditor.Placement.LIBFDT)
                .setProperty("/chosen", "stdout-path", string("/pl011@9000000"))
                .setProperty("/chosen", "bootargs", string("elfcorehdr=0xbd9f0000 maxcpus=1"))
                .setProperty("/memory", "linux,usable-memory", reg(2, 2, new RegEntry(0xa0000000L, 0x20000000)))
                .addNode("/reserved")
                .addNode("/reserved/elfcorehdr@bd9f0000")
                .setProperty("/reserved/elfcorehdr@bd9f0000", "compatible", strings("a,b", "c"))
                .setProperty("/reserved/elfcorehdr@bd9f0000", "cells", u32(1, 0xffffffffL))
                .setProperty("/reserved/elfcorehdr@bd9f0000", "wide", u64(0x123456789abcdef0L))
                .setProperty("/", "model", string("edited"))
                .build();
        TreeEditor more = ours.edit(TreeEditor.Placement.LIBFDT);
        assertThat(more.removeProperty("/memory@40000000", "device_type")).isTrue();
        assertThat(more.removeNode("/pl061@9030000")).isTrue();
        Path written = write(dir, more.build());

        assertThat(FdtWriterRoundTripTest.dts(written)).isEqualTo(FdtWriterRoundTripTest.dts(byFdtput));
        DeviceTree back = FdtParser.read(written);
        assertThat(TreeListing.of(back)).isEqualTo(TreeListing.of(FdtParser.read(byFdtput)));
        assertThat(back.node("/reserved/elfcorehdr@bd9f0000").orElseThrow().property("cells").orElseThrow()
                .nodePath()).isEqualTo("/reserved/elfcorehdr@bd9f0000");
    }

    /**
     * SPEC §11: the arm64 kernel (of_kexec_alloc_and_setup_fdt, through libfdt) sets linux,elfcorehdr,
     * then linux,usable-memory-range, then linux,booted-from-kexec, and drops kaslr-seed; each new
     * property lands first, so the captured tree lists them in reverse.
     */
    @Test
    void libfdtPlacementGivesTheKernelsChosenOrder(@TempDir Path dir) throws IOException {
        Path truth = Path.of("..", "shared", "kernel-truth", "arm64-virt-2g");
        DeviceTree capture = FdtParser.read(truth.resolve("capture.dtb"));
        FdtNode chosen = capture.node("/chosen").orElseThrow();
        TreeEditor edit = FdtParser.read(truth.resolve("booted.dtb")).edit(TreeEditor.Placement.LIBFDT);
        for (String name : List.of("linux,elfcorehdr", "linux,usable-memory-range", "linux,booted-from-kexec")) {
            edit.setProperty("/chosen", name, chosen.property(name).orElseThrow().bytes());
        }
        assertThat(edit.removeProperty("/chosen", "kaslr-seed")).isTrue();
        Path out = write(dir, edit.build());
        assertThat(fdtget("-p", out.toString(), "/chosen"))
                .isEqualTo(fdtget("-p", truth.resolve("capture.dtb").toString(), "/chosen"));
    }

    /** APPEND: replacement keeps the place; a new property goes after the others, before the subnodes. */
    @Test
    void propertyOrder() throws IOException {
        DeviceTree tree = readVirt();
        FdtNode before = tree.root();
        List<String> names = before.properties().stream().map(FdtProperty::name).toList();
        DeviceTree edited = tree.edit()
                .setProperty("/", names.get(1), u32(42))
                .setProperty("/", "zz-new", new byte[0])
                .build();
        List<String> after = edited.root().properties().stream().map(FdtProperty::name).toList();
        assertThat(after.subList(0, names.size())).isEqualTo(names);
        assertThat(after.get(after.size() - 1)).isEqualTo("zz-new");
        assertThat(edited.root().properties().get(1).asU32()).isEqualTo(42);
        assertThat(edited.root().properties().get(1).offset()).isEqualTo(-1);
        assertThat(edited.root().properties().get(0).offset()).isEqualTo(before.properties().get(0).offset());
        DeviceTree back = FdtParser.parse(ByteBuffer.wrap(FdtWriter.write(edited)));
        assertThat(TreeListing.of(back)).isEqualTo(TreeListing.of(edited));
    }

    @Test
    void addedAndRemovedNodesKeepPathsRight() {
        DeviceTree tree = readVirt();
        TreeEditor edit = tree.edit()
                .addNode("/a")
                .addNode("/a/b@1")
                .addNode("/chosen/c"); // the parent found by base name gives the child its real path
        edit.setProperty("/a/b@1", "p", u32(1));
        DeviceTree edited = edit.build();
        assertThat(edited.node("/a/b@1").orElseThrow().path()).isEqualTo("/a/b@1");
        assertThat(edited.node("/a/b@1").orElseThrow().offset()).isEqualTo(-1);
        assertThat(edited.node("/a/b").orElseThrow().property("p").orElseThrow().path()).isEqualTo("/a/b@1/p");
        assertThat(edited.node("/chosen/c").orElseThrow().path()).isEqualTo("/chosen/c");
        assertThat(edited.root().children().get(edited.root().children().size() - 1).name()).isEqualTo("a");
        // untouched subtrees are handed on as they were
        assertThat(edited.node("/cpus").orElseThrow()).isSameAs(tree.node("/cpus").orElseThrow());

        assertThat(edit.removeNode("/a")).isTrue();
        assertThat(edit.removeNode("/a/b@1")).isFalse();
        assertThat(edit.hasNode("/a")).isFalse();
        assertThat(edit.build().node("/a/b@1")).isEmpty();
    }

    @Test
    void reservations() {
        TreeEditor edit = readVirt().edit().addReservation(0x1000, 0x10).addReservation(-4096L, 0x1000)
                .addReservation(0x1000, 0x10);
        assertThat(edit.removeReservation(0x1000, 0x10)).isTrue();
        assertThat(edit.removeReservation(0x2000, 0x10)).isFalse();
        DeviceTree back = FdtParser.parse(ByteBuffer.wrap(FdtWriter.write(edit.build())));
        assertThat(back.reservations()).containsExactly(
                new RegEntry(-4096L, 0x1000), new RegEntry(0x1000, 0x10));
        assertFails(() -> edit.addReservation(0x1000, 0), FdtException.Kind.BAD_RESERVATION);
    }

    @Test
    void editsThatCannotBeMadeAreNamedErrors() {
        TreeEditor edit = readVirt().edit();
        assertFails(() -> edit.setProperty("/nowhere", "p", u32(1)), FdtException.Kind.NOT_FOUND);
        assertFails(() -> edit.addNode("/nowhere/x"), FdtException.Kind.NOT_FOUND);
        assertFails(() -> edit.addNode("/chosen"), FdtException.Kind.EXISTS);
        assertFails(() -> edit.addNode("/chosen/"), FdtException.Kind.BAD_PATH);
        assertFails(() -> edit.addNode("chosen"), FdtException.Kind.BAD_PATH);
        assertFails(() -> edit.setProperty("/", "", u32(1)), FdtException.Kind.BAD_PATH);
        assertFails(() -> edit.setProperty("/", "a\0b", u32(1)), FdtException.Kind.BAD_PATH);
        assertFails(() -> edit.removeNode("/"), FdtException.Kind.BAD_PATH);
        assertThat(edit.removeProperty("/chosen", "no-such-property")).isFalse();
        assertThat(edit.removeNode("/no-such-node")).isFalse();
    }

    private static void assertFails(ThrowingCallable call, FdtException.Kind kind) {
        assertThatThrownBy(call).isInstanceOfSatisfying(FdtException.class, e -> assertThat(e.kind()).isEqualTo(kind));
    }

    private static DeviceTree readVirt() {
        try {
            return FdtParser.read(VIRT);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Path write(Path dir, DeviceTree tree) throws IOException {
        return Files.write(dir.resolve("edited.dtb"), FdtWriter.write(tree));
    }

    private static String fdtget(String... args) {
        String[] cmd = new String[args.length + 1];
        cmd[0] = "fdtget";
        System.arraycopy(args, 0, cmd, 1, args.length);
        return ExternalTool.output(cmd).strip();
    }
}
