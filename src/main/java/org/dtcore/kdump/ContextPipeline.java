package org.dtcore.kdump;

import java.util.ArrayList;
import java.util.List;

import org.dtcore.context.ContextWarning;
import org.dtcore.context.CrashContext;

/**
 * {@code dtcore context} as a library call: the crash context (SPEC §10) from the same sources, in the same
 * precedence, as {@code header} and {@code capture-dtb} use ({@link InputPrecedence}). Its warnings start
 * with what the choice of sources relied on (an unknown kernel release, say).
 */
public final class ContextPipeline {
    private ContextPipeline() {
    }

    /**
     * Collects the crash context of these inputs.
     *
     * @param inputs the board and where its facts come from
     * @return the context; what it lacks and what the choice of sources relied on are in its notices
     * @throws KdumpException INPUT for a file that cannot be read or decoded
     */
    public static CrashContext collect(KdumpInputs inputs) {
        ResolvedInputs in = InputPrecedence.resolve(inputs);
        CrashContext c = in.context().collect(inputs.arch());
        List<ContextWarning> warnings = new ArrayList<>();
        in.releaseWarnings().forEach(w -> warnings.add(ContextWarning.general(w)));
        warnings.addAll(c.notices());
        return new CrashContext(c.cpus(), c.vmcoreinfoAddress(), c.vmcoreinfoSize(), c.kernelText(),
                c.linearMapBase(), c.physOffset(), c.pageSize(), c.eFlags(), warnings);
    }
}
