package org.dtcore.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.dtcore.testing.TarWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A system root packed in a tar or tar.gz archive: read directly, bounded, and kept inside itself. Each
 * hostile archive is refused in one line that names the archive and the entry, before anything in it is read.
 */
class SystemRootArchiveTest {
    private static final String SECRET = "root:x:0:0:root:/root:/bin/bash";

    @TempDir
    Path tmp;

    private Path archive(String name, Consumer<TarWriter> entries) {
        Path file = tmp.resolve(name);
        try (TarWriter w = name.endsWith(".gz") ? TarWriter.gzip(file) : TarWriter.plain(file)) {
            entries.accept(w);
        }
        return file;
    }

    /** The one line a refused archive gives; it names the archive, and the entry when there is one. */
    private static String refused(Path archive) {
        InputException e = catchThrowableOfType(InputException.class, () -> SystemRoot.of(archive));
        assertThat(e).as("refused").isNotNull();
        String line = e.oneLine();
        assertThat(line).startsWith(archive.toString()).doesNotContain("\n").doesNotContain(SECRET);
        return line;
    }

    @Test
    void filesAreReadFromTheArchiveAsFromAFolder() {
        Path a = archive("root.tar.gz", w -> w.folder("proc").file("proc/iomem", "40000000-bfffffff : System RAM\n")
                .file("sys/devices/system/cpu/cpu0/crash_notes", "bfbbd000\n")
                .file("sys/devices/system/cpu/cpu10/crash_notes", "bfbcd000\n")
                .folder("sys/devices/system/cpu/cpufreq")
                .file("proc/sys/kernel/osrelease", "6.12.117-kt\n"));

        SystemRoot r = SystemRoot.of(a);

        assertThat(r.isArchive()).isTrue();
        assertThat(r.text(RootFile.IOMEM)).contains("40000000-bfffffff : System RAM\n");
        assertThat(r.text(RootFile.OSRELEASE)).contains("6.12.117-kt\n");
        assertThat(r.text(RootFile.VMCOREINFO)).isEmpty();
        assertThat(r.instances(RootFile.CRASH_NOTES)).containsExactly("0", "10");
        assertThat(r.where(RootFile.IOMEM)).isEqualTo(a + ":proc/iomem");
    }

    @Test
    void aPlainTarIsReadToo() {
        Path a = archive("root.tar", w -> w.file("proc/iomem", "40000000-bfffffff : System RAM\n"));

        assertThat(SystemRoot.of(a).text(RootFile.IOMEM)).contains("40000000-bfffffff : System RAM\n");
    }

    @Test
    void aLinkInsideTheArchiveIsFollowedInsideIt() {
        // /proc/device-tree is a link to /sys/firmware/devicetree/base on Linux; here a relative one
        Path a = archive("root.tar.gz", w -> w
                .file("sys/firmware/devicetree/base/chosen/linux,crashkernel-base", new byte[] {0, 0, 0, 0, 0x20, 0, 0, 0})
                .symlink("proc/device-tree", "../sys/firmware/devicetree/base")
                .file("proc/iomem.real", "40000000-bfffffff : System RAM\n")
                .symlink("proc/iomem", "iomem.real")
                .hardLink("proc/sys/kernel/osrelease", "proc/iomem.real"));

        SystemRoot r = SystemRoot.of(a);

        assertThat(r.text(RootFile.IOMEM)).contains("40000000-bfffffff : System RAM\n");
        assertThat(r.text(RootFile.OSRELEASE)).contains("40000000-bfffffff : System RAM\n");
        assertThat(r.bytes(RootFile.CRASHKERNEL_BASE)).hasValueSatisfying(b -> assertThat(b).hasSize(8));
        assertThat(r.folder(RootFile.DEVICE_TREE)).hasValueSatisfying(f ->
                assertThat(f.entries()).extracting(InputFolder.Entry::name).containsExactly("chosen"));
    }

    @Test
    void aDotSlashPrefixAsTarWritesItIsTheRoot() {
        Path a = archive("root.tar.gz", w -> w.folder("./").folder("./proc").file("./proc/iomem", "x"));

        assertThat(SystemRoot.of(a).text(RootFile.IOMEM)).contains("x");
    }

    @Test
    void aNameThatClimbsOutIsRefused() {
        Path a = archive("climb.tar.gz", w -> w.file("proc/iomem", "x").file("../../etc/cron.d/evil", "x"));

        assertThat(refused(a)).isEqualTo(a + ":../../etc/cron.d/evil: a name with '..' climbs out of the archive's"
                + " root; refused");
    }

    @Test
    void anAbsoluteNameIsRefused() {
        Path a = archive("absolute.tar.gz", w -> w.file("/etc/passwd", SECRET));

        assertThat(refused(a)).isEqualTo(a + ":/etc/passwd: an absolute name lies outside the archive's root;"
                + " refused");
    }

    @Test
    void aLinkToAnAbsolutePathIsRefusedNeverFollowed() {
        Path a = archive("symlink.tar.gz", w -> w.symlink("proc/iomem", "/etc/passwd"));

        assertThat(refused(a)).isEqualTo(a + ":proc/iomem: a link to an absolute path leads out of the archive's"
                + " root; refused, not followed");
    }

    @Test
    void aLinkThatClimbsAboveTheRootIsRefused() {
        Path a = archive("symlink-up.tar.gz", w -> w.symlink("proc/iomem", "../../etc/passwd"));

        assertThat(refused(a)).isEqualTo(a + ":proc/iomem: a link that climbs out of the archive's root; refused,"
                + " not followed");
    }

    @Test
    void aHardLinkOutIsRefused() {
        Path up = archive("hard-up.tar.gz", w -> w.hardLink("proc/iomem", "../etc/passwd"));
        Path abs = archive("hard-abs.tar.gz", w -> w.hardLink("proc/iomem", "/etc/passwd"));
        Path missing = archive("hard-missing.tar.gz", w -> w.hardLink("proc/iomem", "etc/passwd"));

        assertThat(refused(up)).isEqualTo(up + ":proc/iomem: a hard link with '..' leads out of the archive's root;"
                + " refused");
        assertThat(refused(abs)).isEqualTo(abs + ":proc/iomem: a hard link to an absolute name leads out of the"
                + " archive's root; refused");
        assertThat(refused(missing)).isEqualTo(missing + ":proc/iomem: a hard link to something that is not an"
                + " earlier file of the archive; refused");
    }

    @Test
    void aHugeDeclaredSizeIsRefusedBeforeAnythingIsRead() {
        // the header says 8 GiB (GNU base-256) for a file dtcore reads: over its cap
        Path declared = archive("huge.tar.gz", w -> w.entry('0', "proc/iomem", "", 8L << 30, new byte[0]));
        // and 1 TiB for one it does not: over what the whole archive may hold
        Path other = archive("huge-other.tar.gz", w -> w.entry('0', "var/log/big", "", 1L << 40, new byte[0]));

        assertThat(refused(declared)).isEqualTo(declared + ":proc/iomem: declares 8589934592 bytes, over the 16 MiB"
                + " dtcore reads of it; refused");
        assertThat(refused(other)).isEqualTo(other + ":var/log/big: the archive would hold more than 256 MiB once"
                + " uncompressed; refused");
    }

    @Test
    void aGzipBombIsRefusedInOneLine() {
        // 300 MiB of zeros in 30 files no one reads: about a MiB compressed
        Path a = archive("bomb.tar.gz", w -> {
            for (int i = 0; i < 30; i++) {
                w.zeros("junk/" + i, 10L << 20);
            }
        });
        assertThat(a.toFile().length()).isLessThan(2 << 20);

        assertThat(refused(a)).matches(java.util.regex.Pattern.quote(a + ":junk/") + "\\d+"
                + java.util.regex.Pattern.quote(": the archive would hold more than 256 MiB once uncompressed;"
                + " refused"));
    }

    @Test
    void aTruncatedGzipIsRefusedNamingTheEntryItEndsIn() throws IOException {
        Path a = archive("cut.tar.gz", w -> w.file("proc/kallsyms", random(200_000)));
        try (RandomAccessFile f = new RandomAccessFile(a.toFile(), "rw")) {
            f.setLength(f.length() / 2);
        }

        assertThat(refused(a)).isEqualTo(a + ":proc/kallsyms: truncated: the archive ends inside this entry");
    }

    @Test
    void tooManyEntriesAreRefusedAtTheFirstOneOver() {
        Path a = archive("many.tar.gz", w -> {
            for (int i = 0; i < 100_000; i++) {
                w.folder("d/" + i);
            }
        });

        assertThat(refused(a)).isEqualTo(a + ":d/65536: more than 65536 entries; refused");
    }

    @Test
    void whatIsNotATarIsRefused() throws IOException {
        Path text = Files.writeString(tmp.resolve("notes.txt"), "not an archive\n");
        Path zip = Files.write(tmp.resolve("root.zip"), new byte[] {'P', 'K', 3, 4, 0, 0});

        assertThat(refused(text)).isEqualTo(text + ": system root is neither a folder nor a tar or tar.gz archive");
        assertThat(refused(zip)).isEqualTo(zip + ": system root is neither a folder nor a tar or tar.gz archive");
    }

    @Test
    void aCorruptHeaderOrAnEntryTypeDtcoreDoesNotReadIsRefused() throws IOException {
        Path sparse = archive("sparse.tar", w -> w.file("proc/iomem", "x").entry('S', "proc/kallsyms", "", 0,
                new byte[0]));
        assertThat(refused(sparse)).isEqualTo(sparse + ":proc/kallsyms: an entry of type 'S', which dtcore does not"
                + " read (sparse or vendor-specific); refused");

        Path corrupt = archive("corrupt.tar", w -> w.file("proc/iomem", "x").file("proc/cmdline", "y"));
        byte[] b = Files.readAllBytes(corrupt);
        b[1024 + 10] ^= 1; // the second header's name, which its checksum no longer matches
        Files.write(corrupt, b);
        assertThat(refused(corrupt)).isEqualTo(corrupt + ": not a tar archive: the header of entry 2 fails its"
                + " checksum");
    }

    @Test
    void aFileOverItsCapIsRefusedWhenReadThroughALink() {
        // a file no one reads is kept only up to an attribute's size; a link from a declared name to a bigger
        // one reads as too large, as the folder does
        Path a = archive("link-big.tar.gz", w -> w.file("data/big", new byte[100_000])
                .symlink("sys/kernel/vmcoreinfo", "../../data/big"));

        InputException e = catchThrowableOfType(InputException.class,
                () -> SystemRoot.of(a).text(RootFile.VMCOREINFO));
        assertThat(e.kind()).isEqualTo(InputException.Kind.TOO_LARGE);
        assertThat(e.oneLine()).isEqualTo(a + ":sys/kernel/vmcoreinfo: larger than 64 KiB; refusing to read more");
    }

    @Test
    void aLongNameInAPaxHeaderIsRead() {
        String deep = "proc/device-tree/" + "node@0/".repeat(20) + "reg";
        Path a = archive("pax.tar.gz", w -> w.file(deep, new byte[] {1, 2, 3, 4}));

        SystemRoot r = SystemRoot.of(a);
        InputFolder f = r.folder(RootFile.DEVICE_TREE).orElseThrow();
        for (int i = 0; i < 20; i++) {
            f = f.folder("node@0");
        }
        assertThat(f.read("reg", 16)).containsExactly(1, 2, 3, 4);
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new java.util.Random(17).nextBytes(b);
        return b;
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
