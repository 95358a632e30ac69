package org.dtcore.fdt;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.Collection;
import java.util.RandomAccess;

/**
 * The properties or the children of one node while a tree is edited: a list that takes an element at
 * the front as cheaply as at the back. libfdt's fdt_setprop and fdt_add_subnode put new properties and
 * nodes first (SPEC §11), so an overlay that adds a million of them to one node must not shift the list
 * each time (an ArrayList would: quadratic).
 *
 * <p>Each element has a <em>position</em>, a number that orders the list and stays the same while
 * elements are only added at either end; {@link #indexAt(long)} turns it back into an index in O(1).
 * Adding in the middle or removing renumbers the positions and moves the {@link #generation}.
 */
final class SiblingList<E> extends AbstractList<E> implements RandomAccess {
    private Object[] items;
    private int head; // index in items of element 0
    private int size;
    private long origin; // the position of items[0]
    private int generation;

    SiblingList() {
        items = new Object[4];
        head = 2;
    }

    SiblingList(Collection<? extends E> from) {
        items = from.toArray(new Object[from.size() + 4]);
        // toArray fills the front; move the elements to leave room before them too
        System.arraycopy(items, 0, items, 2, from.size());
        Arrays.fill(items, 0, 2, null);
        head = 2;
        size = from.size();
        origin = -2; // element i has position i
    }

    @Override
    @SuppressWarnings("unchecked")
    public E get(int index) {
        return (E) items[head + checked(index)];
    }

    @Override
    @SuppressWarnings("unchecked")
    public E set(int index, E element) {
        int at = head + checked(index);
        E old = (E) items[at];
        items[at] = element;
        return old;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public void add(int index, E element) {
        if (index < 0 || index > size) {
            throw new IndexOutOfBoundsException(index);
        }
        if (index == 0) {
            if (head == 0) {
                grow();
            }
            items[--head] = element;
        } else {
            if (head + size == items.length) {
                grow();
            }
            int at = head + index;
            System.arraycopy(items, at, items, at + 1, size - index);
            items[at] = element;
            if (index != size) {
                generation++;
            }
        }
        size++;
        modCount++;
    }

    @Override
    @SuppressWarnings("unchecked")
    public E remove(int index) {
        int at = head + checked(index);
        E old = (E) items[at];
        System.arraycopy(items, at + 1, items, at, size - index - 1);
        items[head + --size] = null;
        generation++;
        modCount++;
        return old;
    }

    /** The position of element {@code index}: it orders the list and survives additions at either end. */
    long position(int index) {
        return origin + head + checked(index);
    }

    /** The index of the element at {@code position} (from {@link #position}, same generation). */
    int indexAt(long position) {
        return (int) (position - origin - head);
    }

    /** Moves whenever positions handed out before stop meaning what they meant. */
    int generation() {
        return generation;
    }

    /** Room at both ends, the elements keeping their positions. */
    private void grow() {
        int room = Math.max(4, size);
        Object[] bigger = new Object[size + 2 * room];
        System.arraycopy(items, head, bigger, room, size);
        origin += head - room;
        items = bigger;
        head = room;
    }

    private int checked(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(index);
        }
        return index;
    }
}
