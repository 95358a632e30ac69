package org.dtcore.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.dtcore.memory.MemoryRange;
import org.junit.jupiter.api.Test;

/**
 * e820__update_table() (arch/x86/kernel/e820.c), the capture kernel's view of its boot parameters: the
 * expected tables are worked out by hand from its change-point rules.
 */
class E820TableTest {
    private static E820Entry e(long start, long end, E820Type t) {
        return new E820Entry(new MemoryRange(start, end), t);
    }

    @Test
    void sortsAndJoinsTouchingEntriesOfOneType() {
        List<E820Entry> in = List.of(e(0x10_0000, 0x1f_ffff, E820Type.RAM), e(0, 0xfff, E820Type.RESERVED),
                e(0x20_0000, 0x2f_ffff, E820Type.RAM), e(0x1000, 0x9ffff, E820Type.RAM));

        assertThat(E820Table.sanitize(in)).containsExactly(e(0, 0xfff, E820Type.RESERVED),
                e(0x1000, 0x9ffff, E820Type.RAM), e(0x10_0000, 0x2f_ffff, E820Type.RAM));
    }

    @Test
    void theLargerTypeWinsAnOverlap() {
        // RAM [0, 0xffff] under ACPI [0x4000, 0x7fff]: ACPI (3) beats RAM (1), RAM either side
        List<E820Entry> in = List.of(e(0, 0xffff, E820Type.RAM), e(0x4000, 0x7fff, E820Type.ACPI));

        assertThat(E820Table.sanitize(in)).containsExactly(e(0, 0x3fff, E820Type.RAM), e(0x4000, 0x7fff, E820Type.ACPI),
                e(0x8000, 0xffff, E820Type.RAM));
    }

    @Test
    void persistentMemoryIsNeverJoined() {
        // e820_nomerge(): touching PRAM ranges stay apart, touching RAM does not
        List<E820Entry> in = List.of(e(0x1000, 0x1fff, E820Type.PRAM), e(0x2000, 0x2fff, E820Type.PRAM),
                e(0x3000, 0x3fff, E820Type.RAM), e(0x4000, 0x4fff, E820Type.RAM));

        assertThat(E820Table.sanitize(in)).containsExactly(e(0x1000, 0x1fff, E820Type.PRAM),
                e(0x2000, 0x2fff, E820Type.PRAM), e(0x3000, 0x4fff, E820Type.RAM));
    }

    @Test
    void oneEntryOrAnEntryEndingAtTheTopIsLeftAsItIs() {
        List<E820Entry> one = List.of(e(0x1000, 0x1fff, E820Type.RAM));
        List<E820Entry> top = List.of(e(0x2000, -1L, E820Type.RESERVED), e(0x1000, 0x1fff, E820Type.RAM));

        assertThat(E820Table.sanitize(one)).isEqualTo(one);
        assertThat(E820Table.sanitize(top)).isEqualTo(top);
    }

    @Test
    void typeNamesAreTheKernels() {
        // e820_type_to_string()
        assertThat(E820Type.ofText("ACPI Non-volatile Storage")).contains(E820Type.NVS);
        assertThat(E820Type.ofText("Persistent Memory (legacy)")).contains(E820Type.PRAM);
        assertThat(E820Type.ofText("reserved")).isEmpty();
        assertThat(e(0x9fc00, 0x9ffff, E820Type.RESERVED).line()).isEqualTo("0x9fc00 0x9ffff Reserved");
    }
}
