package org.dtcore.context;

/**
 * The kernel image mapping for the kernel-map PT_LOAD (SPEC §9): virtual {@code _text}, physical
 * {@code _text}, and {@code _end − _text}.
 *
 * @param vaddr the kernel-map virtual address of {@code _text}
 * @param paddr the physical address {@code _text} was loaded at
 * @param size  {@code _end − _text}, in bytes
 */

public record KernelText(long vaddr, long paddr, long size) {
}
