package org.dtcore.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dtcore.testing.KernelTruthSysroot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The names an architecture is given by: its own, what the kernel's uname -m prints for it (UTS_MACHINE in
 * arch/{arm64,powerpc,riscv,x86,loongarch}/Makefile; 32-bit arm's setup_processor() in
 * arch/arm/kernel/setup.c), and the names distributions use. A name that covers a 32-bit and a 64-bit
 * kernel says nothing about which rules apply and is refused.
 */
class ArchNamesTest {
    @ParameterizedTest
    @CsvSource({
        "arm64, ARM64", "aarch64, ARM64", "aarch64_be, ARM64", "AArch64, ARM64",
        "arm, ARM", "arm32, ARM", "armv7l, ARM", "armv7b, ARM", "armv6l, ARM", "armv5tel, ARM", "armv5tejl, ARM",
        "armv4tl, ARM", "armv7ml, ARM",
        "ppc64, PPC64", "ppc64le, PPC64", "powerpc64, PPC64", "powerpc64le, PPC64",
        "ppc, PPC", "ppc32, PPC",
        "riscv64, RISCV64",
        "x86_64, X86_64", "amd64, X86_64", "x86-64, X86_64",
        "loongarch64, LOONGARCH64"})
    void eachNameMeansOneArchitecture(String name, Arch expected) {
        assertThat(Arch.parse(name)).isEqualTo(expected);
    }

    /** The machine field of each recorded kernel's `uname -a` names the architecture the case is for. */
    @Test
    void theRecordedKernelsMachineNamesAreRead() throws Exception {
        List<Path> cases = KernelTruthSysroot.caseDirs();
        assertThat(cases).isNotEmpty();
        for (Path c : cases) {
            String[] f = Files.readAllLines(c.resolve("uname.txt")).get(0).trim().split("\\s+");
            assertThat(Arch.parse(f[f.length - 2])).as(c.toString()).isEqualTo(KernelTruthSysroot.archOf(c));
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "powerpc | ppc64 (64-bit) or ppc (32-bit)",
        "PowerPC | ppc64 (64-bit) or ppc (32-bit)",
        "riscv | riscv64",
        "x86 | x86_64",
        "loongarch | loongarch64"})
    void aNameForBothWordSizesIsRefusedWithTheChoices(String name, String choices) {
        assertThatThrownBy(() -> Arch.parse(name)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("names both a 32-bit and a 64-bit architecture: give " + choices)
                .hasMessageNotContaining("\n");
    }

    /** arm64's COMPAT_UTS_MACHINE (a 32-bit process on a 64-bit kernel), riscv32 and i386: no rules here. */
    @ParameterizedTest
    @ValueSource(strings = {"armv8l", "armv7", "armvl", "riscv32", "i386", "i686", "s390x", "", "arm64 "})
    void otherNamesAreUnknownAndTheCanonicalNamesListed(String name) {
        assertThatThrownBy(() -> Arch.parse(name)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown architecture")
                .hasMessageContaining("(one of arm64, arm, ppc64, ppc, riscv64, x86_64, loongarch64)");
    }

    @Test
    void noAliasIsAnotherArchitecturesName() {
        for (Arch a : Arch.values()) {
            for (String alias : a.aliases()) {
                assertThat(Arch.parse(alias)).as(alias).isEqualTo(a);
            }
        }
    }
}
