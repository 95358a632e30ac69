package org.dtcore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The installed command's archive training: one group of command lines per command, every command covered. */
class TrainingRunTest {
    private static final List<String> STANDARD = TrainingRun.standard(Path.of("samples"), Path.of("work"));

    /** The first word of each {@code ::}-separated line. */
    private static List<String> firstWords(List<String> lines) {
        List<String> first = new ArrayList<>();
        boolean start = true;
        for (String w : lines) {
            if (start) {
                first.add(w);
            }
            start = w.equals("::");
        }
        return first;
    }

    @Test
    void everyRegisteredCommandTrainsOnLinesOfItsOwn() {
        for (String name : DtcoreCommand.NAMES) {
            List<String> lines = TrainingRun.group(STANDARD, name);
            assertThat(firstWords(lines)).as(name).isNotEmpty().containsOnly(name);
        }
        assertThat(firstWords(STANDARD)).containsAll(List.of(DtcoreCommand.NAMES));
    }

    @Test
    void topIsWhatRunsBeforeAnyCommandAndAWordThatIsNoCommandTrainsNothing() {
        assertThat(TrainingRun.group(STANDARD, "top")).containsExactly("--version", "::", "--help");
        assertThat(TrainingRun.group(STANDARD, "chnuks")).isEmpty();
        // a registered command the list does not name still gets its help path
        assertThat(TrainingRun.group(List.of("chunks", "x.dtb"), "inspect")).containsExactly("inspect", "--help");
    }
}
