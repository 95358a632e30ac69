package org.dtcore.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.dtcore.testing.ExternalTool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The archive a snapshot is written as: read back by the project's own reader ({@link TarArchive}) and by GNU
 * tar, the reference, which must list the same entries with the fixed owners, modes and times; the same files
 * give the same bytes.
 */
class TarArchiveWriterTest {
    @TempDir
    Path tmp;

    private static SortedMap<String, byte[]> files() {
        SortedMap<String, byte[]> f = new TreeMap<>();
        f.put("proc/iomem", "40000000-bfffffff : System RAM\n".getBytes(StandardCharsets.UTF_8));
        f.put("sys/devices/system/cpu/cpu10/crash_notes", "bfbcd000\n".getBytes(StandardCharsets.UTF_8));
        f.put("sys/devices/system/cpu/cpu0/crash_notes", "bfbbd000\n".getBytes(StandardCharsets.UTF_8));
        f.put("sys/firmware/fdt", new byte[1025]);
        f.put("proc/device-tree/empty-property", new byte[0]);
        // 100 bytes and more: the ustar prefix field (POSIX pax "ustar Interchange Format"), then a pax header
        f.put("proc/device-tree/" + "n".repeat(60) + "/" + "p".repeat(60), "v".getBytes(StandardCharsets.UTF_8));
        f.put("proc/device-tree/" + "q".repeat(150), "w".getBytes(StandardCharsets.UTF_8));
        return f;
    }

    @Test
    void theProjectsReaderGetsEveryFileBack() throws IOException {
        Path a = tmp.resolve("root.tar.gz");
        Files.write(a, TarArchiveWriter.gzip(files()));
        SystemRoot root = SystemRoot.of(a);

        assertThat(root.text(RootFile.IOMEM)).contains("40000000-bfffffff : System RAM\n");
        assertThat(root.instances(RootFile.CRASH_NOTES)).containsExactly("0", "10");
        assertThat(root.bytes(RootFile.FDT_BLOB)).hasValueSatisfying(b -> assertThat(b).hasSize(1025));
        InputFolder dt = root.folder(RootFile.DEVICE_TREE).orElseThrow();
        assertThat(dt.entries()).extracting(InputFolder.Entry::name)
                .containsExactly("empty-property", "n".repeat(60), "q".repeat(150));
        assertThat(dt.read("q".repeat(150), 10)).containsExactly('w');
        assertThat(dt.folder("n".repeat(60)).read("p".repeat(60), 10)).containsExactly('v');
        assertThat(dt.read("empty-property", 10)).isEmpty();
    }

    /** GNU tar lists each folder before what it holds, every owner 0/0, time 1970-01-01 00:00, 0644 and 0755. */
    @Test
    void gnuTarReadsItWithFixedOwnersModesAndTimes() throws IOException {
        Path a = tmp.resolve("root.tar.gz");
        Files.write(a, TarArchiveWriter.gzip(files()));
        List<String> lines = ExternalTool.output("tar", "--numeric-owner", "--utc", "-tvzf", a.toString()).lines()
                .toList();

        List<String> names = new ArrayList<>();
        for (String l : lines) {
            String[] f = l.trim().split("\\s+", 6);
            assertThat(f[1]).as(l).isEqualTo("0/0");
            assertThat(f[3] + " " + f[4]).as(l).isEqualTo("1970-01-01 00:00");
            assertThat(f[0]).as(l).isEqualTo(f[5].endsWith("/") ? "drwxr-xr-x" : "-rw-r--r--");
            names.add(f[5]);
        }
        // every folder is listed before its contents, and the files are the ones written
        for (int i = 0; i < names.size(); i++) {
            String n = names.get(i);
            int slash = n.substring(0, n.length() - 1).lastIndexOf('/');
            if (slash > 0) {
                assertThat(names.subList(0, i)).as(n).contains(n.substring(0, slash + 1));
            }
        }
        assertThat(names.stream().filter(n -> !n.endsWith("/")).toList())
                .containsExactlyInAnyOrderElementsOf(files().keySet());
        ExternalTool.output("tar", "-C", tmp.toString(), "-xzf", a.toString());
        assertThat(Files.readString(tmp.resolve("proc/iomem"))).isEqualTo("40000000-bfffffff : System RAM\n");
        assertThat(Files.readString(tmp.resolve("proc/device-tree/" + "q".repeat(150)))).isEqualTo("w");
    }

    @Test
    void theSameFilesGiveTheSameBytes() {
        SortedMap<String, byte[]> again = new TreeMap<>(files());
        assertThat(TarArchiveWriter.gzip(again)).isEqualTo(TarArchiveWriter.gzip(files()));
        assertThat(TarArchiveWriter.tar(again)).isEqualTo(TarArchiveWriter.tar(files()));
        // a gzip member without a name or time (RFC 1952: FLG 0, MTIME 0)
        byte[] gz = TarArchiveWriter.gzip(files());
        assertThat(gz[3]).isZero();
        assertThat(new byte[] {gz[4], gz[5], gz[6], gz[7]}).containsOnly(0);
    }

    @Test
    void anArchiveItsReaderWouldRefuseIsRefusedHere() {
        SortedMap<String, byte[]> many = new TreeMap<>();
        for (int i = 0; i <= TarArchive.Limits.DEFAULT.maxEntries(); i++) {
            many.put("sys/firmware/memmap/" + i + "/start", new byte[0]);
        }
        InputException e = catchThrowableOfType(InputException.class, () -> TarArchiveWriter.gzip(many));
        assertThat(e.kind()).isEqualTo(InputException.Kind.TOO_LARGE);
        assertThat(e.oneLine()).contains("65536 entries").doesNotContain("\n");
    }

    @Test
    void namesOutsideTheRootAreRefused() {
        for (String bad : List.of("../etc/passwd", "/etc/passwd", "proc/./iomem", "proc//iomem", "proc/")) {
            SortedMap<String, byte[]> f = new TreeMap<>();
            f.put(bad, new byte[1]);
            InputException e = catchThrowableOfType(InputException.class, () -> TarArchiveWriter.tar(f));
            assertThat(e).as(bad).isNotNull();
            assertThat(e.kind()).isEqualTo(InputException.Kind.OUTSIDE_ROOT);
        }
        SortedMap<String, byte[]> clash = new TreeMap<>();
        clash.put("proc/iomem", new byte[1]);
        clash.put("proc/iomem/x", new byte[1]);
        assertThat(catchThrowableOfType(InputException.class, () -> TarArchiveWriter.tar(clash)).kind())
                .isEqualTo(InputException.Kind.BAD_ARCHIVE);
    }
}
