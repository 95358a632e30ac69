package org.dtcore.kdump;

import org.dtcore.context.CrashContext;

/**
 * {@code dtcore context} as a library call: the crash context (SPEC §10) from the same sources, in the same
 * precedence, as {@code header} and {@code capture-dtb} use ({@link InputPrecedence}).
 */
public final class ContextPipeline {
    private ContextPipeline() {
    }

    public static CrashContext collect(KdumpInputs inputs) {
        return InputPrecedence.resolve(inputs).context().collect(inputs.arch());
    }
}
