package org.dtcore.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every read is bounded, whatever the file is, and nothing that could block is opened. */
class InputFileTest {
    @TempDir
    Path dir;

    static Path fifo(Path dir) throws Exception {
        Path fifo = dir.resolve("fifo");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        return fifo;
    }

    private static InputException.Kind kindOf(Runnable r) {
        try {
            r.run();
        } catch (InputException e) {
            return e.kind();
        }
        throw new AssertionError("no InputException");
    }

    @Test
    void aFifoIsRefusedWithoutOpeningIt() throws Exception {
        // opening a FIFO with no writer blocks forever: a reader that opened it first would hang here
        Path fifo = fifo(dir);
        assertThatThrownBy(() -> InputFile.read(fifo, 100)).isInstanceOfSatisfying(InputException.class, e -> {
            assertThat(e.kind()).isEqualTo(InputException.Kind.NOT_REGULAR);
            assertThat(e.oneLine()).isEqualTo(fifo + ": is a FIFO, not a regular file; refusing to open it"
                    + " (it could block or never end)");
        });
        assertThat(kindOf(() -> InputFile.head(fifo, 4))).isEqualTo(InputException.Kind.NOT_REGULAR);
        assertThat(kindOf(() -> InputFile.lines(fifo, 100, 10))).isEqualTo(InputException.Kind.NOT_REGULAR);
    }

    @Test
    void anEndlessDeviceIsRefused() {
        assertThatThrownBy(() -> InputFile.read(Path.of("/dev/zero"), 100))
                .hasMessageContaining("is a character device, not a regular file");
    }

    @Test
    void aFolderAndANameThatIsNotThereAreEachOneKind() throws IOException {
        assertThat(kindOf(() -> InputFile.read(dir, 1))).isEqualTo(InputException.Kind.FOLDER);
        assertThat(kindOf(() -> InputFile.read(dir.resolve("nothing"), 1))).isEqualTo(InputException.Kind.NO_SUCH_FILE);
        assertThat(InputFile.readIfPresent(dir.resolve("nothing"), 1)).isEmpty();
    }

    @Test
    void aRegularFileOverItsCapIsRefusedAfterCapPlusOneBytes() throws IOException {
        Path f = Files.write(dir.resolve("f"), new byte[1025]);
        assertThat(InputFile.read(f, 1025)).hasSize(1025);
        assertThatThrownBy(() -> InputFile.read(f, 1024)).isInstanceOfSatisfying(InputException.class,
                e -> assertThat(e.oneLine()).isEqualTo(f + ": larger than 1 KiB; refusing to read more"));
        assertThat(InputFile.head(f, 4)).hasSize(4);
    }

    @Test
    void aStreamIsReadWithTheSameCap() {
        // an endless stream: counts what was taken from it
        InputStream endless = new InputStream() {
            long served;

            @Override
            public int read() {
                served++;
                return 0;
            }
        };
        assertThatThrownBy(() -> InputFile.read(endless, "-", 4096))
                .isInstanceOfSatisfying(InputException.class, e -> assertThat(e.kind())
                        .isEqualTo(InputException.Kind.TOO_LARGE));
        assertThat(InputFile.read(new ByteArrayInputStream(new byte[10]), "-", 10)).hasSize(10);
    }

    @Test
    void aLineWithoutEndIsRefusedAtTheLineCapNotAtTheEndOfTheFile() throws IOException {
        // 2 GiB without a newline, sparse: a reader without a line cap would build one 2 GiB line
        Path big = dir.resolve("no-newline");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(2L << 30);
        }
        try (InputLines lines = InputFile.lines(big, Long.MAX_VALUE, 4096)) {
            assertThatThrownBy(lines::next).isInstanceOfSatisfying(InputException.class, e -> {
                assertThat(e.kind()).isEqualTo(InputException.Kind.LINE_TOO_LONG);
                assertThat(e.location()).isEqualTo(big + " line 1");
            });
        }
    }

    @Test
    void linesCountAndCapTheWhole() throws IOException {
        Path f = Files.writeString(dir.resolve("t"), "a\nbb\n\nccc");
        try (InputLines lines = InputFile.lines(f, 100, 10)) {
            assertThat(lines.next()).contains("a");
            assertThat(lines.next()).contains("bb");
            assertThat(lines.next()).contains("");
            assertThat(lines.next()).contains("ccc");
            assertThat(lines.number()).isEqualTo(4);
            assertThat(lines.next()).isEmpty();
        }
        try (InputLines lines = InputFile.lines(f, 5, 10)) {
            assertThat(lines.next()).contains("a");
            assertThat(lines.next()).contains("bb"); // byte 5, the last one allowed
            assertThatThrownBy(() -> lines.next()).isInstanceOfSatisfying(InputException.class,
                    e -> assertThat(e.kind()).isEqualTo(InputException.Kind.TOO_LARGE));
        }
    }

    @Test
    void aLinkOutOfTheRootIsNotFollowed() throws IOException {
        Path root = Files.createDirectory(dir.resolve("root"));
        Path secret = Files.writeString(dir.resolve("secret"), "root:x:0:0");
        Files.createDirectories(root.resolve("proc"));
        Files.createSymbolicLink(root.resolve("proc/iomem"), secret);
        Files.createSymbolicLink(root.resolve("sys"), dir);
        Files.writeString(root.resolve("proc/cmdline"), "console=ttyS0");
        assertThatThrownBy(() -> InputFile.within(root, root.resolve("proc/iomem")))
                .isInstanceOfSatisfying(InputException.class, e -> {
                    assertThat(e.kind()).isEqualTo(InputException.Kind.OUTSIDE_ROOT);
                    assertThat(e.oneLine()).doesNotContain("root:x");
                });
        // through a linked folder, even to a file that is not there
        assertThat(kindOf(() -> InputFile.within(root, root.resolve("sys/kernel/vmcoreinfo"))))
                .isEqualTo(InputException.Kind.OUTSIDE_ROOT);
        assertThat(InputFile.within(root, root.resolve("proc/cmdline"))).isEqualTo(root.resolve("proc/cmdline"));
        assertThat(InputFile.within(root, root.resolve("proc/missing"))).isEqualTo(root.resolve("proc/missing"));
    }

    /**
     * A failure says why in words, never with the path a FileSystemException's message is made of: that
     * may be a temporary file or a folder the user did not name ("cannot list: /x/y" said nothing).
     */
    @Test
    void aReasonNamesNoPath() {
        assertThat(InputFile.reason(new java.nio.file.AccessDeniedException("/x/y"))).isEqualTo("permission denied");
        assertThat(InputFile.reason(new java.nio.file.NoSuchFileException("/x/y"))).isEqualTo("no such file or folder");
        assertThat(InputFile.reason(new java.nio.file.NotDirectoryException("/x/y"))).isEqualTo("not a folder");
        assertThat(InputFile.reason(new java.nio.file.FileSystemException("/x/y", null, "Read-only file system")))
                .isEqualTo("Read-only file system");
        assertThat(InputFile.reason(new java.nio.file.FileSystemException("/x/y/.z.1.tmp"))).doesNotContain("/x/y");
    }

    /** A link that leads nowhere is told apart from one that loops, whatever the system calls them. */
    @Test
    void brokenLinksAreToldApart() throws IOException {
        Path self = Files.createSymbolicLink(dir.resolve("self"), dir.resolve("self"));
        Path a = Files.createSymbolicLink(dir.resolve("a"), dir.resolve("b"));
        Files.createSymbolicLink(dir.resolve("b"), dir.resolve("a"));
        Path dangling = Files.createSymbolicLink(dir.resolve("dangling"), dir.resolve("nowhere"));
        Path through = Files.createSymbolicLink(dir.resolve("through"), self.resolve("x"));
        Path file = Files.writeString(dir.resolve("file"), "x");
        Path toFile = Files.createSymbolicLink(dir.resolve("to-file"), file);
        assertThat(InputFile.brokenLink(self)).contains("a symbolic link loop");
        assertThat(InputFile.brokenLink(a)).contains("a symbolic link loop");
        assertThat(InputFile.brokenLink(through)).contains("a symbolic link loop");
        assertThat(InputFile.brokenLink(dangling)).contains("a symbolic link to nothing");
        assertThat(InputFile.brokenLink(file)).isEmpty();
        assertThat(InputFile.brokenLink(toFile)).isEmpty();
        assertThat(InputFile.brokenLink(dir.resolve("missing"))).isEmpty();
    }
}
