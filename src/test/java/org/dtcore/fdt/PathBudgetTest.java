package org.dtcore.fdt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;
import org.dtcore.testing.BlobBuilder;

/**
 * SPEC §1 "no allocation larger than the input demands": each node keeps its full path, so a blob of
 * empty-named children under a long path would cost ~4 KiB of strings per 12 blob bytes. The walk caps
 * the sum of path lengths at a small multiple of the structure block.
 */
class PathBudgetTest {

    private static byte[] longPathThenManyEmptyChildren(int children) {
        BlobBuilder b = new BlobBuilder().beginNode("");
        String name = "n".repeat(1000);
        for (int i = 0; i < 4; i++) {
            b.beginNode(name + i);
        }
        for (int i = 0; i < children; i++) {
            b.beginNode("").endNode();
        }
        for (int i = 0; i < 4; i++) {
            b.endNode();
        }
        return b.endNode().end().build();
    }

    @Test
    void manyLongPathsFromFewBytesHitTheLimit() {
        byte[] blob = longPathThenManyEmptyChildren(20_000); // 240 KiB of blob, 80 M characters of paths
        assertThatThrownBy(() -> FdtParser.parse(ByteBuffer.wrap(blob)))
                .isInstanceOfSatisfying(FdtException.class, e -> assertThat(e.kind()).isEqualTo(FdtException.Kind.LIMIT))
                .hasMessageContaining("node paths add up to more than 16 characters per structure-block byte");
    }

    @Test
    void aFewLongPathsAreFine() {
        DeviceTree t = FdtParser.parse(ByteBuffer.wrap(longPathThenManyEmptyChildren(10)));
        assertThat(t.root().children()).hasSize(1);
    }
}
