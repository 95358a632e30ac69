package org.dtcore.context;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** CPU folder names are read by hand; the reference is the regex they replaced ("cpu" and a number, SPEC §9). */
class SysfsCpuFolderTest {
    private static final Pattern CPU_FOLDER = Pattern.compile("cpu(0|[1-9][0-9]{0,8})");

    @Test
    void sameNamesAsTheRegex() {
        for (String name : List.of("cpu0", "cpu1", "cpu15", "cpu123456789", "cpu1234567890", "cpu00", "cpu01",
                "cpu", "cpufreq", "cpuidle", "cpu1a", "CPU1", "xcpu1", "cpu-1", "cpu٣")) {
            assertEquals(CPU_FOLDER.matcher(name).matches(), SysfsCpus.isCpuFolder(name), name);
        }
    }
}
