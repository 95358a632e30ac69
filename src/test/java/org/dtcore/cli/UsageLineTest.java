package org.dtcore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Usage lines and option lists as dtc's and readelf's users expect them: every option of the table in the
 * usage line, no line broken inside a bracketed group, "-h, --help" with its space, and every registered
 * command in the help, the manual page and the completions (they all read {@link DtcoreCommand#all}).
 */
class UsageLineTest {
    private static OptionTable table(Subcommand c) {
        OptionTable t = new OptionTable();
        c.declare(t);
        return t;
    }

    private static List<String> usageLines(String help) {
        List<String> lines = new ArrayList<>();
        for (String l : help.lines().toList()) {
            if (l.isEmpty()) {
                break;
            }
            lines.add(l);
        }
        return lines;
    }

    @Test
    void everyRegisteredCommandIsListedAndBuildsUnderItsName() {
        List<String> names = new ArrayList<>();
        for (Subcommand c : DtcoreCommand.all()) {
            names.add(c.name());
        }
        assertThat(names).containsExactly(DtcoreCommand.NAMES);
        assertThat(names).contains("man", "completion");
        String list = CliRun.of("--help").out();
        for (String n : names) {
            assertThat(list).containsPattern("(?m)^  " + java.util.regex.Pattern.quote(n) + " ");
        }
    }

    @Test
    void theUsageLineNamesEveryOptionOfTheTableAndBreaksOnlyBetweenGroups() {
        for (Subcommand c : DtcoreCommand.all()) {
            String help = CliRun.of(c.name(), "--help").out();
            List<String> usage = usageLines(help);
            assertThat(usage.get(0)).as(c.name()).startsWith("Usage: dtcore " + c.name() + " ");
            String joined = String.join(" ", usage).replaceAll(" +", " ");
            for (OptionTable.Entry e : table(c).entries()) {
                if (e.name().equals("help") || e.name().equals("debug")) {
                    continue;
                }
                String typed = e.shortName().isEmpty() ? "--" + e.name() : "-" + e.shortName();
                assertThat(joined).as(c.name() + " usage names " + typed).containsPattern(
                        "[\\[ ]" + java.util.regex.Pattern.quote(typed) + "[ \\]]");
            }
            for (String line : usage) {
                // each line holds whole groups: as many '[' as ']', and none closes before it opens
                int depth = 0;
                for (char ch : line.toCharArray()) {
                    depth += ch == '[' ? 1 : ch == ']' ? -1 : 0;
                    assertThat(depth).as(c.name() + ": " + line).isBetween(0, 2);
                }
                assertThat(depth).as(c.name() + ": " + line).isZero();
                assertThat(line.length()).as(c.name() + ": " + line).isLessThanOrEqualTo(HelpText.WIDTH);
            }
            // options are in the option list, never in the command's own operand text
            assertThat(c.synopsis()).as(c.name()).doesNotContainPattern("(^|[ \\[])-");
        }
    }

    @Test
    void chunksUsageIsCompleteAndWellSpaced() {
        String help = CliRun.of("chunks", "--help").out();
        String usage = String.join(" ", usageLines(help));
        assertThat(usage).contains("[--kernel-version RELEASE]", "[--memory START+SIZE]...",
                "[--overlay FILE.dtbo]...", "[--jsonl | --summary]", "[--format table|json]", "[--page-size BYTES]");
        assertThat(help).contains("  -h, --help ").doesNotContain("-h,--help");
        // the value label of the usage line is the option list's: one name for one thing
        assertThat(help).containsPattern("(?m)^      --page-size BYTES +page size");
    }

    @Test
    void requiredOptionsStandWithoutBrackets() {
        String header = String.join(" ", usageLines(CliRun.of("header", "--help").out()));
        assertThat(header).contains(" -o OUT ", " --arch ARCH ").doesNotContain("[-o OUT]", "[--arch ARCH]");
        String capture = String.join(" ", usageLines(CliRun.of("capture-dtb", "--help").out()));
        assertThat(capture).contains(" --elfcorehdr ADDR[,SIZE] ");
        String chunks = String.join(" ", usageLines(CliRun.of("chunks", "--help").out()));
        assertThat(chunks).contains("[--arch ARCH]");
    }

    @Test
    void everyOptionWhoseValueNamesAFileOrFolderCompletesAsOne() {
        for (Subcommand c : DtcoreCommand.all()) {
            for (OptionTable.Entry e : table(c).entries()) {
                String label = e.label();
                if (label.equals("FILE") || label.equals("OUT") || label.equals("SVG") || label.endsWith(".dtb")
                        || label.endsWith(".dtbo")) {
                    assertThat(e.value()).as(c.name() + " --" + e.name()).isEqualTo(OptionTable.Value.FILE);
                }
                if (label.equals("DIR")) {
                    assertThat(e.value()).as(c.name() + " --" + e.name()).isEqualTo(OptionTable.Value.FOLDER);
                }
            }
        }
    }

    @Test
    void readmeListsEveryCommandWithItsOperandsAndTheOptionsItNeeds() throws java.io.IOException {
        String readme = java.nio.file.Files.readString(java.nio.file.Path.of("README.md"));
        String usage = readme.substring(readme.indexOf("## Usage"));
        usage = usage.substring(usage.indexOf("```") + 4, usage.indexOf("```", usage.indexOf("```") + 3));
        List<String> lines = usage.lines().toList();
        for (Subcommand c : DtcoreCommand.all()) {
            StringBuilder line = new StringBuilder("dtcore " + c.name());
            if (!c.synopsis().isEmpty()) {
                line.append(' ').append(c.synopsis());
            }
            for (Usage.Item i : Usage.items(table(c))) {
                if (!i.optional()) {
                    line.append(' ').append(i.text());
                }
            }
            boolean options = table(c).entries().size() > 2;
            assertThat(lines).as("README's usage line of " + c.name()).contains(line + (options ? " [OPTIONS]" : ""));
        }
        assertThat(lines).hasSize(DtcoreCommand.NAMES.length);
    }

    @Test
    void completionWantsAShell() {
        CliRun none = CliRun.of("completion");
        assertThat(none.status()).isEqualTo(2);
        assertThat(none.err()).startsWith("dtcore: completion needs one SHELL: bash or zsh");
        assertThat(CliRun.of("completion", "fish").status()).isEqualTo(2);
        assertThat(CliRun.of("completion", "bash").out()).contains("complete -F _dtcore dtcore");
        assertThat(CliRun.of("completion", "zsh").out()).startsWith("#compdef dtcore\n");
        assertThat(CliRun.of("man", "extra").status()).isEqualTo(2);
    }
}
