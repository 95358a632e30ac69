package org.dtcore.fdt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The strings block against dtc's own rule, written out here as dtc 1.6.1's flattree.c does it
 * (stringtable_insert: compare the name, NUL included, at every offset of the block; append when no
 * offset holds it); {@code FdtWriterTest} checks the same against the dtc binary.
 */
class StringTableTest {

    /** dtc's search: the lowest offset where the name and its NUL stand, else appended. */
    private static Map<String, Integer> dtc(List<String> names, ByteArrayOutputStream block) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (String name : names) {
            if (out.containsKey(name)) {
                continue;
            }
            byte[] b = (name + "\0").getBytes(StandardCharsets.UTF_8);
            byte[] have = block.toByteArray();
            int found = -1;
            for (int at = 0; at + b.length <= have.length && found < 0; at++) {
                boolean same = true;
                for (int k = 0; k < b.length && same; k++) {
                    same = have[at + k] == b[k];
                }
                if (same) {
                    found = at;
                }
            }
            if (found < 0) {
                found = block.size();
                block.write(b, 0, b.length);
            }
            out.put(name, found);
        }
        return out;
    }

    @Test
    void randomNamesAreLaidOutAsDtcLaysThemOut() {
        Random random = new Random(7);
        for (int round = 0; round < 300; round++) {
            List<String> names = new ArrayList<>();
            int n = 1 + random.nextInt(40);
            for (int i = 0; i < n; i++) {
                // a small alphabet and short and long names, so tails are shared often
                StringBuilder b = new StringBuilder();
                int len = random.nextInt(10) == 0 ? 60 + random.nextInt(80) : random.nextInt(6);
                for (int k = 0; k < len; k++) {
                    b.append("ab-c".charAt(random.nextInt(4)));
                }
                names.add(b.toString());
            }
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            Map<String, Integer> offsets = dtc(names, expected);
            StringTable table = new StringTable();
            names.forEach(table::add);
            table.layOut();
            for (Map.Entry<String, Integer> e : offsets.entrySet()) {
                assertThat(table.offsetOf(e.getKey())).as("%s in %s", e.getKey(), names).isEqualTo(e.getValue());
            }
            assertThat(table.toByteArray()).isEqualTo(expected.toByteArray());
        }
    }

    /**
     * 50,000 long names that share their last 200 bytes: dtc's search (and one that scans every long
     * name per name) is quadratic here; the layout must still come out, each name appended once.
     */
    @Test
    void manyLongNamesSharingLongTailsAreLaidOutOnce() {
        String tail = "t".repeat(200);
        StringTable table = new StringTable();
        int n = 50_000;
        for (int i = 0; i < n; i++) {
            table.add(Integer.toString(i, 36) + "-" + tail);
        }
        table.add(tail); // the tail of the first
        table.layOut();
        int each = 0;
        for (int i = 0; i < n; i++) {
            each += Integer.toString(i, 36).length() + 2 + tail.length();
        }
        assertThat(table.size()).isEqualTo(each);
        assertThat(table.offsetOf(tail)).isEqualTo(2);
        assertThat(table.offsetOf("1-" + tail)).isEqualTo(tail.length() + 3);
    }
}
