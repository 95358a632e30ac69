package org.dtcore.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.dtcore.DtcoreException;
import org.dtcore.fdt.DeviceTree;
import org.dtcore.fdt.FdtParser;
import org.dtcore.layout.BoardLayout;
import org.dtcore.layout.CheckReport;
import org.dtcore.layout.CrashMemorySource;
import org.dtcore.layout.Expectation;
import org.dtcore.layout.ExpectationReader;
import org.dtcore.layout.LayoutCheck;
import org.dtcore.memory.Arch;
import org.dtcore.memory.MemoryScan;
import org.dtcore.memory.ScanOptions;

/**
 * An expectation file (docs/expectations.md), read as {@code ExpectationReader.read} reads a file's bytes
 * and as a string decoded leniently (UTF-8, a bad byte becoming U+FFFD). When it parses, it is checked
 * as {@code dtcore check} does: against sample boards loaded once, with the crash section evaluated by
 * the Linux policy (SPEC §8), the report rendered; and, when the file has a {@code scan} section, against
 * the same trees scanned with the file's rules. Only {@link DtcoreException}s may leave.
 *
 * <p>Without JAZZER_FUZZ this replays {@code ExpectationFuzzTestInputs/expectationFile/}; see
 * docs/fuzzing.md.
 */
class ExpectationFuzzTest {
    /** A NUMA board, one with every kind of /reserved-memory child, and a powerpc dynamic-memory board. */
    private static final List<String> BOARDS = List.of("qemu-arm64-virt-numa", "reserved-memory",
            "pseries-drconf-v2");
    private static final List<BoardLayout> LAYOUTS = BOARDS.stream().map(ExpectationFuzzTest::layout).toList();
    private static final List<DeviceTree> TREES = BOARDS.stream().map(ExpectationFuzzTest::tree).toList();

    @FuzzTest(maxDuration = "10m")
    void expectationFile(byte[] input) {
        try {
            checkAll(ExpectationReader.parse(input));
        } catch (DtcoreException expected) {
            // refused, naming the field path: a valid answer, if it is one line without Java in it
            String line = expected.oneLine();
            if (line.indexOf('\n') >= 0 || ContextJsonFuzzTest.JAVA.matcher(line).find()) {
                throw new IllegalStateException("not one plain line: " + line);
            }
        }
        try {
            checkAll(ExpectationReader.parse(new String(input, StandardCharsets.UTF_8)));
        } catch (DtcoreException expected) {
            // as above
        }
    }

    private static void checkAll(Expectation expected) {
        for (BoardLayout board : LAYOUTS) {
            render(LayoutCheck.check(expected, board.map()));
            render(board.check(expected, null));
        }
        if (expected.scan() != null) {
            for (DeviceTree tree : TREES) {
                try {
                    render(LayoutCheck.check(expected, MemoryScan.scan(tree, expected.scan())));
                } catch (DtcoreException expected2) {
                    // the file's rules refuse this board (a page size it cannot use, say): an answer
                }
            }
        }
    }

    private static void render(CheckReport report) {
        report.passed();
        report.text(false);
    }

    private static Path sample(String board) {
        return Path.of("fdt-samples", board + ".dtb");
    }

    private static BoardLayout layout(String board) {
        try {
            return BoardLayout.load(sample(board),
                    ScanOptions.forArch(board.startsWith("pseries") ? Arch.PPC64 : Arch.ARM64));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static DeviceTree tree(String board) {
        try {
            return FdtParser.read(sample(board));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
