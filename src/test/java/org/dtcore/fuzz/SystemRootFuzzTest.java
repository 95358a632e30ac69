package org.dtcore.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dtcore.DtcoreException;
import org.dtcore.context.ContextSources;
import org.dtcore.crash.ReservedCrashKernel;
import org.dtcore.fdt.SystemTree;
import org.dtcore.input.RootFile;
import org.dtcore.input.SystemRoot;
import org.dtcore.kdump.HeaderPipeline;
import org.dtcore.kdump.HeaderRequest;
import org.dtcore.kdump.KdumpInputs;
import org.dtcore.memory.Arch;
import org.dtcore.memory.Iomem;
import org.dtcore.memory.IomemEntry;
import org.dtcore.testing.ScratchFolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * A system root (SPEC §10) built from the fuzzer's bytes: the files {@link SystemRoot} reads, each one
 * absent, fuzzed text, a sample's text, or a link (inside the root, out of it to a secret, to a folder,
 * dangling, a link for a whole folder). Then every reader of the root runs for a fuzzed architecture.
 *
 * <p>Checked: only {@link DtcoreException}s leave (one line, never a trace), and the secret outside the
 * root never shows in a result, a warning or an error (a system root stays a root, no file contents in
 * errors). Without JAZZER_FUZZ this replays {@code SystemRootFuzzTestInputs/systemRoot/}.
 */
class SystemRootFuzzTest {
    private static final String SECRET = "SECRET-outside-the-root-5e1f";
    /** What a root may hold: the files and folders its readers read ({@link RootFile}). */
    private static final String[] PLACES = {
        RootFile.IOMEM.path(), RootFile.CMDLINE.path(), RootFile.KALLSYMS.path(), RootFile.VMCOREINFO.path(),
        RootFile.FDT_BLOB.path(), RootFile.OSRELEASE.path(), RootFile.MACHINE.path(),
        "sys/devices/system/cpu/cpu0/crash_notes", "sys/devices/system/cpu/cpu0/crash_notes_size",
        "sys/devices/system/cpu/cpu1/crash_notes", "sys/devices/system/cpu/cpu10/crash_notes_size",
        RootFile.CRASHKERNEL_BASE.path(), RootFile.CRASHKERNEL_SIZE.path(),
        "proc/device-tree/memory@0/reg", "proc/device-tree/memory@0/device_type", "proc/device-tree/#size-cells",
    };
    /** Folders that may be replaced by a link as a whole. */
    private static final String[] FOLDERS = {
        "proc", "sys/kernel", "sys/devices/system/cpu", "sys/devices/system/cpu/cpu0", "proc/device-tree",
        "sys/firmware",
    };
    /** Plausible contents, so the fuzzer reaches past the first parse. */
    private static final String[] TEXTS = {
        "40000000-bfffffff : System RAM\n  40210000-41ffffff : Kernel code\n  a0000000-afffffff : Crash kernel\n",
        "ffff800008000000 T _text\nffff800008010000 T _stext\nffff800009000000 B _end\n",
        "13fb00000\n", "424\n", "40a34000 1024\n", "ffffffffffffffff\n", "0\n", "console=ttyS0 crashkernel=256M\n",
    };

    private static Path scratch;
    private static Path secretFile;
    private static Path secretFolder;

    @BeforeAll
    static void scratchFolder() throws IOException {
        scratch = Files.createTempDirectory("dtcore-sysroot-fuzz");
        secretFile = Files.writeString(scratch.resolve("secret"), SECRET + " 40000000-bfffffff : System RAM\n");
        secretFolder = Files.createDirectories(scratch.resolve("secret-folder/cpu0"));
        Files.writeString(secretFolder.resolve("crash_notes"), SECRET);
        Files.writeString(scratch.resolve("secret-folder/vmcoreinfo"), SECRET);
        Files.writeString(scratch.resolve("secret-folder/iomem"), SECRET);
    }

    @AfterAll
    static void removeScratch() throws IOException {
        ScratchFolder.delete(scratch);
    }

    @FuzzTest(maxDuration = "10m")
    void systemRoot(FuzzedDataProvider data) throws IOException {
        Path root = Files.createTempDirectory(scratch, "root");
        try {
            build(root, data);
            Arch arch = Arch.values()[data.consumeInt(0, Arch.values().length - 1)];
            StringBuilder seen = new StringBuilder();
            try {
                SystemRoot r = SystemRoot.of(root);
                r.text(RootFile.CMDLINE).ifPresent(seen::append);
                r.text(RootFile.MACHINE).ifPresent(seen::append);
                r.text(RootFile.OSRELEASE).ifPresent(seen::append);
                seen.append(SystemTree.booted(r).map(f -> SystemTree.read(r, f).root().children().size()).orElse(-1));
                seen.append(SystemTree.live(r).map(t -> t.root().children().size()).orElse(-1));
                List<IomemEntry> iomem = Iomem.read(r).orElse(null);
                seen.append(iomem);
                seen.append(ReservedCrashKernel.of(iomem, r));
                ContextSources sources = ContextSources.NONE.withSystemRoot(r);
                seen.append(sources.collect(arch));
                // the one pass every command takes: tree, iomem, crash kernel and context read once
                seen.append(HeaderPipeline.build(HeaderRequest.kernel(KdumpInputs.of(arch, sources))).warnings());
            } catch (DtcoreException refused) {
                seen.append(refused.oneLine());
            }
            assertThat(seen.toString()).doesNotContain(SECRET);
        } finally {
            ScratchFolder.delete(root);
        }
    }

    private static void build(Path root, FuzzedDataProvider data) throws IOException {
        int steps = data.consumeInt(0, 12);
        for (int i = 0; i < steps && data.remainingBytes() > 0; i++) {
            boolean folder = data.consumeInt(0, 5) == 0;
            Path p = root.resolve(folder ? pick(FOLDERS, data) : pick(PLACES, data));
            if (Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            try {
                Files.createDirectories(p.getParent());
                if (folder) {
                    Files.createSymbolicLink(p, data.consumeBoolean() ? secretFolder.getParent() : secretFolder);
                    continue;
                }
                switch (data.consumeInt(0, 6)) {
                    case 0 -> Files.createSymbolicLink(p, secretFile);
                    case 1 -> Files.createSymbolicLink(p, p.getParent().relativize(secretFile));
                    case 2 -> Files.createSymbolicLink(p, root);
                    case 3 -> Files.createSymbolicLink(p, p.getParent().resolve("missing"));
                    case 4 -> Files.writeString(p, pick(TEXTS, data));
                    default -> Files.write(p, data.consumeBytes(data.consumeInt(0, 96)));
                }
            } catch (IOException e) {
                // a path through a file or a link made earlier: skip the step
            }
        }
    }

    private static String pick(String[] from, FuzzedDataProvider data) {
        return from[data.consumeInt(0, from.length - 1)];
    }
}
