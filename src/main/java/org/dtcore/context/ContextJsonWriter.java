package org.dtcore.context;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.dtcore.memory.Arch;
import org.dtcore.text.JsonText;
import org.dtcore.text.Numbers;

/**
 * Writes a {@link CrashContext} in the schema {@link ContextJson} reads (docs/context.md), so that the
 * output of {@code dtcore context} can be saved and passed back with {@code --context}. Addresses and
 * sizes are "0x..." strings (SPEC §0); CPU ids and e_flags are JSON integers; "warnings" lists the
 * defaults relied on.
 */
public final class ContextJsonWriter {
    private static final ObjectMapper MAPPER = JsonText.MAPPER;

    private ContextJsonWriter() {
    }

    public static ObjectNode toJson(Arch arch, CrashContext ctx) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("arch", arch.cliName());
        ArrayNode cpus = root.putArray("cpus");
        for (CpuNote n : ctx.cpus()) {
            ObjectNode o = cpus.addObject();
            o.put("cpu", n.cpu());
            o.put("address", Numbers.hex(n.address()));
            o.put("size", Numbers.hex(n.size()));
        }
        ObjectNode v = root.putObject("vmcoreinfo");
        v.put("address", Numbers.hex(ctx.vmcoreinfoAddress()));
        v.put("size", Numbers.hex(ctx.vmcoreinfoSize()));
        if (ctx.kernelText() == null) {
            root.putNull("kernelText");
        } else {
            ObjectNode t = root.putObject("kernelText");
            t.put("vaddr", Numbers.hex(ctx.kernelText().vaddr()));
            t.put("paddr", Numbers.hex(ctx.kernelText().paddr()));
            t.put("size", Numbers.hex(ctx.kernelText().size()));
        }
        root.put("linearMapBase", Numbers.hex(ctx.linearMapBase()));
        root.put("physOffset", Numbers.hex(ctx.physOffset()));
        root.put("pageSize", Numbers.hex(ctx.pageSize()));
        root.put("eFlags", Integer.toUnsignedLong(ctx.eFlags()));
        ArrayNode warnings = root.putArray("warnings");
        ctx.warnings().forEach(warnings::add);
        return root;
    }

    /** The JSON text, indented, ending without a newline. */
    public static String write(Arch arch, CrashContext ctx) {
        return toJson(arch, ctx).toPrettyString();
    }
}
