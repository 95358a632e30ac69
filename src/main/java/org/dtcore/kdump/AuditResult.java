package org.dtcore.kdump;

import java.util.List;
import org.dtcore.Wording;
import org.dtcore.elf.CoreHeader;
import org.dtcore.elf.DumpHead;
import org.dtcore.memory.Arch;
import org.dtcore.memory.KernelVersion;

/**
 * What an audit found ({@link AuditPipeline}).
 *
 * @param dump      the dump, as messages name it
 * @param form      a raw core header or a vmcore head
 * @param arch      the architecture whose rules applied
 * @param loader    whose header the dump was compared with: the kernel's or kexec-tools'
 * @param detected  true when the loader was found from the header, false when the request named it
 * @param kernel    the release whose rules applied
 * @param expected  the header the loader writes for the system root
 * @param findings  each way the dump differs from {@code expected}, in the kernel's terms; none: clean
 * @param remarks   where the loader's own header is wrong by the kernel's rules (kexec-tools 2.0.25's arm64
 *                  kernel-text segment): the dump is what that loader writes, and still says so
 * @param notices   what the rebuild relied on (defaults, values only the dump gives), and each place where
 *                  the loader departs from the kernel's rules
 */
public record AuditResult(String dump, DumpHead.Form form, Arch arch, LoaderMode loader, boolean detected,
                          KernelVersion kernel, CoreHeader expected, List<AuditFinding> findings,
                          List<AuditFinding> remarks, List<Wording> notices) {
    /**
     * Copies the lists.
     *
     * @param dump      the dump, as messages name it
     * @param form      a raw core header or a vmcore head
     * @param arch      the architecture whose rules applied
     * @param loader    whose header the dump was compared with: the kernel's or kexec-tools'
     * @param detected  true when the loader was found from the header, false when the request named it
     * @param kernel    the release whose rules applied
     * @param expected  the header the loader writes for the system root
     * @param findings  each way the dump differs from {@code expected}, in the kernel's terms; none: clean
     * @param remarks   where the loader's own header is wrong by the kernel's rules (kexec-tools 2.0.25's arm64
     *                  kernel-text segment): the dump is what that loader writes, and still says so
     * @param notices   what the rebuild relied on (defaults, values only the dump gives), and each place where
     *                  the loader departs from the kernel's rules
     */
    public AuditResult {
        findings = List.copyOf(findings);
        remarks = List.copyOf(remarks);
        notices = List.copyOf(notices);
    }

    /**
     * Whether the dump is exactly what its loader writes for this system.
     *
     * @return true when there are no findings (remarks about the loader's own departures do not count)
     */
    public boolean clean() {
        return findings.isEmpty();
    }
}
