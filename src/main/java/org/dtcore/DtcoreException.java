package org.dtcore;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * Root of the one-exception-per-layer family (STYLE "From libfdt"). Every failure that leaves the
 * library is a subclass that says where it happened (a byte offset or a node path) and what was wrong,
 * so the CLI can print exactly one line for it.
 */
public abstract class DtcoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String where;
    private final Wording wording;
    /** The file being read when this failed, when the layer that threw did not know it ({@link #reading}). */
    private transient volatile Path file;

    /**
     * A failure located nowhere narrower than its input.
     *
     * @param message what was wrong, in the library's words
     */
    protected DtcoreException(String message) {
        this("", message, null);
    }

    /**
     * A failure located nowhere narrower than its input, caused by {@code cause}.
     *
     * @param message what was wrong, in the library's words
     * @param cause   the failure underneath, or null
     */
    protected DtcoreException(String message, Throwable cause) {
        this("", message, cause);
    }

    /**
     * A failure at {@code where}.
     *
     * @param where   a node path, "FILE line 3", a JSON path; null or "" for nowhere narrower
     * @param message what was wrong, in the library's words
     * @param cause   the failure underneath, or null
     */
    protected DtcoreException(String where, String message, Throwable cause) {
        super(message, cause);
        this.where = where == null ? "" : where;
        this.wording = Wording.of(message == null ? getClass().getSimpleName() : message);
    }

    /**
     * A failure at {@code where} whose message names inputs ({@link Given}): {@link #getMessage()} says them
     * in the library's words, {@link #oneLine(Function)} in a front end's.
     *
     * @param where   a node path, "FILE line 3", a JSON path; null or "" for nowhere narrower
     * @param message what was wrong, naming the inputs a caller can give
     * @param cause   the failure underneath, or null
     */
    protected DtcoreException(String where, Wording message, Throwable cause) {
        super(message.toString(), cause);
        this.where = where == null ? "" : where;
        this.wording = message;
    }

    /**
     * The whole failure in the library's words, as a test report shows it: the file being read (when known
     * and not already the location), the location, and what was wrong, e.g.
     * {@code "board.dtb: offset 0x1f4: length 0x7fffffff runs past the structure block"}.
     *
     * @return the file, the location and what was wrong
     */
    @Override
    public String getMessage() {
        String at = location();
        String detail = detail();
        Path f = file;
        String name = f == null ? "" : f.toString();
        String prefix = name.isEmpty() || at.startsWith(name) ? at : at.isEmpty() ? name : name + ": " + at;
        return prefix.isEmpty() ? detail : prefix + ": " + detail;
    }

    /**
     * What was wrong, in the library's words, without the file or location ({@link #getMessage()} adds them).
     *
     * @return the bare message
     */
    public String detail() {
        return wording.toString();
    }

    /**
     * Records that this failure happened while reading {@code source}, so {@link #getMessage()} names it (a
     * blob's parser knows offsets, not the file's name). The first file recorded stays.
     *
     * @param source the file or folder being read
     * @return this exception
     */
    public DtcoreException reading(Path source) {
        if (file == null && source != null) {
            file = source;
        }
        return this;
    }

    /**
     * The file being read when this failed, when one was recorded ({@link #reading}).
     *
     * @return the file, or empty
     */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /**
     * The message with the inputs it names left for the reader to spell ({@link Wording#render}).
     *
     * @return the message as a wording
     */
    public Wording wording() {
        return wording;
    }

    /**
     * Where the failure is.
     *
     * @return "offset 0x1f4", "/memory@0", "line 3", or "" when nothing narrower applies
     */
    public String location() {
        return where;
    }

    /**
     * The one-line form the CLI prints after the file name: "offset 0x1f4: length ... runs past ...".
     * Node names, folder entries and input lines may hold control characters (a newline in an FDT node
     * name is legal), so those are escaped ({@link TerminalText#escape}): the result never spans lines.
     *
     * @return the location and the message on one line
     */
    public String oneLine() {
        return oneLine(Given::words);
    }

    /**
     * As {@link #oneLine()}, each input the message names spelt by {@code names} (the CLI: its flags).
     *
     * @param names how the caller spells each input
     * @return the location and the message on one line
     */
    public String oneLine(Function<Given, String> names) {
        String where = location();
        String msg = wording.render(names);
        return TerminalText.escape(where.isEmpty() ? msg : where + ": " + msg);
    }
}
