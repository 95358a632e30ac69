package org.dtcore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dtcore diff}: memory sources and core headers. */
class DiffCommandTest {
    static final Path SAMPLES = CheckCommandTest.SAMPLES;

    @Test
    void sameBoardIsEqual() {
        String a = SAMPLES.resolve("reserved-memory.dtb").toString();
        CliRun r = CliRun.of("diff", a, a);
        assertThat(r.status()).isZero();
        assertThat(r.out()).startsWith("no differences");
    }

    @Test
    void grownRamIsReportedAsAppeared() {
        CliRun r = CliRun.of("diff", SAMPLES.resolve("qemu-arm64-virt-2g.dtb").toString(),
                SAMPLES.resolve("qemu-arm64-virt-highmem.dtb").toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.out()).contains("DIFF ram: appeared 4 GiB (only in B: 0x00000000c0000000-0x00000001bfffffff)")
                .contains("! 0x0000000040000000-0x00000000bfffffff (2 GiB)");
    }

    @Test
    void numaAndReservedChangesAreShown() {
        CliRun r = CliRun.of("diff", SAMPLES.resolve("reserved-memory.dtb").toString(),
                SAMPLES.resolve("reserved-memory-no-ranges.dtb").toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.out()).contains("DIFF reserved: 6 regions only in A; 6 in A, 0 in B")
                .contains("< 0x000000004e000000-0x000000004e1fffff").contains("DIFF dynamic")
                .contains("5 of 5 sections differ")
                // diff compares two boards, it checks neither
                .doesNotContain("FAIL");
    }

    @Test
    void coreHeadersAreComparedByTheirLoads(@TempDir Path tmp) throws IOException {
        Path a = tmp.resolve("a.elf");
        Path b = tmp.resolve("b.elf");
        Files.write(a, header(0x40000000L, 0x80000000L));
        Files.write(b, header(0x40000000L, 0x40000000L));
        assertThat(CliRun.of("diff", a.toString(), a.toString()).status()).isZero();
        CliRun r = CliRun.of("diff", a.toString(), b.toString());
        assertThat(r.status()).isEqualTo(1);
        // paired by physical address: one PT_LOAD whose sizes changed, and the memory only A's dump covers
        assertThat(unwrapped(r.out())).contains("DIFF loads: 1 PT_LOAD changed; 1 in A, 1 in B: at paddr 0x40000000"
                + " (p_filesz, p_memsz); memory only in A: 0x0000000080000000-0x00000000bfffffff");
    }

    /**
     * Two headers whose PT_LOADs cover the same memory but differ in one segment (its virtual address) said
     * "memory only in A: (none); only in B: (none)": the segment and its field are named now.
     */
    @Test
    void aSegmentThatMovedInVirtualMemoryIsNamed(@TempDir Path tmp) throws IOException {
        Path a = tmp.resolve("a.elf");
        Path b = tmp.resolve("b.elf");
        Files.write(a, header(0x40000000L, 0x40000000L, 0xffff000000000000L));
        Files.write(b, header(0x40000000L, 0x40000000L, 0xffff800000000000L));

        CliRun r = CliRun.of("diff", a.toString(), b.toString());

        assertThat(r.status()).isEqualTo(1);
        assertThat(unwrapped(r.out())).contains("DIFF loads: 1 PT_LOAD changed; 1 in A, 1 in B: at paddr 0x40000000"
                        + " (p_vaddr); both dumps cover the same memory")
                .contains("vaddr 0xffff000040000000").contains("vaddr 0xffff800040000000")
                .doesNotContain("(none)", "FAIL");
    }

    @Test
    void aHeaderAndABoardAreBadInput(@TempDir Path tmp) throws IOException {
        Path a = tmp.resolve("a.elf");
        Files.write(a, header(0x40000000L, 0x1000));
        CliRun r = CliRun.of("diff", a.toString(), SAMPLES.resolve("qemu-arm64-virt-2g.dtb").toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("is not an ELF core header");
    }

    /** A report's status lines as one line each: lines that hang under one (five spaces in) joined back. */
    static String unwrapped(String report) {
        return report.replace("\n     ", " ");
    }

    /** A minimal ELF64 LSB ET_CORE header with one PT_LOAD (SPEC §9 layout), linear map at 0xffff000000000000. */
    static byte[] header(long paddr, long size) {
        return header(paddr, size, 0xffff000000000000L);
    }

    /** The same with the linear map at {@code linearBase}: the PT_LOAD's vaddr is linearBase + paddr. */
    static byte[] header(long paddr, long size, long linearBase) {
        ByteBuffer b = ByteBuffer.allocate(64 + 56).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0});
        b.position(16);
        b.putShort((short) 4).putShort((short) 183).putInt(1).putLong(0).putLong(64).putLong(0).putInt(0)
                .putShort((short) 64).putShort((short) 56).putShort((short) 1).putShort((short) 0)
                .putShort((short) 0).putShort((short) 0);
        b.putInt(1).putInt(7).putLong(paddr).putLong(linearBase + paddr).putLong(paddr).putLong(size)
                .putLong(size).putLong(0);
        return b.array();
    }
}
