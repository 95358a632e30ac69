package org.dtcore.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Runs one piece of work per file over a bounded pool (one thread per core, no more than there are files),
 * keeping input order in the results. A file that fails is reported with its one-line message and the
 * others go on. A progress bar goes to stderr only when a person watches (System.console() is not null).
 */
final class BatchRunner {

    /**
     * What one file gave.
     *
     * @param file  the input
     * @param value the work's result, or null when it failed
     * @param error the one-line message (as {@link Inputs} makes it), or null on success
     */
    record Outcome<T>(Path file, T value, String error) {
        boolean ok() {
            return error == null;
        }
    }

    private BatchRunner() {
    }

    static <T> List<Outcome<T>> run(List<Path> files, Function<Path, T> work, String task) {
        int threads = Math.max(1, Math.min(files.size(), Runtime.getRuntime().availableProcessors()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "dtcore-batch");
            t.setDaemon(true);
            return t;
        });
        try (ProgressBar bar = System.console() == null ? null : bar(task, files.size())) {
            List<Future<Outcome<T>>> futures = new ArrayList<>();
            for (Path f : files) {
                futures.add(pool.submit(() -> {
                    try {
                        return new Outcome<>(f, work.apply(f), null);
                    } catch (CommandFailure e) {
                        return new Outcome<T>(f, null, e.getMessage());
                    } catch (RuntimeException e) {
                        return new Outcome<T>(f, null, f + ": internal error (" + e + ")");
                    } finally {
                        if (bar != null) {
                            bar.step();
                        }
                    }
                }));
            }
            List<Outcome<T>> out = new ArrayList<>();
            for (Future<Outcome<T>> fu : futures) {
                out.add(fu.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandFailure("interrupted", e);
        } catch (ExecutionException e) {
            throw new CommandFailure("internal error: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static ProgressBar bar(String task, int max) {
        return new ProgressBarBuilder().setTaskName(task).setInitialMax(max).setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).continuousUpdate().build();
    }
}
