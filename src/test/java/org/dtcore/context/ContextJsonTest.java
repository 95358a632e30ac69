package org.dtcore.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.dtcore.input.InputException;
import org.dtcore.memory.Arch;
import org.dtcore.testing.JsonSchemas;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The JSON context file (SPEC §10, docs/context.md): round trip, accepted number forms, named failures. */
class ContextJsonTest {
    @TempDir
    Path tmp;

    private static final CrashContext ARM64 = new CrashContext(
            List.of(new CpuNote(0, 0xbfbb_d000L, 424), new CpuNote(1, 0xbfbc_d000L, 424)), 0x40a3_4000L, 0x1024,
            Optional.of(new KernelText(0xffff_8000_0800_0000L, 0x4020_0000L, 0x4c_0000L)), 0xffff_0000_0000_0000L,
            0x4000_0000L, 4096, 0, List.of(ContextWarning.general("a warning")));

    private static PartialContext parse(String json) {
        return ContextJson.parse(json, "ctx.json", Arch.ARM64);
    }

    @Test
    void whatTheWriterWritesTheReaderReadsBackUnchanged() throws Exception {
        Path file = tmp.resolve("ctx.json");
        Files.writeString(file, ContextJsonWriter.write(Arch.ARM64, ARM64));

        CrashContext back = ContextSources.NONE.withContextFile(file).collect(Arch.ARM64);

        // every field was written, so no default (and no warning) is needed; written warnings are output only
        assertThat(back).isEqualTo(new CrashContext(ARM64.cpus(), ARM64.vmcoreinfoAddress(), ARM64.vmcoreinfoSize(),
                ARM64.kernelText(), ARM64.linearMapBase(), ARM64.physOffset(), ARM64.pageSize(), ARM64.eFlags(),
                List.of()));
    }

    @Test
    void theWriterPrintsAddressesSizesAndFlagsAsHexStringsInTheOneLayout() {
        String json = ContextJsonWriter.write(Arch.ARM64, ARM64);
        JsonSchemas.assertValid(JsonSchemas.CONTEXT, json);

        // docs/json.md: two-space indent, "key": value, one member or element per line
        assertThat(json).startsWith("{\n  \"arch\": \"arm64\",\n  \"cpus\": [\n    {\n      \"cpu\": 0,\n"
                        + "      \"address\": \"0xbfbbd000\",\n      \"size\": \"0x1a8\"\n    },")
                .contains("\"linearMapBase\": \"0xffff000000000000\"", "\"eFlags\": \"0x0\"",
                        "\"warnings\": [\n    \"a warning\"\n  ]\n}");
    }

    @Test
    void aMissingKernelTextIsWrittenAsNullAndReadAsNone() {
        CrashContext none = new CrashContext(ARM64.cpus(), 1, 2, Optional.empty(), 0, 0, 4096, 0, List.of());
        PartialContext back = parse(ContextJsonWriter.write(Arch.ARM64, none));

        assertThat(back.kernelText()).isEqualTo(Optional.empty());
        assertThat(parse("{}").kernelText()).isNull();
    }

    @Test
    void addressesAndSizesAreStringsInTheGrammarCountsAreIntegers() {
        PartialContext c = parse("{\"cpus\":[{\"cpu\":0,\"address\":\"3216756736\",\"size\":\"424\"},"
                + "{\"cpu\":1,\"address\":\"0xffffffffffffffff\"}],"
                + "\"vmcoreinfo\":{\"address\":\"0X40A34000\"},\"pageSize\":\"4K\",\"vaBits\":48,"
                + "\"eFlags\":\"0x2\"}");

        assertThat(c.cpus()).containsExactly(new CpuNote(0, 0xbfbb_d000L, 424), new CpuNote(1, -1L, 0));
        assertThat(c.vmcoreinfoAddress()).isEqualTo(0x40a3_4000L);
        assertThat(c.vmcoreinfoSize()).isNull();
        assertThat(c.pageSize()).isEqualTo(4096);
        assertThat(c.vaBits()).isEqualTo(48);
        assertThat(c.eFlags()).isEqualTo(2);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{\"cpus\":[{\"cpu\":0,\"address\":\"0x1\"},{\"cpu\":1,\"address\":\"zz\"}]}"
                + " | line 1 column 55: $.cpus[1].address: not a number",
        "{\"cpus\":[{\"cpu\":0,\"address\":true}]} | line 1 column 29: $.cpus[0].address: expected a string such as"
                + " \"0x40000000\" or \"256M\", found true or false",
        "{\"cpus\":[{\"cpu\":0}]} | line 1 column 10: $.cpus[0].address: missing",
        "{\"cpus\":{}} | line 1 column 9: $.cpus: expected an array, found an object",
        "{\"cpus\":[{\"cpu\":0,\"address\":\"0x1\",\"size\":\"0\"}]} | $.cpus[0].size: 0 is not a note size",
        "{\"cpus\":[{\"cpu\":\"0\",\"address\":\"0x1\"}]} | $.cpus[0].cpu: expected an integer from 0 to 2147483647,"
                + " found a string (counts and ids are JSON numbers",
        "{\"vmcoreinfo\":{\"address\":\"0x10000000000000000\"}} | $.vmcoreinfo.address: does not fit in 64 bits",
        "{\"vmcoreinfo\":{\"address\":4096}} | $.vmcoreinfo.address: expected a string such as \"0x40000000\" or"
                + " \"256M\", found a JSON number: addresses and sizes are strings",
        "{\"kernelText\":{\"vaddr\":\"0x1\",\"paddr\":\"0x2\"}} | line 1 column 15: $.kernelText.size: missing",
        "{\"physOffst\":\"0x0\"} | line 1 column 14: $: a field this object does not have (known here: arch, cpus,",
        "{\"eFlags\":\"0x100000000\"} | $.eFlags: does not fit in 32 bits",
        "{\"eFlags\":0} | $.eFlags: expected a string such as",
        "{\"vaBits\":\"48\"} | $.vaBits: expected an integer from 0 to 64, found a string",
        "{\"vaBits\":4.8e1} | $.vaBits: expected an integer from 0 to 64 (digits only: no fraction or exponent)",
        "{\"arch\":\"ppc64\"} | $.arch: the file is for ppc64, but the architecture asked for is arm64",
        "{\"arch\":\"vax\"} | $.arch: not an architecture dtcore knows (arm64, arm, ppc64, ppc, riscv64, x86_64,"
                + " loongarch64)",
        "{\"warnings\":[1]} | $.warnings[0]: expected a string, found a number",
        "[] | line 1 column 1: $: expected an object, found an array",
    })
    void wrongFieldsAreNamedByLineColumnAndJsonPath(String json, String message) {
        assertThatThrownBy(() -> parse(json)).isInstanceOf(ContextException.class)
                .satisfies(e -> assertThat(((ContextException) e).oneLine()).startsWith("ctx.json: ")
                        .contains(message).doesNotContain("zz", "vax", "Offst"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{\"cpus\": [ | line 1 column 11: the text ends inside an array that starts at line 1 column 10",
        "{\"pageSize\":\"0x1000\",\"pageSize\":\"0x1000\"} | line 1 column 22: a key this object already has",
        "{} {} | line 1 column 4: more after the JSON value",
    })
    void malformedJsonIsOneContextExceptionAtALineAndColumn(String json, String message) {
        assertThatThrownBy(() -> parse(json)).isExactlyInstanceOf(ContextException.class)
                .satisfies(e -> assertThat(((ContextException) e).oneLine()).startsWith("ctx.json: " + message));
    }

    @Test
    void anEmptyFileIsNamedAsSuch() {
        assertThatThrownBy(() -> parse(" \n")).isExactlyInstanceOf(ContextException.class)
                .hasMessageEndingWith(": " + "no JSON value: the text is empty or only blanks");
    }

    @Test
    void moreThan65536CpusAreRefused() {
        StringBuilder b = new StringBuilder("{\"cpus\":[");
        for (int i = 0; i <= 65536; i++) {
            b.append(i == 0 ? "" : ",").append("{\"cpu\":").append(i).append(",\"address\":\"0x1\"}");
        }
        assertThatThrownBy(() -> parse(b.append("]}").toString())).isInstanceOf(ContextException.class)
                .hasMessageContaining("65537 entries");
    }

    @Test
    void filesOver16MiBAreRefusedUnread() throws Exception {
        Path big = tmp.resolve("big.json");
        Files.write(big, new byte[ContextJson.MAX_BYTES + 1]);

        assertThatThrownBy(() -> ContextJson.read(big, Arch.ARM64)).isInstanceOf(InputException.class)
                .hasMessageContaining("larger than").satisfies(e ->
                        assertThat(((InputException) e).location()).isEqualTo(big.toString()));
    }

    @Test
    void aMissingFileIsNamed() {
        Path none = tmp.resolve("none.json");
        assertThatThrownBy(() -> ContextJson.read(none, Arch.ARM64)).isInstanceOf(InputException.class)
                .hasMessage(none + ": no such file");
    }
}
