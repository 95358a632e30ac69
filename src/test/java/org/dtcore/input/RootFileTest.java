package org.dtcore.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The declaration of a system root's files: numbered names, and which declared file holds a path. */
class RootFileTest {
    private static final Pattern CPU_FOLDER = Pattern.compile("cpu(0|[1-9][0-9]{0,8})");

    /** CPU folder names are matched by hand; the reference is the regex they replaced ("cpu" and a number, SPEC §9). */
    @Test
    void cpuFoldersAreTheNamesTheRegexMatches() {
        for (String name : List.of("cpu0", "cpu1", "cpu15", "cpu123456789", "cpu1234567890", "cpu00", "cpu01",
                "cpu", "cpufreq", "cpuidle", "cpu1a", "CPU1", "xcpu1", "cpu-1", "cpu٣")) {
            assertEquals(CPU_FOLDER.matcher(name).matches(), RootFile.component("cpu{N}", name), name);
        }
    }

    @Test
    void aPathIsHeldByTheMostSpecificDeclaredFile() {
        assertThat(RootFile.holding("proc/iomem")).contains(RootFile.IOMEM);
        assertThat(RootFile.holding("sys/devices/system/cpu/cpu12/crash_notes")).contains(RootFile.CRASH_NOTES);
        assertThat(RootFile.holding("sys/devices/system/cpu/cpu12/online")).isEmpty();
        assertThat(RootFile.holding("proc/device-tree/memory@0/reg")).contains(RootFile.DEVICE_TREE);
        assertThat(RootFile.holding("sys/firmware/devicetree/base/chosen/linux,crashkernel-base"))
                .contains(RootFile.CRASHKERNEL_BASE);
        assertThat(RootFile.holding("sys/firmware/memmap/3/type")).contains(RootFile.FIRMWARE_MEMMAP_TYPE);
        assertThat(RootFile.holding("proc/iomem/x")).as("a file holds nothing below it").isEmpty();
        assertThat(RootFile.holding("etc/passwd")).isEmpty();
    }

    @Test
    void numberedFilesNameTheirFolder() {
        assertThat(RootFile.CRASH_NOTES.numbered()).isTrue();
        assertThat(RootFile.CRASH_NOTES.numberedFolder()).isEqualTo("sys/devices/system/cpu");
        assertThat(RootFile.FIRMWARE_MEMMAP_START.numberedFolder()).isEqualTo("sys/firmware/memmap");
        assertThat(RootFile.IOMEM.numbered()).isFalse();
    }
}
