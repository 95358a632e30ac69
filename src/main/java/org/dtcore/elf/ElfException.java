package org.dtcore.elf;

import org.dtcore.DtcoreException;
import org.dtcore.text.Numbers;

/**
 * A core header that cannot be built (too many program headers, a value that does not fit the chosen
 * class) or bytes that are not a readable core header. Read failures carry the byte offset of the field
 * at fault, so the CLI prints "offset 0x40: ...".
 */
public final class ElfException extends DtcoreException {
    private static final long serialVersionUID = 1L;

    /** Named failures, one per way a header can be wrong. */
    public enum Kind {
        /** fewer bytes than the header or its program header table claims */
        TRUNCATED,
        /** e_ident does not start with 0x7f 'E' 'L' 'F' */
        BAD_MAGIC,
        /** EI_CLASS is neither ELFCLASS32 nor ELFCLASS64 */
        BAD_CLASS,
        /** EI_DATA is neither ELFDATA2LSB nor ELFDATA2MSB */
        BAD_DATA,
        /** EI_VERSION or e_version is not EV_CURRENT */
        BAD_VERSION,
        /** e_ehsize, e_phentsize, e_shentsize or a table placement is inconsistent */
        BAD_LAYOUT,
        /** more program headers than e_phnum can count (SPEC §9) */
        TOO_MANY_HEADERS,
        /** a value that does not fit its field (ELF32 fields are 32 bits wide) */
        VALUE_TOO_WIDE,
        /** a well-formed ELF file that /proc/vmcore would refuse (SPEC §9: not ET_CORE, not ELF64, no headers) */
        NOT_VMCORE,
        /** a builder input that cannot be used (missing kernel text, bad alignment) */
        BAD_INPUT
    }

    private final Kind kind;
    private final long offset;

    private ElfException(Kind kind, long offset, String message) {
        super(message);
        this.kind = kind;
        this.offset = offset;
    }

    /**
     * A failure located in the bytes of the header being read.
     *
     * @param kind    what is wrong
     * @param offset  the byte offset of the field at fault
     * @param message what is wrong with it, with the value found
     * @return the exception, for the caller to throw
     */
    public static ElfException at(Kind kind, long offset, String message) {
        return new ElfException(kind, offset, message);
    }

    /**
     * A failure of the builder's inputs, with no byte offset.
     *
     * @param kind    what is wrong
     * @param message what is wrong, in the library's words
     * @return the exception, for the caller to throw
     */
    public static ElfException of(Kind kind, String message) {
        return new ElfException(kind, -1, message);
    }

    /**
     * What went wrong, for callers that act on the kind rather than the text.
     *
     * @return the failure's kind
     */
    public Kind kind() {
        return kind;
    }

    /**
     * Where in the header the failure is.
     *
     * @return the byte offset of the field at fault; -1 when the failure is not located in bytes
     */

    public long offset() {
        return offset;
    }

    @Override
    public String location() {
        return offset >= 0 ? "offset " + Numbers.hex(offset) : "";
    }
}
