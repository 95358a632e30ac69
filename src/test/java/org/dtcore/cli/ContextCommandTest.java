package org.dtcore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.dtcore.testing.KernelTruthSysroot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dtcore context} (SPEC §10, §12): the context as JSON, errors as one line with status 2. */
class ContextCommandTest {
    @TempDir
    Path tmp;

    private record Run(int status, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = DtcoreCommand.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(status, out.toString(), err.toString());
    }

    @Test
    void printsTheSystemRootsContextAsJson() throws Exception {
        KernelTruthSysroot s = KernelTruthSysroot.build(KernelTruthSysroot.ARM64, tmp);

        Run r = run("context", "--arch", "arm64", "--sysroot", s.root().toString(),
                "--vmcoreinfo-note", s.vmcoreinfoNote().toString(), "--system-map", s.systemMap().toString());

        assertThat(r.status()).as(r.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.get("arch").asText()).isEqualTo("arm64");
        assertThat(json.get("cpus").get(1).get("address").asText()).isEqualTo("0xbfbcd000");
        assertThat(json.get("cpus").get(1).get("size").asText()).isEqualTo("0x1a8");
        assertThat(json.get("vmcoreinfo").get("size").asText()).isEqualTo("0x1024");
        assertThat(json.get("kernelText").get("paddr").asText()).isEqualTo("0x40200000");
        assertThat(json.get("linearMapBase").asText()).isEqualTo("0xffff000000000000");
        assertThat(json.get("physOffset").asText()).isEqualTo("0x40000000");
        assertThat(json.get("warnings")).isEmpty();
    }

    @Test
    void itsOutputIsAContextFileAndOptionsOverrideIt() throws Exception {
        KernelTruthSysroot s = KernelTruthSysroot.build(KernelTruthSysroot.RISCV64, tmp);
        Run first = run("context", "--arch", "riscv64", "--sysroot", s.root().toString(),
                "--system-map", s.systemMap().toString());
        Path saved = tmp.resolve("ctx.json");
        Files.writeString(saved, first.out());

        Run again = run("context", "--arch", "riscv64", "--context", saved.toString(), "--va-bits", "48",
                "--linear-map-base", "0xffffaf8000000000", "--cpu-note", "0,0xfefcaa00", "--e-flags", "2");

        assertThat(again.status()).as(again.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(again.out());
        assertThat(json.get("linearMapBase").asText()).isEqualTo("0xffffaf8000000000");
        assertThat(json.get("cpus")).hasSize(1);
        assertThat(json.get("cpus").get(0).get("size").asText()).isEqualTo("0x198");
        assertThat(json.get("eFlags").asInt()).isEqualTo(2);
        assertThat(json.get("kernelText").get("vaddr").asText()).isEqualTo("0xffffffff80002000");
        assertThat(json.get("warnings").toString()).contains("crash note size of CPUs [0]");
    }

    @Test
    void aBadContextFileIsOneLineNamingFileAndField() throws Exception {
        Path bad = tmp.resolve("bad.json");
        Files.writeString(bad, "{\"cpus\":[{\"cpu\":0,\"address\":\"0x1\"},{\"cpu\":1,\"address\":\"nope\"}]}");

        Run r = run("context", "--arch", "arm64", "--context", bad.toString());

        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).startsWith("dtcore: " + bad + ": cpus[1].address: a value of 4 characters (character 1 is not a digit) is not a number")
                .hasLineCount(1);
        assertThat(r.out()).isEmpty();
    }

    @Test
    void missingInputsAreOneLineSayingWhatToGive() {
        Run r = run("context", "--arch", "x86_64", "--cpu-note", "0,0x1000");

        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("--vmcoreinfo ADDR[,SIZE]").hasLineCount(1);
    }

    @Test
    void theTreeGivenAsFileCountsTheCpus() {
        Path dtb = KernelTruthSysroot.TRUTH.resolve(KernelTruthSysroot.PPC64).resolve("booted.dtb");

        Run r = run("context", dtb.toString(), "--arch", "ppc64");

        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("the device tree lists 2 CPUs").hasLineCount(1);
    }

    @Test
    void usageErrorsExitWith2() {
        assertThat(run("context").status()).isEqualTo(2);
        assertThat(run("context", "--arch", "arm64", "--cpu-note", "0").err()).contains("ID,ADDR[,SIZE]");
        assertThat(run("context", "--arch", "arm64", "--sysroot", "a", "--live").status()).isEqualTo(2);
        assertThat(run("context", "--arch", "arm64", "--sysroot", tmp.resolve("none").toString()).err())
                .contains("system root is not a folder").hasLineCount(1);
    }
}
