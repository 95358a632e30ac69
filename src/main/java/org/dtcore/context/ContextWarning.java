package org.dtcore.context;

import java.util.List;
import org.dtcore.Wording;

/**
 * One thing a context source noticed or a default relied on, with the header field it concerns, so a
 * consumer that does not use that field (kexec-tools mode, SPEC §9) can leave it out without reading the text.
 *
 * @param kind    what the warning is about
 * @param wording the line shown to the user, naming what would override the default ({@link Wording})
 */
public record ContextWarning(Kind kind, Wording wording) {
    /** The part of the core header a warning concerns. */
    public enum Kind {
        /** Anything every header built from this context uses (CPU notes, vmcoreinfo, page size). */
        GENERAL,
        /** The linear map (PAGE_OFFSET, PHYS_OFFSET, phys_ram_base, VA_BITS): the kernel's PT_LOAD vaddrs. */
        LINEAR_MAP,
        /** The kernel-text PT_LOAD. */
        KERNEL_TEXT,
        /** The ELF header's e_flags. */
        E_FLAGS
    }

    /**
     * A warning; neither part may be null.
     *
     * @param kind    what the warning is about
     * @param wording the line shown to the user
     * @throws IllegalArgumentException when either is null
     */
    public ContextWarning {
        if (kind == null || wording == null) {
            throw new IllegalArgumentException("a context warning needs a kind and a text");
        }
    }

    /**
     * A warning whose text names no input.
     *
     * @param kind what the warning is about
     * @param text the line shown to the user
     */
    public ContextWarning(Kind kind, String text) {
        this(kind, Wording.of(text));
    }

    /**
     * A warning that concerns every header built from the context ({@link Kind#GENERAL}).
     *
     * @param text the line shown to the user
     * @return the warning
     */
    public static ContextWarning general(String text) {
        return new ContextWarning(Kind.GENERAL, text);
    }

    /**
     * As {@link #general(String)}, the text naming inputs that would override the default.
     *
     * @param text the line shown to the user
     * @return the warning
     */
    public static ContextWarning general(Wording text) {
        return new ContextWarning(Kind.GENERAL, text);
    }

    /**
     * The line in the library's words.
     *
     * @return the text, naming inputs as the library names them (the CLI may add its flags)
     */

    public String text() {
        return wording.toString();
    }

    /** The texts of {@code warnings}, in order. */
    static List<String> texts(List<ContextWarning> warnings) {
        return warnings.stream().map(ContextWarning::text).toList();
    }
}
