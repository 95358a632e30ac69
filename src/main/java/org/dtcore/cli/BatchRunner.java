package org.dtcore.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs one piece of work per file over a bounded pool (one thread per core) and hands each result to the
 * caller as soon as it and every file before it are done, in input order; at most a few results per
 * thread are held at any time, so memory stays flat in the number of files. A file that fails
 * is reported with its one-line message and the others go on. When a person watches standard error, a
 * progress line is drawn there.
 */
final class BatchRunner {

    /** What one file gave: its result, or the one-line message (as {@link Inputs} makes it). */
    record Outcome<T>(Path file, T value, String error) {
        boolean ok() {
            return error == null;
        }
    }

    /** The work on one file. */
    interface Work<T> {
        T apply(Path file);
    }

    /** Where each outcome goes, in input order; returns false to stop (standard output is gone). */
    interface Sink<T> {
        boolean accept(Outcome<T> outcome);
    }

    private BatchRunner() {
    }

    /** Runs {@code work} on every file; returns the number of files that failed. */
    static <T> int run(List<Path> files, Work<T> work, Sink<T> sink, CommandIo io, String task) {
        int threads = Math.max(1, Math.min(files.size(), Runtime.getRuntime().availableProcessors()));
        int window = threads * 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "dtcore-batch");
            t.setDaemon(true);
            return t;
        });
        Progress progress = io.errIsTerminal() ? new Progress(io.err(), task, files.size()) : null;
        ArrayDeque<Future<Outcome<T>>> pending = new ArrayDeque<>();
        int next = 0;
        int failed = 0;
        int done = 0;
        try {
            while (next < files.size() || !pending.isEmpty()) {
                while (next < files.size() && pending.size() < window) {
                    Path f = files.get(next++);
                    pending.add(pool.submit(() -> one(f, work)));
                }
                Outcome<T> o = pending.poll().get();
                failed += o.ok() ? 0 : 1;
                done++;
                if (progress != null) {
                    progress.show(done);
                }
                if (!sink.accept(o)) {
                    break;
                }
            }
            return failed;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandFailure("interrupted", e);
        } catch (ExecutionException e) {
            throw new CommandFailure("internal error; run again with --debug and please report it", e.getCause());
        } finally {
            pool.shutdownNow();
            if (progress != null) {
                progress.clear();
            }
        }
    }

    private static <T> Outcome<T> one(Path f, Work<T> work) {
        try {
            return new Outcome<>(f, work.apply(f), null);
        } catch (CommandFailure e) {
            return new Outcome<>(f, null, e.getMessage());
        } catch (InvalidPathException e) {
            return new Outcome<>(f, null, Inputs.failure(f, e).getMessage());
        } catch (RuntimeException e) {
            return new Outcome<>(f, null, f + ": internal error; run it alone with --debug and please report it");
        }
    }
}
