package org.dtcore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dtcore.capture.CaptureRequest;
import org.dtcore.capture.CaptureTruthCase;
import org.dtcore.memory.Arch;
import org.dtcore.memory.MemoryRange;
import org.dtcore.testing.ExternalTool;
import org.dtcore.fdt.FdtParser;
import org.dtcore.fdt.FdtWriter;
import org.dtcore.testing.KernelTruthSysroot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code dtcore capture-dtb} in process on the three recorded kernels (SPEC §11, §12): the written blob,
 * read back by dtc and fdtget, is the tree the real capture kernel received.
 */
class CaptureDtbCommandTest {
    @TempDir
    Path tmp;

    static List<CaptureTruthCase> cases() {
        return CaptureTruthCase.all();
    }

    /** Every input explicit, as a user copying them off a running system would give them. */
    private List<String> explicitArgs(CaptureTruthCase c, Path out) {
        CaptureRequest r = c.request();
        List<String> args = new ArrayList<>(List.of("capture-dtb", c.booted().toString(), "--arch", c.arch().cliName(),
                "--elfcorehdr", hex(r.elfCoreHeader().start()) + "," + r.elfCoreHeader().size(),
                "--initrd", hex(r.initrd().orElseThrow().start()) + "," + hex(r.initrd().orElseThrow().size()),
                "--bootargs", r.bootargs().orElseThrow(), "--kernel-version", c.release(), "-o", out.toString()));
        for (MemoryRange ck : r.crashKernels()) {
            args.addAll(List.of("--crashkernel", Long.toHexString(ck.start()) + "-" + Long.toHexString(ck.end())));
        }
        r.backupStart().ifPresent(b -> args.addAll(List.of("--backup-region-offset", hex(b))));
        return args;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void explicitInputsGiveTheKernelsTree(CaptureTruthCase c) {
        Path out = tmp.resolve("capture.dtb");
        CliRun run = CliRun.of(explicitArgs(c, out).toArray(String[]::new));
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("elfcorehdr 0x" + Long.toHexString(c.request().elfCoreHeader().start())),
                run.out());
        assertEquals(dts(c.capture()), dts(received(c, out)));
        for (String[] p : fdtgetProperties(c)) {
            assertEquals(fdtget(c.capture(), p), fdtget(out, p), String.join(" ", p));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void layoutIsTheKernelsPackedBlobButForTheStringsBlock(CaptureTruthCase c) throws IOException {
        Path out = tmp.resolve("capture.dtb");
        assertEquals(0, CliRun.of(explicitArgs(c, out).toArray(String[]::new)).status());
        ByteBuffer want = ByteBuffer.wrap(Files.readAllBytes(c.capture()));
        ByteBuffer got = ByteBuffer.wrap(Files.readAllBytes(out));
        // off_dt_struct, off_mem_rsvmap, version, last_comp_version
        for (int field : new int[] {8, 16, 20, 24}) {
            assertEquals(want.getInt(field), got.getInt(field), "header field at " + field);
        }
        // boot_cpuid_phys is the booted blob's: the recorded one is the capture kernel's boot CPU (the
        // CPU that crashed; 1 on the powerpc 6.12 case), which it writes into its own copy at boot
        assertEquals(ByteBuffer.wrap(Files.readAllBytes(c.booted())).getInt(28), got.getInt(28), "boot_cpuid_phys");
        int structAt = want.getInt(8);
        assertEquals(want.slice(40, structAt - 40), got.slice(40, structAt - 40), "reservation block");
        // The kernel copies the booted blob with its NOP tokens (QEMU's rng-seed, which Linux NOPs out at
        // boot), which a parsed tree no longer has; otherwise the structure blocks have the same length.
        // With the RNG ready the loader also wrote rng-seed (a 12-byte property header and 128 bytes), which
        // the capture kernel NOPs out at boot.
        int rngSeed = c.request().rngReady() ? 12 + 128 : 0;
        assertEquals(want.getInt(36) - 4 * nops(want), got.getInt(36) - rngSeed, "size_dt_struct without NOPs");
        assertEquals(0, nops(got));
    }

    /** NOP tokens in a blob's structure block (a token walk: SPEC §1). */
    private static int nops(ByteBuffer blob) {
        int p = blob.getInt(8);
        int nops = 0;
        for (int token = blob.getInt(p); token != 9; token = blob.getInt(p)) {
            p += 4;
            if (token == 1) {
                while (blob.get(p) != 0) {
                    p++;
                }
                p = (p + 4) & ~3;
            } else if (token == 3) {
                p = (p + 8 + blob.getInt(p) + 3) & ~3;
            } else if (token == 4) {
                nops++;
            }
        }
        return nops;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void systemRootGivesTreeCrashKernelAndHeaderSize(CaptureTruthCase c) {
        KernelTruthSysroot root = KernelTruthSysroot.build(c.name(), tmp);
        CaptureRequest r = c.request();
        Path out = tmp.resolve("capture.dtb");
        List<String> args = new ArrayList<>(List.of("capture-dtb", "--arch", c.arch().cliName(),
                "--sysroot", root.root().toString(), "--elfcorehdr", hex(r.elfCoreHeader().start()),
                "--initrd", hex(r.initrd().orElseThrow().start()) + "," + hex(r.initrd().orElseThrow().size()),
                "--bootargs", r.bootargs().orElseThrow(), "--quiet", "-o", out.toString()));
        r.backupStart().ifPresent(b -> args.addAll(List.of("--backup-region-offset", hex(b))));
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertEquals(0, run.status(), run.err());
        assertEquals("", run.out());
        assertEquals(dts(c.capture()), dts(received(c, out)));
    }

    @Test
    void powerpcWithoutBackupRegionIsRefused() {
        CaptureTruthCase c = CaptureTruthCase.of("ppc64le-pseries-4g", Arch.PPC64);
        Path out = tmp.resolve("capture.dtb");
        List<String> args = explicitArgs(c, out);
        int at = args.indexOf("--backup-region-offset");
        args.subList(at, at + 2).clear();
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertEquals(2, run.status());
        assertTrue(run.err().contains("backup region"), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void headerSizeWithoutContextSaysWhatToGive() {
        CaptureTruthCase c = CaptureTruthCase.of("arm64-virt-2g", Arch.ARM64);
        Path out = tmp.resolve("capture.dtb");
        CliRun run = CliRun.of("capture-dtb", c.booted().toString(), "--arch", "arm64",
                "--crashkernel", "ada00000-bd9fffff", "--elfcorehdr", "0xbd9f0000", "-o", out.toString());
        assertEquals(2, run.status());
        assertTrue(run.err().contains("--elfcorehdr ADDR,SIZE"), run.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void crashKernelIsNeeded() {
        CaptureTruthCase c = CaptureTruthCase.of("arm64-virt-2g", Arch.ARM64);
        Path out = tmp.resolve("capture.dtb");
        CliRun run = CliRun.of("capture-dtb", c.booted().toString(), "--arch", "arm64",
                "--elfcorehdr", "0xbd9f0000,0x1000", "-o", out.toString());
        assertEquals(2, run.status());
        assertTrue(run.err().contains("no crash kernel region"), run.err());
    }

    @Test
    void anInitrdOrHeaderThatIsNoRangeIsOneLine() {
        // ADDR,SIZE is a range (MemoryRange.ofSize): a size of 0 or one that wraps past 2^64 is refused
        CaptureTruthCase c = CaptureTruthCase.of("arm64-virt-2g", Arch.ARM64);
        Path out = tmp.resolve("capture.dtb");
        CliRun empty = CliRun.of("capture-dtb", c.booted().toString(), "--arch", "arm64", "--crashkernel",
                "ada00000-bd9fffff", "--elfcorehdr", "0xbd9f0000,0x1000", "--initrd", "0x1000,0", "-o", out.toString());
        assertEquals(2, empty.status());
        assertTrue(empty.err().contains("--initrd: range at 0x1000 has size 0"), empty.err());
        assertEquals(1, empty.err().strip().lines().count(), empty.err());
        CliRun wraps = CliRun.of("capture-dtb", c.booted().toString(), "--arch", "arm64", "--crashkernel",
                "ada00000-bd9fffff", "--elfcorehdr", "0xfffffffffffff000,0x2000", "-o", out.toString());
        assertEquals(2, wraps.status());
        assertTrue(wraps.err().contains("base 0xfffffffffffff000 + size 0x2000 wraps past 2^64"), wraps.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void archAndOutputAreRequired() {
        CaptureTruthCase c = CaptureTruthCase.of("arm64-virt-2g", Arch.ARM64);
        assertEquals(2, CliRun.of("capture-dtb", c.booted().toString(), "--elfcorehdr", "0x1000,0x1000",
                "--crashkernel", "256M@0x60000000", "-o", tmp.resolve("x.dtb").toString()).status());
        assertEquals(2, CliRun.of("capture-dtb", c.booted().toString(), "--arch", "arm64",
                "--elfcorehdr", "0x1000,0x1000", "--crashkernel", "256M@0x60000000").status());
    }

    @Test
    void outputOverTheInputIsRefused() throws IOException {
        Path booted = tmp.resolve("booted.dtb");
        Files.copy(CaptureTruthCase.of("arm64-virt-2g", Arch.ARM64).booted(), booted);
        byte[] before = Files.readAllBytes(booted);
        CliRun run = CliRun.of("capture-dtb", booted.toString(), "--arch", "arm64", "--elfcorehdr",
                "0xbd9f0000,0x1000", "--crashkernel", "ada00000-bd9fffff", "-o", booted.toString());
        assertEquals(2, run.status());
        assertEquals(List.of(), diff(before, Files.readAllBytes(booted)));
    }

    private static List<Integer> diff(byte[] a, byte[] b) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            if (i >= a.length || i >= b.length || a[i] != b[i]) {
                out.add(i);
                break;
            }
        }
        return out;
    }

    private static List<String[]> fdtgetProperties(CaptureTruthCase c) {
        List<String[]> out = new ArrayList<>(List.of(
                new String[] {"/chosen", "linux,elfcorehdr"},
                new String[] {"/chosen", "linux,usable-memory-range"},
                new String[] {"/chosen", "linux,initrd-start"},
                new String[] {"/chosen", "linux,initrd-end"},
                new String[] {"/chosen", "bootargs"}));
        if (c.arch() == Arch.PPC64) {
            out.add(new String[] {"/memory@0", "linux,usable-memory"});
            out.add(new String[] {"/ibm,dynamic-reconfiguration-memory", "linux,drconf-usable-memory"});
        }
        return out;
    }

    private static String fdtget(Path blob, String[] nodeAndProperty) {
        String type = nodeAndProperty[1].equals("bootargs") ? "s" : "x";
        return ExternalTool.output("fdtget", "-t", type, blob.toString(), nodeAndProperty[0], nodeAndProperty[1]);
    }

    /** The written tree after the capture kernel's boot-time edits ({@link CaptureTruthCase#received}). */
    private Path received(CaptureTruthCase c, Path out) {
        Path p = tmp.resolve("received.dtb");
        try {
            Files.write(p, FdtWriter.write(c.received(FdtParser.read(out))));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return p;
    }

    private static String dts(Path blob) {
        return ExternalTool.output("dtc", "-q", "-I", "dtb", "-O", "dts", blob.toString());
    }

    private static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }
}
