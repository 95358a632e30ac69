package org.dtcore.elf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.dtcore.testing.ExternalTool;

/**
 * The three independent ELF readers every generated header must satisfy (STYLE "Tests"): binutils'
 * {@code readelf -lW}, elfutils' {@code eu-readelf -l} and pyelftools under Debian's /usr/bin/python3.
 * Each tool's program header table is parsed back into {@link ProgramHeader}s. A missing tool fails
 * the test (ExternalTool), it is never skipped.
 */
public final class ElfReaders {
    private static final Pattern TOKEN = Pattern.compile("\\S+");

    /** pyelftools: one line per segment, every field as an unsigned decimal (p_type numeric). */
    private static final String PYELFTOOLS = String.join("\n",
            "import sys",
            "from elftools.elf.elffile import ELFFile",
            "from elftools.elf.enums import ENUM_P_TYPE_BASE",
            "types = dict((v, k) for k, v in ENUM_P_TYPE_BASE.items())",
            "with open(sys.argv[1], 'rb') as f:",
            "    elf = ELFFile(f)",
            "    for i in range(elf.num_segments()):",
            "        h = elf.get_segment(i).header",
            "        t = h['p_type']",
            "        t = t if isinstance(t, int) else ENUM_P_TYPE_BASE[t]",
            "        print(t, h['p_flags'], h['p_offset'], h['p_vaddr'], h['p_paddr'], h['p_filesz'],"
                    + " h['p_memsz'], h['p_align'])");

    private ElfReaders() {
    }

    /** Asserts that our reader gives back the builder's model and the three tools its program headers. */
    public static void assertRoundTrip(EncodedCoreHeader built) {
        assertThat(CoreHeaderReader.read(built.bytes())).as("CoreHeaderReader").isEqualTo(built.header());
        assertAllRead(built.bytes(), built.header().programHeaders());
    }

    /** Asserts that all three readers see exactly {@code expected} in {@code bytes}. */
    public static void assertAllRead(byte[] bytes, List<ProgramHeader> expected) {
        Path file = write(bytes);
        try {
            assertThat(readelf(file)).as("readelf -lW").containsExactlyElementsOf(expected);
            assertThat(euReadelf(file)).as("eu-readelf -l").containsExactlyElementsOf(expected);
            assertThat(pyelftools(file)).as("pyelftools").containsExactlyElementsOf(expected);
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    static List<ProgramHeader> readelf(Path file) {
        return parseTable(ExternalTool.output("readelf", "-lW", file.toString()), "readelf");
    }

    static List<ProgramHeader> euReadelf(Path file) {
        return parseTable(ExternalTool.output("eu-readelf", "-l", file.toString()), "eu-readelf");
    }

    static List<ProgramHeader> pyelftools(Path file) {
        String out = ExternalTool.output("/usr/bin/python3", "-c", PYELFTOOLS, file.toString());
        List<ProgramHeader> list = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.trim().split(" ");
            assertThat(f).as("pyelftools line '%s'", line).hasSize(8);
            list.add(new ProgramHeader(dec(f[0]), dec(f[1]), dec(f[2]), dec(f[3]), dec(f[4]), dec(f[5]), dec(f[6]),
                    dec(f[7])));
        }
        return list;
    }

    /**
     * Both readelfs print "Type Offset VirtAddr PhysAddr FileSiz MemSiz Flg Align" rows. The flags are
     * three fixed columns ("RWE", "R E" or blanks for none) right after MemSiz, so they are cut by
     * position, not split on spaces.
     */
    private static List<ProgramHeader> parseTable(String out, String tool) {
        List<ProgramHeader> list = new ArrayList<>();
        boolean inTable = false;
        for (String line : out.split("\n")) {
            if (line.trim().startsWith("Type ") && line.contains("Offset")) {
                inTable = true;
                continue;
            }
            if (!inTable) {
                continue;
            }
            if (line.isBlank() || !line.startsWith("  ")) {
                break;
            }
            list.add(parseRow(line, tool));
        }
        return list;
    }

    private static ProgramHeader parseRow(String line, String tool) {
        Matcher m = TOKEN.matcher(line);
        String[] t = new String[6];
        int memszEnd = -1;
        for (int i = 0; i < 6; i++) {
            assertThat(m.find()).as("%s row '%s'", tool, line).isTrue();
            t[i] = m.group();
            memszEnd = m.end();
        }
        String flagText = line.substring(memszEnd + 1, memszEnd + 4);
        long flags = (flagText.charAt(0) == 'R' ? 4 : 0) | (flagText.charAt(1) == 'W' ? 2 : 0)
                | (flagText.charAt(2) == 'E' ? 1 : 0);
        assertThat(flagText.replaceAll("[RWE ]", "")).as("%s flags in '%s'", tool, line).isEmpty();
        long align = hex(line.substring(memszEnd + 4).trim());
        return new ProgramHeader(type(t[0], tool), flags, hex(t[1]), hex(t[2]), hex(t[3]), hex(t[4]), hex(t[5]), align);
    }

    private static long type(String name, String tool) {
        switch (name) {
            case "NULL": return ProgramHeader.PT_NULL;
            case "LOAD": return ProgramHeader.PT_LOAD;
            case "NOTE": return ProgramHeader.PT_NOTE;
            default: throw new AssertionError(tool + " printed an unexpected segment type " + name);
        }
    }

    private static long hex(String s) {
        String digits = s.startsWith("0x") ? s.substring(2) : s;
        return Long.parseUnsignedLong(digits, 16);
    }

    private static long dec(String s) {
        return Long.parseUnsignedLong(s);
    }

    private static Path write(byte[] bytes) {
        try {
            Path file = Files.createTempFile("dtcore-elfcorehdr", ".bin");
            Files.write(file, bytes);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
