package org.dtcore.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A hung reference tool fails its test instead of hanging the build. */
class ExternalToolTest {
    @Test
    void aToolThatNeverEndsFailsAtTheLimit() {
        // sleep keeps stdout open without writing: a reader that waits for its end never reaches the timeout
        assertThatThrownBy(() -> ExternalTool.run(1, "sleep", "30")).isInstanceOf(AssertionError.class)
                .hasMessageContaining("timed out after 1 s");
    }

    @Test
    void outputAndStatusArrive() {
        ExternalTool.Result r = ExternalTool.run("sh", "-c", "echo out; echo err >&2; exit 3");
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.stdout()).isEqualTo("out\n");
        assertThat(r.stderr()).isEqualTo("err\n");
    }
}
