package org.dtcore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dtcore.testing.JsonSchemas;
import org.dtcore.testing.JunitSchema;

/**
 * Every test run of the CLI ({@link CliRun}, {@link CliProcess} and the suites' own runners) passes through
 * here: whatever JSON the run printed or wrote is validated against its published schema
 * (schemas/, docs/json.md), and a {@code --junit} file against the JUnit XML schema CI servers read. A run
 * that failed with exit status 2 printed nothing but its error, except a batch's JSON Lines, whose records
 * stand for every input read before, and a JUnit file, which has an error case for a board not read.
 */
final class OutputSchemas {
    private OutputSchemas() {
    }

    static void validate(String[] args, int status, String out) {
        if (args.length == 0 || args[0].startsWith("-")) {
            return;
        }
        String command = args[0];
        List<String> a = List.of(args);
        boolean json = "json".equals(value(a, "--format"));
        boolean jsonl = a.contains("--jsonl");
        if (jsonl && (command.equals("chunks") || command.equals("check"))) {
            JsonSchemas.assertEachLineValid(command.equals("chunks") ? JsonSchemas.CHUNKS_RECORD
                    : JsonSchemas.CHECK_RECORD, out);
        }
        String junit = value(a, "--junit");
        if (command.equals("check") && junit != null && !junit.equals("-") && Files.isRegularFile(Path.of(junit))) {
            // written for a bad board too: an error case
            JunitSchema.assertValid(read(Path.of(junit)));
        }
        if (status == 2) {
            return;
        }
        String output = value(a, "-o") != null ? value(a, "-o") : value(a, "--output");
        switch (command) {
            case "chunks" -> {
                if (json) {
                    JsonSchemas.assertValid(JsonSchemas.MEMORY_MAP, out);
                }
            }
            case "check" -> {
                if (json) {
                    JsonSchemas.assertValid(JsonSchemas.CHECK_REPORT, out);
                }
            }
            case "diff" -> {
                if (json) {
                    JsonSchemas.assertValid(JsonSchemas.DIFF_REPORT, out);
                }
            }
            case "capture-memmap" -> {
                if (json) {
                    JsonSchemas.assertValid(JsonSchemas.CAPTURE_MEMMAP, out);
                }
            }
            case "inspect" -> {
                if (json) {
                    JsonSchemas.assertValid(JsonSchemas.INSPECT, out);
                }
            }
            case "audit" -> {
                if (json && status != 2) {
                    JsonSchemas.assertValid(JsonSchemas.AUDIT_REPORT, out);
                }
            }
            case "snapshot" -> {
                // a folder snapshot's manifest; an archive's is checked where a test opens it
                Path manifest = output == null ? null : Path.of(output).resolve("dtcore-snapshot.json");
                if (manifest != null && Files.isRegularFile(manifest)) {
                    JsonSchemas.assertValid(JsonSchemas.SNAPSHOT_MANIFEST, read(manifest));
                }
            }
            case "context" -> {
                if (!a.contains("--help") && !out.isBlank()) {
                    JsonSchemas.assertValid(JsonSchemas.CONTEXT, out);
                }
            }
            case "expect" -> {
                if (a.contains("--help")) {
                    return;
                }
                if (output == null || output.equals("-")) {
                    JsonSchemas.assertValid(JsonSchemas.EXPECTATION, out);
                } else if (Files.isRegularFile(Path.of(output))) {
                    JsonSchemas.assertValid(JsonSchemas.EXPECTATION, read(Path.of(output)));
                }
            }
            default -> {
                // header, capture-dtb, overlay, map: no JSON
            }
        }
    }

    /** The value after {@code option} ({@code --format json} or {@code --format=json}), or null. */
    private static String value(List<String> args, String option) {
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals(option) && i + 1 < args.size()) {
                return args.get(i + 1);
            }
            if (args.get(i).startsWith(option + "=")) {
                return args.get(i).substring(option.length() + 1);
            }
        }
        return null;
    }

    private static String read(Path p) {
        assertThat(p).isRegularFile();
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
