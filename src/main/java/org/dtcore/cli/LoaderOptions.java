package org.dtcore.cli;

import java.nio.ByteOrder;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.dtcore.crash.ExclusionRule;
import org.dtcore.kdump.KexecToolsSettings;

/**
 * The options that say how a loader builds the header, shared by the commands that build or check one
 * (header, audit): the kernel's crash_exclude_mem_range rule and what kexec-tools is told about the target
 * (its ELF class, byte order and lowmem limit, kexec-tools 2.0.25 kexec/crashdump-elf.c). Declared after
 * each command's own --exclusion and --backup-region-offset, whose help differs per command.
 */
final class LoaderOptions {
    private LoaderOptions() {
    }

    static void declareKexecTools(OptionTable t) {
        t.value("elf-class", "BITS", "kexec-tools mode: 32 or 64 (default: the architecture's)").words("32", "64");
        t.value("byte-order", "ORDER", "kexec-tools mode: little or big (default: the architecture's)")
                .words("little", "big");
        t.value("lowmem-limit", "ADDR", "kexec-tools mode: PT_LOADs above it get p_vaddr -1");
    }

    /** --exclusion, or null for the kernel release's rule. */
    static ExclusionRule exclusion(Arguments a) {
        String exclusion = a.choice("exclusion", null, "current", "legacy");
        return exclusion == null ? null : exclusion.equals("current") ? ExclusionRule.CURRENT : ExclusionRule.LEGACY;
    }

    /** --elf-class, --byte-order and --lowmem-limit; each empty when not given. */
    static KexecToolsSettings kexecTools(Arguments a) {
        String bits = a.choice("elf-class", null, "32", "64");
        String order = a.choice("byte-order", null, "little", "big");
        ByteOrder byteOrder = order == null ? null : order.equals("little") ? ByteOrder.LITTLE_ENDIAN
                : ByteOrder.BIG_ENDIAN;
        Long lowmemLimit = a.number("lowmem-limit");
        return Inputs.gather(() -> new KexecToolsSettings(bits == null ? OptionalInt.empty()
                : OptionalInt.of(Integer.parseInt(bits)), Optional.ofNullable(byteOrder),
                lowmemLimit == null ? OptionalLong.empty() : OptionalLong.of(lowmemLimit)));
    }
}
