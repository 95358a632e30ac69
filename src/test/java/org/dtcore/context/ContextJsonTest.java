package org.dtcore.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.dtcore.input.InputException;
import org.dtcore.memory.Arch;
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
            new KernelText(0xffff_8000_0800_0000L, 0x4020_0000L, 0x4c_0000L), 0xffff_0000_0000_0000L,
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
    void theWriterPrintsAddressesAsHexStrings() {
        String json = ContextJsonWriter.write(Arch.ARM64, ARM64);

        assertThat(json).contains("\"arch\" : \"arm64\"", "\"address\" : \"0xbfbbd000\"", "\"size\" : \"0x1a8\"",
                "\"linearMapBase\" : \"0xffff000000000000\"", "\"eFlags\" : 0", "\"warnings\" : [ \"a warning\" ]");
    }

    @Test
    void aMissingKernelTextIsWrittenAsNullAndReadAsNone() {
        CrashContext none = new CrashContext(ARM64.cpus(), 1, 2, null, 0, 0, 4096, 0, List.of());
        PartialContext back = parse(ContextJsonWriter.write(Arch.ARM64, none));

        assertThat(back.kernelText()).isEqualTo(Optional.empty());
        assertThat(parse("{}").kernelText()).isNull();
    }

    @Test
    void numbersMayBeHexStringsDecimalStringsOrJsonIntegers() {
        PartialContext c = parse("{\"cpus\":[{\"cpu\":0,\"address\":\"3216756736\",\"size\":424},"
                + "{\"cpu\":\"1\",\"address\":18446744073709551615}],"
                + "\"vmcoreinfo\":{\"address\":\"0X40A34000\"},\"pageSize\":4096,\"vaBits\":\"48\"}");

        assertThat(c.cpus()).containsExactly(new CpuNote(0, 0xbfbb_d000L, 424), new CpuNote(1, -1L, 0));
        assertThat(c.vmcoreinfoAddress()).isEqualTo(0x40a3_4000L);
        assertThat(c.vmcoreinfoSize()).isNull();
        assertThat(c.pageSize()).isEqualTo(4096);
        assertThat(c.vaBits()).isEqualTo(48);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{\"cpus\":[{\"cpu\":0,\"address\":\"0x1\"},{\"cpu\":1,\"address\":\"zz\"}]}"
                + " | cpus[1].address: a value of 2 characters (character 1 is not a digit) is not a number",
        "{\"cpus\":[{\"cpu\":0,\"address\":true}]} | cpus[0].address: expected a \"0x...\" hex string, found a boolean",
        "{\"cpus\":[{\"cpu\":0}]} | cpus[0]: missing \"address\"",
        "{\"cpus\":{}} | cpus: expected an array, found an object",
        "{\"cpus\":[{\"cpu\":0,\"address\":\"0x1\",\"size\":0}]} | cpus[0].size: 0 is not a note size",
        "{\"vmcoreinfo\":{\"address\":\"0x10000000000000000\"}} | vmcoreinfo.address: a value of 19 characters does"
                + " not fit in 64 bits",
        "{\"vmcoreinfo\":{\"address\":-1}} | vmcoreinfo.address: -1 is not an unsigned 64-bit number",
        "{\"kernelText\":{\"vaddr\":\"0x1\",\"paddr\":\"0x2\"}} | kernelText: missing \"size\"",
        "{\"physOffst\":\"0x0\"} | (top level): unknown field \"physOffst\"",
        "{\"eFlags\":\"0x100000000\"} | eFlags: 4294967296 is larger than 4294967295",
        "{\"arch\":\"ppc64\"} | arch: the file is for ppc64, but the architecture asked for is arm64",
        "{\"pageSize\":1.5} | pageSize: expected a \"0x...\" hex string, found a number",
        "[] | (top level): expected an object, found an array",
    })
    void wrongFieldsAreNamedByTheirJsonPath(String json, String message) {
        assertThatThrownBy(() -> parse(json)).isInstanceOf(ContextException.class)
                .hasMessageStartingWith(message)
                .satisfies(e -> assertThat(((ContextException) e).oneLine()).startsWith("ctx.json: "));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{\"cpus\": [ | malformed JSON at line 1",
        "{\"pageSize\":\"0x1000\",\"pageSize\":\"0x1000\"} | malformed JSON at line 1",
        "{} {} | malformed JSON",
    })
    void malformedJsonIsAContextExceptionNotAJacksonOne(String json, String message) {
        assertThatThrownBy(() -> parse(json)).isExactlyInstanceOf(ContextException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void anEmptyFileIsNamedAsSuch() {
        assertThatThrownBy(() -> parse(" \n")).isExactlyInstanceOf(ContextException.class)
                .hasMessage("empty: expected a JSON object");
    }

    @Test
    void moreThan65536CpusAreRefused() {
        StringBuilder b = new StringBuilder("{\"cpus\":[");
        for (int i = 0; i <= 65536; i++) {
            b.append(i == 0 ? "" : ",").append("{\"cpu\":").append(i).append(",\"address\":1}");
        }
        assertThatThrownBy(() -> parse(b.append("]}").toString())).isInstanceOf(ContextException.class)
                .hasMessageContaining("cpus: 65537 entries");
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
                .hasMessage("no such file");
    }
}
