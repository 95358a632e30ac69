package org.dtcore.kdump;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.dtcore.DtcoreException;

/** Reading one input file: every failure becomes a {@link KdumpException} that names the file. */
final class SourceFile {
    private SourceFile() {
    }

    interface Work<T> {
        T run() throws IOException;
    }

    static <T> T read(Path file, Work<T> work) {
        return read(file.toString(), work);
    }

    /** As above, the file named as messages name it ({@code ARCHIVE:ENTRY} inside an archive). */
    static <T> T read(String file, Work<T> work) {
        try {
            return work.run();
        } catch (KdumpException e) {
            throw e;
        } catch (DtcoreException e) {
            throw KdumpException.in(file, e);
        } catch (NoSuchFileException e) {
            throw new KdumpException(KdumpException.Kind.INPUT, file, "no such file", e);
        } catch (IOException e) {
            throw new KdumpException(KdumpException.Kind.INPUT, file, "cannot read: " + e.getMessage(), e);
        }
    }
}
