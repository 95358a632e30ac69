package org.dtcore.layout;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;
import org.dtcore.memory.MemoryChunk;

/**
 * A map's chunks as expectation rows, made one at a time when asked: an expectation drafted from a board
 * of a million chunks holds no million {@link ExpectedChunk} records (docs/performance.md, "Linear in the
 * input"). Immutable, since a {@link org.dtcore.memory.MemoryMap}'s chunk list is.
 */
final class ChunkRows extends AbstractList<ExpectedChunk> implements RandomAccess {
    private final List<MemoryChunk> chunks;

    ChunkRows(List<MemoryChunk> chunks) {
        this.chunks = chunks;
    }

    @Override
    public ExpectedChunk get(int index) {
        return ExpectedChunk.of(chunks.get(index));
    }

    @Override
    public int size() {
        return chunks.size();
    }
}
