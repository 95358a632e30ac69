package org.dtcore.crash;

import java.util.ArrayList;
import java.util.List;
import org.dtcore.memory.MemoryChunk;
import org.dtcore.memory.MemoryRange;

/**
 * A deliberately naive, array-based model of struct crash_mem and the two generations of
 * crash_exclude_mem_range, written from their documented behaviour (SPEC §8): a linear scan from slot 0
 * over a fixed array, shifting slots one by one. The tests compare {@link CrashMemRanges}' binary-search
 * version against it on random inputs.
 */
final class KernelExclusionModel {
    /** What the kernel call returned. */
    enum Outcome { OK, ENOMEM, WRITES_PAST_ARRAY }

    final long[] start;
    final long[] end;
    final int max;
    int nr;

    KernelExclusionModel(List<MemoryRange> ranges, int max) {
        this.max = max;
        this.start = new long[max + 1]; // one spare slot so the legacy overflow can be observed
        this.end = new long[max + 1];
        for (MemoryRange r : ranges) {
            start[nr] = r.start();
            end[nr] = r.end();
            nr++;
        }
    }

    List<MemoryRange> ranges() {
        List<MemoryRange> out = new ArrayList<>();
        for (int i = 0; i < nr; i++) {
            out.add(new MemoryRange(start[i], end[i]));
        }
        return out;
    }

    private static boolean lt(long a, long b) {
        return Long.compareUnsigned(a, b) < 0;
    }

    private void removeAt(int i) {
        for (int j = i; j < nr - 1; j++) {
            start[j] = start[j + 1];
            end[j] = end[j + 1];
        }
        nr--;
    }

    private void insertAt(int i, long s, long e) {
        for (int j = nr - 1; j >= i; j--) {
            start[j + 1] = start[j];
            end[j + 1] = end[j];
        }
        start[i] = s;
        end[i] = e;
        nr++;
    }

    Outcome excludeCurrent(long ms, long me) {
        for (int i = 0; i < nr; i++) {
            long s = start[i];
            long e = end[i];
            if (lt(e, ms)) {
                continue;
            }
            if (lt(me, s)) {
                break;
            }
            long ps = lt(ms, s) ? s : ms;
            long pe = lt(e, me) ? e : me;
            if (ps == s && pe == e) {
                removeAt(i);
                i--;
            } else if (lt(s, ps) && lt(pe, e)) {
                if (nr >= max) {
                    return Outcome.ENOMEM;
                }
                end[i] = ps - 1;
                insertAt(i + 1, pe + 1, e);
                i++;
            } else if (ps != s) {
                end[i] = ps - 1;
            } else {
                start[i] = pe + 1;
            }
        }
        return Outcome.OK;
    }

    Outcome excludeLegacy(long ms, long me) {
        int i;
        long splitStart = 0;
        long splitEnd = 0;
        boolean split = false;
        for (i = 0; i < nr; i++) {
            long s = start[i];
            long e = end[i];
            if (lt(e, ms) || lt(me, s)) {
                continue;
            }
            long ps = lt(ms, s) ? s : ms;
            long pe = lt(e, me) ? e : me;
            if (ps == s && pe == e) {
                removeAt(i);
                i--;
                continue;
            }
            if (lt(s, ps) && lt(pe, e)) {
                end[i] = ps - 1;
                splitStart = pe + 1;
                splitEnd = e;
                split = true;
            } else if (ps != s) {
                end[i] = ps - 1;
            } else {
                start[i] = pe + 1;
            }
            break;
        }
        if (!split) {
            return Outcome.OK;
        }
        if (i == max - 1) {
            end[i] = splitEnd; // the kernel returns before inserting; dtcore leaves the list unchanged
            return Outcome.ENOMEM;
        }
        if (nr >= max) {
            end[i] = splitEnd;
            return Outcome.WRITES_PAST_ARRAY;
        }
        insertAt(i + 1, splitStart, splitEnd);
        return Outcome.OK;
    }
}
