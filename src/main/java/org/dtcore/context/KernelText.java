package org.dtcore.context;

/**
 * The kernel image mapping for the kernel-map PT_LOAD (SPEC §9): virtual {@code _text}, physical
 * {@code _text}, and {@code _end − _text}.
 */
public record KernelText(long vaddr, long paddr, long size) {
}
