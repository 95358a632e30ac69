package org.dtcore.context;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import org.dtcore.memory.Arch;
import org.dtcore.text.JsonText;
import org.dtcore.text.Numbers;

/**
 * Writes a {@link CrashContext} in the schema {@link ContextJson} reads (docs/context.md,
 * schemas/context.schema.json), so that the output of {@code dtcore context} can be saved and passed back
 * with {@code --context}. Addresses, sizes and e_flags are "0x..." strings (SPEC §0), CPU ids JSON
 * integers, as every JSON file of dtcore writes them (docs/numbers.md); "warnings" lists the defaults
 * relied on. Streamed through {@link JsonText#document}.
 */
public final class ContextJsonWriter {
    private ContextJsonWriter() {
    }

    /**
     * Writes the context as an indented JSON document, without a final line feed.
     *
     * @param arch the architecture the context is for (the document's "arch")
     * @param ctx  the context
     * @param out  where the document goes; not closed
     * @throws IOException when {@code out} fails
     */
    public static void write(Arch arch, CrashContext ctx, Writer out) throws IOException {
        try (JsonGenerator g = JsonText.document(out)) {
            g.writeStartObject();
            g.writeStringField("arch", arch.cliName());
            g.writeArrayFieldStart("cpus");
            for (CpuNote n : ctx.cpus()) {
                g.writeStartObject();
                g.writeNumberField("cpu", n.cpu());
                g.writeStringField("address", Numbers.hex(n.address()));
                g.writeStringField("size", Numbers.hex(n.size()));
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeObjectFieldStart("vmcoreinfo");
            g.writeStringField("address", Numbers.hex(ctx.vmcoreinfoAddress()));
            g.writeStringField("size", Numbers.hex(ctx.vmcoreinfoSize()));
            g.writeEndObject();
            if (ctx.kernelText().isEmpty()) {
                g.writeNullField("kernelText");
            } else {
                KernelText text = ctx.kernelText().get();
                g.writeObjectFieldStart("kernelText");
                g.writeStringField("vaddr", Numbers.hex(text.vaddr()));
                g.writeStringField("paddr", Numbers.hex(text.paddr()));
                g.writeStringField("size", Numbers.hex(text.size()));
                g.writeEndObject();
            }
            g.writeStringField("linearMapBase", Numbers.hex(ctx.linearMapBase()));
            g.writeStringField("physOffset", Numbers.hex(ctx.physOffset()));
            g.writeStringField("pageSize", Numbers.hex(ctx.pageSize()));
            g.writeStringField("eFlags", Numbers.hex(Integer.toUnsignedLong(ctx.eFlags())));
            g.writeArrayFieldStart("warnings");
            for (String w : ctx.warnings()) {
                g.writeString(w);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    /**
     * The context as JSON text.
     *
     * @param arch the architecture the context is for (the document's "arch")
     * @param ctx  the context
     * @return the indented document, ending without a line feed
     */

    public static String write(Arch arch, CrashContext ctx) {
        StringWriter out = new StringWriter();
        try {
            write(arch, ctx, out);
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible); // a StringWriter does not fail
        }
        return out.toString();
    }
}
