package org.dtcore.bench;

import java.nio.file.Path;
import java.util.Arrays;
import org.dtcore.context.ContextSources;
import org.dtcore.elf.DumpHead;
import org.dtcore.input.SystemRoot;
import org.dtcore.kdump.AuditPipeline;
import org.dtcore.kdump.AuditRequest;
import org.dtcore.kdump.AuditResult;
import org.dtcore.kdump.KdumpInputs;

/**
 * The audit in one JVM, warm (docs/performance.md, "Snapshot and audit"): each dump against its system root,
 * the dump's head read and the root's files read every round, as the command does. Prints the program headers,
 * then the median and best of ROUNDS rounds after as many warm-up rounds. bench/snapshot_audit.sh runs it in
 * source-file mode on the CLI jar (no bench build needed):
 *
 * <pre>java -cp target/dtcore-cli.jar src/jmh/java/org/dtcore/bench/AuditRounds.java ROUNDS DUMP ROOT [DUMP ROOT]...</pre>
 */
public final class AuditRounds {
    private AuditRounds() {
    }

    public static void main(String[] args) {
        int rounds = Integer.parseInt(args[0]);
        for (int i = 1; i + 1 < args.length; i += 2) {
            Path dump = Path.of(args[i]);
            Path root = Path.of(args[i + 1]);
            AuditResult first = run(dump, root);
            for (int w = 0; w < rounds; w++) {
                run(dump, root);
            }
            long[] ns = new long[rounds];
            for (int r = 0; r < rounds; r++) {
                long t = System.nanoTime();
                run(dump, root);
                ns[r] = System.nanoTime() - t;
            }
            Arrays.sort(ns);
            System.out.printf(java.util.Locale.ROOT, "%-50s %6d program headers, clean %-5s median %8.2f ms, best %8.2f ms%n",
                    dump.getFileName(), first.expected().phnum(), first.clean(), ns[rounds / 2] / 1e6, ns[0] / 1e6);
        }
    }

    static AuditResult run(Path dump, Path root) {
        DumpHead d = DumpHead.read(dump);
        return AuditPipeline.audit(AuditRequest.of(d, KdumpInputs.of(d.arch().orElseThrow(),
                ContextSources.NONE.withSystemRoot(SystemRoot.of(root)))));
    }
}
