package org.dtcore.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * The launcher's class-archive training (docs/performance.md): runs several command lines, separated by
 * {@code ::}, in one JVM (the launcher discards their output), so one AppCDS archive (JDK 17+) or AOT cache (JDK
 * 24+) holds the classes of every command path. Not a command users run; the exit status is always 0.
 */
final class TrainingRun {
    private TrainingRun() {
    }

    public static void main(String[] args) {
        // the class users start from is loaded (and so archived) too
        String entry = Main.class.getName();
        assert entry != null;
        List<String> one = new ArrayList<>();
        for (int i = 0; i <= args.length; i++) {
            if (i == args.length || "::".equals(args[i])) {
                if (!one.isEmpty()) {
                    // the path Main takes, on this process's streams (the launcher sends them nowhere)
                    DtcoreCommand.run(one.toArray(new String[0]));
                    one.clear();
                }
            } else {
                one.add(args[i]);
            }
        }
    }
}
