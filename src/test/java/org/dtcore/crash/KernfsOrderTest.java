package org.dtcore.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The readdir order of a kernfs (sysfs) folder, which kexec-tools meets /proc/device-tree's nodes in. */
class KernfsOrderTest {

    /**
     * The reference is the running kernel: any sysfs folder lists its entries in kernfs order, so the
     * comparator must reproduce the order this machine's /sys/bus and /sys/kernel are listed in.
     */
    @Test
    void ordersNamesAsTheRunningKernelListsSysfs() throws IOException {
        for (String folder : List.of("/sys/bus", "/sys/kernel", "/sys/class")) {
            List<String> listed = new ArrayList<>();
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(Path.of(folder))) {
                ds.forEach(p -> listed.add(p.getFileName().toString()));
            }
            assertThat(listed).as(folder).hasSizeGreaterThan(3);
            List<String> sorted = new ArrayList<>(listed);
            sorted.sort(KernfsOrder.READDIR);
            assertThat(sorted).as(folder + " in kernfs_name_hash order").isEqualTo(listed);
        }
    }

    @Test
    void hashFollowsKernfsNameHash() {
        // kernfs_name_hash("a", NULL): partial_name_hash('a', 0) = (0 + 0x610 + 6) × 11 = 0x42f2, then
        // hash_64(0x42f2, 32) = (0x42f2 × GOLDEN_RATIO_64) >> 32, cut to 31 bits
        long h = ((0x42f2L * 0x61C8864680B583EBL) >>> 32) & 0x7fffffffL;
        assertThat(KernfsOrder.hash("a")).isEqualTo(h < 2 ? h + 2 : h);
        // the same steps carried out outside dtcore for the names KexecToolsPpc64Test orders
        assertThat(KernfsOrder.hash("memory@0")).isEqualTo(0x1688_cf07L);
        assertThat(KernfsOrder.hash("memory@80000000")).isEqualTo(0x3876_4863L);
        assertThat(KernfsOrder.hash("memory@300000000")).isEqualTo(0x7773_966cL);
    }
}
