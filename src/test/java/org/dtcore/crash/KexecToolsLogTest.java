package org.dtcore.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.dtcore.context.Kallsyms;
import org.dtcore.fdt.SystemTree;
import org.dtcore.input.SystemRoot;
import org.dtcore.memory.Arch;
import org.dtcore.memory.Iomem;
import org.dtcore.memory.MemoryRange;
import org.dtcore.testing.KexecToolsSysroot;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The ranges the models build, against the list kexec-tools itself printed (`kexec -d -p`, kexec-load.log)
 * before it wrote the header: x86_64 and ppc64 "CRASH MEMORY RANGES" (every range passed, with its type on
 * x86_64; ppc64 prints exclusive ends), arm64 "Coredump memory ranges". riscv64 prints no such list.
 */
class KexecToolsLogTest {
    private static final Pattern ROW = Pattern.compile("([0-9a-f]{16})-([0-9a-f]{16})(?: \\((\\d+)\\))?");

    static List<String> cases() {
        return KexecToolsSysroot.names().stream().filter(n -> !n.startsWith("riscv")).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theModelsRangesAreTheOnesKexecToolsPrinted(String name, @TempDir Path tmp) throws IOException {
        KexecToolsSysroot sys = KexecToolsSysroot.build(name, tmp);
        SystemRoot root = SystemRoot.of(sys.root());
        Kallsyms none = Kallsyms.none("kallsyms");
        Kallsyms map = Kallsyms.read(sys.systemMap(), java.util.Set.of("_text", "_end"));
        KexecToolsMemory m = KexecToolsRanges.of(sys.arch(), new KexecToolsInputs(Iomem.read(root), none,
                Optional.of(map), SystemTree.live(root), sys.arch() == Arch.PPC64 ? 0x1_0000L : 4096, List.of(),
                0xffff_8880_0000_0000L));

        String heading = sys.arch() == Arch.ARM64 ? "Coredump memory ranges" : "CRASH MEMORY RANGES";
        List<String[]> rows = block(Files.readString(sys.caseDir().resolve("kexec-load.log")), heading);
        List<MemoryRange> ram = new ArrayList<>();
        for (String[] r : rows) {
            long start = Long.parseUnsignedLong(r[0], 16);
            long end = Long.parseUnsignedLong(r[1], 16) - (sys.arch() == Arch.PPC64 ? 1 : 0);
            if (r[2] == null || r[2].equals("0")) { // RANGE_RAM is 0
                ram.add(new MemoryRange(start, end));
            }
        }
        assertThat(rows).as("rows under \"" + heading + "\"").isNotEmpty();
        assertThat(m.ranges()).containsExactlyElementsOf(ram);
        assertThat(m.countedRanges()).isEqualTo(rows.size());
    }

    private static List<String[]> block(String log, String heading) {
        List<String[]> rows = new ArrayList<>();
        boolean in = false;
        for (String line : log.split("\n")) {
            if (line.strip().equals(heading)) {
                in = true;
                continue;
            }
            if (in) {
                Matcher m = ROW.matcher(line.strip());
                if (!m.matches()) {
                    break;
                }
                rows.add(new String[] {m.group(1), m.group(2), m.group(3)});
            }
        }
        return rows;
    }
}
