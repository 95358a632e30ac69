package org.dtcore.fdt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeviceTreeFolderTest {
    @TempDir
    Path tmp;

    private Path dir(String rel) throws IOException {
        return Files.createDirectories(tmp.resolve("dt").resolve(rel));
    }

    private Path file(String rel, byte... bytes) throws IOException {
        Path p = tmp.resolve("dt").resolve(rel);
        Files.createDirectories(p.getParent());
        return Files.write(p, bytes);
    }

    private static byte[] be(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    private static byte[] str(String s) {
        return (s + "\0").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    private static FdtException failure(Path folder) {
        try {
            DeviceTreeFolder.read(folder);
        } catch (FdtException e) {
            assertThat(e.kind()).isEqualTo(FdtException.Kind.BAD_FOLDER);
            return e;
        }
        throw new AssertionError("expected an FdtException");
    }

    /** A small board: what /proc/device-tree shows for a QEMU arm64 virt machine, trimmed. */
    private Path board() throws IOException {
        file("name", str(""));
        file("#address-cells", be(0, 0, 0, 2));
        file("#size-cells", be(0, 0, 0, 2));
        file("memory@40000000/device_type", str("memory"));
        file("memory@40000000/reg", be(0, 0, 0, 0, 0x40, 0, 0, 0, 0, 0, 0, 0, 0x80, 0, 0, 0));
        file("chosen/bootargs", str("console=ttyAMA0 crashkernel=256M"));
        file("chosen/linux,elfcorehdr", new byte[16]);
        dir("cpus/cpu@1");
        dir("cpus/cpu@0");
        file("aliases/serial0", str("/pl011@9000000"));
        return tmp.resolve("dt");
    }

    @Test
    void foldersAreNodesAndFilesAreRawProperties() throws IOException {
        DeviceTree t = DeviceTreeFolder.read(board());
        assertThat(t.header()).isEmpty();
        assertThat(t.reservations()).isEmpty();
        assertThat(t.root().path()).isEqualTo("/");
        assertThat(t.root().name()).isEmpty();
        assertThat(t.root().property("#address-cells").orElseThrow().asU32()).isEqualTo(2);
        FdtNode mem = t.node("/memory@40000000").orElseThrow();
        assertThat(mem.property("device_type").orElseThrow().isString("memory")).isTrue();
        FdtProperty reg = mem.property("reg").orElseThrow();
        assertThat(reg.nodePath()).isEqualTo("/memory@40000000");
        assertThat(reg.offset()).isEqualTo(-1);
        assertThat(reg.asReg(2, 2)).hasSize(1);
        assertThat(reg.cells(0, 2)).isEqualTo(0x40000000L);
        assertThat(reg.cells(2, 2)).isEqualTo(0x80000000L);
        assertThat(t.node("/chosen").orElseThrow().property("bootargs").orElseThrow().asString())
                .contains("crashkernel=256M");
        assertThat(t.node("/chosen").orElseThrow().property("linux,elfcorehdr").orElseThrow().length()).isEqualTo(16);
    }

    @Test
    void childrenAndPropertiesAreInNameOrder() throws IOException {
        DeviceTree t = DeviceTreeFolder.read(board());
        assertThat(t.root().children()).extracting(FdtNode::name)
                .containsExactly("aliases", "chosen", "cpus", "memory@40000000");
        assertThat(t.root().properties()).extracting(FdtProperty::name)
                .containsExactly("#address-cells", "#size-cells", "name");
        assertThat(t.node("/cpus").orElseThrow().children()).extracting(FdtNode::path)
                .containsExactly("/cpus/cpu@0", "/cpus/cpu@1");
    }

    @Test
    void theRootNameFileIsAnOrdinaryPropertyAndAnEmptyFileAnEmptyValue() throws IOException {
        file("name", new byte[0]);
        file("hotpluggable", new byte[0]);
        DeviceTree t = DeviceTreeFolder.read(tmp.resolve("dt"));
        assertThat(t.root().property("name").orElseThrow().length()).isZero();
        assertThat(t.root().hasProperty("hotpluggable")).isTrue();
    }

    @Test
    void theFolderItselfMayBeALink() throws IOException {
        Path link = Files.createSymbolicLink(tmp.resolve("device-tree"), board()); // as /proc/device-tree is
        assertThat(DeviceTreeFolder.read(link).node("/memory@40000000")).isPresent();
    }

    @Test
    void aLinkOutOfTheFolderIsRefused() throws IOException {
        board();
        Path secret = Files.write(tmp.resolve("secret"), new byte[] {1, 2, 3});
        Files.createSymbolicLink(tmp.resolve("dt/chosen/stolen"), secret);
        FdtException e = failure(tmp.resolve("dt"));
        assertThat(e.location()).isEqualTo("/chosen/stolen");
        assertThat(e.getMessage()).contains("out of the device-tree folder");
    }

    @Test
    void aRelativeLinkClimbingOutIsRefusedToo() throws IOException {
        board();
        Files.write(tmp.resolve("secret"), new byte[] {1});
        Files.createSymbolicLink(tmp.resolve("dt/memory@40000000/reg2"), Path.of("../../secret"));
        assertThat(failure(tmp.resolve("dt")).location()).isEqualTo("/memory@40000000/reg2");
    }

    @Test
    void aLinkToAFolderIsRefusedEvenInside() throws IOException {
        board();
        Files.createSymbolicLink(tmp.resolve("dt/cpus/loop"), tmp.resolve("dt"));
        FdtException e = failure(tmp.resolve("dt"));
        assertThat(e.location()).isEqualTo("/cpus/loop");
        assertThat(e.getMessage()).contains("not lead to a regular file");
    }

    @Test
    void aDanglingLinkIsAnError() throws IOException {
        board();
        Files.createSymbolicLink(tmp.resolve("dt/chosen/gone"), tmp.resolve("dt/nothing-here"));
        assertThat(failure(tmp.resolve("dt")).location()).isEqualTo("/chosen/gone");
    }

    @Test
    void aLinkToAFileInsideIsReadAsThatFile() throws IOException {
        board();
        Files.createSymbolicLink(tmp.resolve("dt/chosen/bootargs-copy"), Path.of("bootargs"));
        DeviceTree t = DeviceTreeFolder.read(tmp.resolve("dt"));
        assertThat(t.node("/chosen").orElseThrow().property("bootargs-copy").orElseThrow().asString())
                .contains("crashkernel=256M");
    }

    @Test
    void anOversizeFileIsRefusedWithoutReadingIt() throws IOException {
        board();
        try (RandomAccessFile f = new RandomAccessFile(tmp.resolve("dt/chosen/huge").toFile(), "rw")) {
            f.setLength((16L << 20) + 1); // sparse: nothing is written
        }
        FdtException e = failure(tmp.resolve("dt"));
        assertThat(e.location()).isEqualTo("/chosen/huge");
        assertThat(e.getMessage()).contains("16777216-byte limit");
    }

    @Test
    void aFileOfExactlyTheLimitIsRead() throws IOException {
        board();
        DeviceTreeFolder.Limits small = new DeviceTreeFolder.Limits(100, 1000, 64, 1000);
        file("chosen/exact", new byte[100]);
        assertThat(DeviceTreeFolder.read(tmp.resolve("dt"), small).node("/chosen").orElseThrow()
                .property("exact").orElseThrow().length()).isEqualTo(100);
        file("chosen/over", new byte[101]);
        assertThatThrownBy(() -> DeviceTreeFolder.read(tmp.resolve("dt"), small))
                .isInstanceOfSatisfying(FdtException.class, x -> assertThat(x.location()).isEqualTo("/chosen/over"));
    }

    @Test
    void theTotalIsBounded() throws IOException {
        file("name", new byte[1]); // the root's, as Linux writes it: "" and its NUL
        for (int i = 0; i < 5; i++) {
            file("p" + i, new byte[300]);
        }
        DeviceTreeFolder.Limits limits = new DeviceTreeFolder.Limits(1000, 1000, 64, 1000);
        assertThatThrownBy(() -> DeviceTreeFolder.read(tmp.resolve("dt"), limits))
                .isInstanceOfSatisfying(FdtException.class, x -> assertThat(x.location()).isEqualTo("/p3"))
                .hasMessageContaining("add up to more than 1000 bytes");
    }

    @Test
    void depthIsBoundedAt64ByDefault() throws IOException {
        file("name", new byte[1]);
        dir("a/".repeat(64));
        assertThat(DeviceTreeFolder.read(tmp.resolve("dt")).root().children()).hasSize(1);
        dir("a/".repeat(65));
        FdtException e = failure(tmp.resolve("dt"));
        assertThat(e.location()).isEqualTo("/a".repeat(65));
        assertThat(e.getMessage()).contains("deeper than 64 levels");
    }

    @Test
    void theNumberOfNodesAndPropertiesIsBounded() throws IOException {
        file("name", new byte[1]);
        for (int i = 0; i < 10; i++) {
            dir("n" + i);
        }
        DeviceTreeFolder.Limits limits = new DeviceTreeFolder.Limits(100, 1000, 64, 5);
        assertThatThrownBy(() -> DeviceTreeFolder.read(tmp.resolve("dt"), limits))
                .isInstanceOf(FdtException.class).hasMessageContaining("more than 5 nodes and properties");
    }

    /**
     * A folder is a device-tree folder when its top holds a property every root has; anything else is refused
     * naming the folder, before any file in it is read (a build folder's archives are no oversized property).
     */
    @Test
    void aFolderWithoutARootPropertyIsNoDeviceTree() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Path build = Files.createDirectories(tmp.resolve("target/cds"));
        try (var out = Files.newOutputStream(build.resolve("dtcore.jsa"))) {
            out.write(new byte[4096]);
        }
        Path text = Files.createDirectories(tmp.resolve("notes"));
        Files.writeString(text.resolve("README.txt"), "a text file\n");
        Files.writeString(text.resolve("compatible.txt"), "near, but not the name\n");
        Files.createDirectories(text.resolve("compatible")); // a folder is a node, not the property
        DeviceTreeFolder.Limits small = new DeviceTreeFolder.Limits(100, 1000, 64, 1000);
        for (Path p : new Path[] {empty, tmp.resolve("target"), text}) {
            assertThatThrownBy(() -> DeviceTreeFolder.read(p, small)).as(p.toString())
                    .isInstanceOfSatisfying(FdtException.class, x -> assertThat(x.location()).isEmpty())
                    .hasMessage("not a device-tree folder: no file at its top is one of the properties a tree's"
                            + " root has (name, compatible, model, #address-cells, #size-cells)");
        }
        for (String root : new String[] {"name", "compatible", "model", "#address-cells", "#size-cells"}) {
            Path one = Files.createDirectories(tmp.resolve("one-" + root.replace('#', '_')));
            Files.write(one.resolve(root), new byte[4]);
            assertThat(DeviceTreeFolder.read(one).root().property(root)).as(root).isPresent();
        }
    }

    @Test
    void aMissingFolderOrAFileIsAnError() throws IOException {
        assertThatThrownBy(() -> DeviceTreeFolder.read(tmp.resolve("absent")))
                .isInstanceOf(FdtException.class).hasMessageContaining("cannot open");
        Path f = Files.write(tmp.resolve("plain"), new byte[4]);
        assertThatThrownBy(() -> DeviceTreeFolder.read(f)).isInstanceOf(FdtException.class)
                .hasMessageContaining("not a folder");
    }

    @Test
    void aFifoIsRefusedRatherThanRead() throws Exception {
        board();
        Path fifo = tmp.resolve("dt/chosen/pipe");
        Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertThat(p.waitFor()).isZero();
        FdtException e = failure(tmp.resolve("dt"));
        assertThat(e.location()).isEqualTo("/chosen/pipe");
        assertThat(e.getMessage()).contains("neither a file nor a folder");
    }

    @Test
    void limitsOutOfRangeAreRefused() {
        assertThatThrownBy(() -> new DeviceTreeFolder.Limits(1L << 40, 1, 1, 1)).isInstanceOf(FdtException.class);
        assertThatThrownBy(() -> new DeviceTreeFolder.Limits(1, 1, -1, 1)).isInstanceOf(FdtException.class);
    }
}
