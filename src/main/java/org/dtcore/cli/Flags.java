package org.dtcore.cli;

import org.dtcore.Given;
import org.dtcore.context.ContextWarning;
import org.dtcore.context.CrashContext;

/**
 * How the command line spells each input the library names ({@link Given}): its option, with the value's
 * form where the message needs it. Library messages say "the page size"; printed by the CLI they say
 * {@code --page-size}.
 */
final class Flags {
    private Flags() {
    }

    static String of(Given input) {
        return switch (input) {
            case KERNEL_RELEASE -> "--kernel-version";
            case MEMORY_FILE -> "a FILE";
            case BOOTED_TREE -> "the booted FILE";
            case SYSTEM_ROOT -> "--sysroot";
            case LIVE_SYSTEM -> "--live";
            case CRASH_KERNEL -> "--crashkernel SIZE@OFFSET or START-END";
            case PAGE_SIZE -> "--page-size";
            case VMCOREINFO -> "--vmcoreinfo ADDR[,SIZE]";
            case VMCOREINFO_SIZE -> "--vmcoreinfo ADDR,SIZE";
            case CPU_NOTE -> "--cpu-note ID,ADDR[,SIZE]";
            case CPU_NOTE_SIZE -> "--cpu-note ID,ADDR,SIZE";
            case SYSTEM_MAP -> "--system-map";
            case KERNEL_TEXT -> "--kernel-text VADDR,PADDR,SIZE";
            case CONTEXT_FILE -> "--context";
            case E_FLAGS -> "--e-flags";
            case PHYS_OFFSET -> "--phys-offset";
            case LINEAR_MAP_BASE -> "--linear-map-base";
            case VA_BITS -> "--va-bits";
            case BACKUP_OFFSET -> "--backup-region-offset";
            case BIG_ENDIAN -> "--byte-order big";
            case KEXEC_TOOLS_MODE -> "--mode kexec-tools";
            case ELF_CORE_HEADER_SIZE -> "--elfcorehdr ADDR,SIZE";
        };
    }

    /** {@code ctx} with each warning spelt for the command line, as `dtcore context` prints it. */
    static CrashContext spelt(CrashContext ctx) {
        return new CrashContext(ctx.cpus(), ctx.vmcoreinfoAddress(), ctx.vmcoreinfoSize(), ctx.kernelText(),
                ctx.linearMapBase(), ctx.physOffset(), ctx.pageSize(), ctx.eFlags(), ctx.notices().stream()
                .map(w -> new ContextWarning(w.kind(), w.wording().render(Flags::of))).toList());
    }
}
