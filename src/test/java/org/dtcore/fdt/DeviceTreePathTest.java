package org.dtcore.fdt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;
import org.dtcore.testing.BlobBuilder;

/** Finding nodes by path in a parsed blob (SPEC §6: /chosen is also found as /chosen@0). */
class DeviceTreePathTest {

    private static final DeviceTree TREE = FdtParser.parse(ByteBuffer.wrap(new BlobBuilder()
            .beginNode("")
            .beginNode("chosen@0").propString("bootargs", "quiet").endNode()
            .beginNode("memory@80000000").endNode()
            .beginNode("memory").endNode()
            .beginNode("reserved-memory").beginNode("ramoops@8f000000").endNode().endNode()
            .endNode().end().build()));

    @Test
    void rootAndExactPaths() {
        assertThat(TREE.node("/")).containsSame(TREE.root());
        assertThat(TREE.node("/reserved-memory/ramoops@8f000000").orElseThrow().path())
                .isEqualTo("/reserved-memory/ramoops@8f000000");
        assertThat(TREE.node("/reserved-memory/").orElseThrow().name()).isEqualTo("reserved-memory");
    }

    @Test
    void aNameWithoutUnitAddressFindsNameAtUnit() {
        assertThat(TREE.node("/chosen").orElseThrow().path()).isEqualTo("/chosen@0");
        assertThat(TREE.node("/chosen").orElseThrow().property("bootargs").orElseThrow().asString()).isEqualTo("quiet");
        assertThat(TREE.node("/reserved-memory/ramoops").orElseThrow().name()).isEqualTo("ramoops@8f000000");
    }

    @Test
    void anExactNamePrefersTheNodeWithThatName() {
        assertThat(TREE.node("/memory").orElseThrow().path()).isEqualTo("/memory");
        assertThat(TREE.node("/memory@80000000").orElseThrow().path()).isEqualTo("/memory@80000000");
    }

    @Test
    void missingAndRelativePathsAreEmpty() {
        assertThat(TREE.node("/chosen@1")).isEmpty();
        assertThat(TREE.node("/cpus")).isEmpty();
        assertThat(TREE.node("chosen")).isEmpty();
        assertThat(TREE.node("/reserved-memory/ramoops@8f000000/x")).isEmpty();
    }
}
