package org.dtcore.fdt;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A node's properties while a tree is edited, with libfdt's look-up by name (fdt_getprop: the first
 * property of that name) answered from a map once a list is long and asked often, so that setting N
 * properties on one node costs O(N), not O(N²) (each fdt_setprop first looks the name up). The list is the
 * source node's, untouched, until the first change ({@link #changed}); then a {@link SiblingList} copy.
 */
final class PropertyList {
    /** Lists this short are searched: a map would cost more than it saves. */
    private static final int SCANNED = 8;
    /** Searches of a longer list before it gets a map (each costs its length: the map pays for itself). */
    private static final int SEARCHES_BEFORE_MAP = 4;

    private List<FdtProperty> source; // the unchanged source list, until the first change
    private SiblingList<FdtProperty> copy;
    private Map<String, Long> first; // name -> position of its first property
    private int firstGeneration;
    private int searches;

    PropertyList(List<FdtProperty> source) {
        this.source = source;
    }

    /** True once anything was set, added or removed. */
    boolean changed() {
        return copy != null;
    }

    /** The properties in order (read-only while unchanged). */
    List<FdtProperty> view() {
        return copy != null ? copy : source;
    }

    /** The index of the first property called {@code name}, or -1. */
    int indexOf(String name) {
        List<FdtProperty> list = view();
        if (list.size() > SCANNED && first == null && ++searches > SEARCHES_BEFORE_MAP) {
            index();
        }
        if (first != null) {
            if (copy != null && firstGeneration != copy.generation()) {
                index();
            }
            Long at = first.get(name);
            return at == null ? -1 : copy != null ? copy.indexAt(at) : (int) (long) at;
        }
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    FdtProperty get(int index) {
        return view().get(index);
    }

    int size() {
        return view().size();
    }

    /** Replaces property {@code index}; its name may change. */
    void set(int index, FdtProperty p) {
        String old = editable().get(index).name();
        copy.set(index, p);
        if (first != null && !old.equals(p.name())) {
            first = null; // rare (only a caller that renames): build the map again when next asked
            searches = 0;
        }
    }

    /** fdt_setprop's place for a new property: first. */
    void addFirst(FdtProperty p) {
        editable().add(0, p);
        if (first != null) {
            first.put(p.name(), copy.position(0));
        }
    }

    /** A new property after the others. */
    void addLast(FdtProperty p) {
        editable().add(copy.size(), p);
        if (first != null) {
            first.putIfAbsent(p.name(), copy.position(copy.size() - 1));
        }
    }

    void remove(int index) {
        editable().remove(index); // moves the generation: the map is rebuilt when next asked
    }

    private SiblingList<FdtProperty> editable() {
        if (copy == null) {
            copy = new SiblingList<>(source); // positions are the source's indexes: the map stays right
            firstGeneration = copy.generation();
            source = null;
        }
        return copy;
    }

    private void index() {
        List<FdtProperty> list = view();
        Map<String, Long> m = new HashMap<>(list.size() * 2);
        for (int i = 0; i < list.size(); i++) {
            m.putIfAbsent(list.get(i).name(), copy != null ? copy.position(i) : i);
        }
        first = m;
        if (copy != null) {
            firstGeneration = copy.generation();
        }
    }
}
