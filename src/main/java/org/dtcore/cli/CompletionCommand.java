package org.dtcore.cli;

import java.util.List;

/** {@code dtcore completion bash|zsh}: prints the shell's completion script, made from the option tables. */
final class CompletionCommand implements Subcommand {
    @Override
    public String name() {
        return "completion";
    }

    @Override
    public String synopsis() {
        return "SHELL";
    }

    @Override
    public String purpose() {
        return "Print the completion script for bash or zsh (e.g. source <(dtcore completion bash)).";
    }

    @Override
    public String[][] operands() {
        return new String[][] {{"SHELL", "bash or zsh"}};
    }

    @Override
    public List<String> operandWords() {
        return List.of("bash", "zsh");
    }

    @Override
    public void declare(OptionTable options) {
        // none beyond --help and --debug
    }

    @Override
    public int run(Arguments a, CommandIo io) {
        List<String> words = a.operands();
        if (words.size() != 1 || !operandWords().contains(words.get(0))) {
            throw CommandFailure.usage("completion needs one SHELL: bash or zsh");
        }
        if (words.get(0).equals("bash")) {
            BashCompletion.write(DtcoreCommand.all(), io.out());
        } else {
            ZshCompletion.write(DtcoreCommand.all(), io.out());
        }
        return 0;
    }
}
