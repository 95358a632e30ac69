package org.dtcore;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Message text that names inputs ({@link Given}) rather than spelling them: a library message reads in the
 * library's words ({@link #toString()}), and a front end renders the same message with its own names for
 * them ({@link #render}: the CLI says {@code --page-size} where the library says "the page size").
 */
public final class Wording {
    private final List<Object> parts;

    private Wording(List<Object> parts) {
        this.parts = List.copyOf(parts);
    }

    /**
     * The text of {@code parts} in order: each {@link Given} is an input named by whoever renders it, a nested
     * {@link Wording} keeps its own inputs, anything else is its {@code toString()}.
     *
     * @param parts text, {@link Given} inputs and nested wordings
     * @return the wording
     */
    public static Wording of(Object... parts) {
        List<Object> flat = new ArrayList<>(parts.length);
        for (Object p : parts) {
            if (p instanceof Wording w) {
                flat.addAll(w.parts);
            } else if (p instanceof Given) {
                flat.add(p);
            } else {
                flat.add(String.valueOf(p));
            }
        }
        return new Wording(flat);
    }

    /**
     * The text with each input named by {@code names}.
     *
     * @param names how the caller spells each input
     * @return the text
     */
    public String render(Function<Given, String> names) {
        StringBuilder b = new StringBuilder();
        for (Object p : parts) {
            b.append(p instanceof Given g ? names.apply(g) : (String) p);
        }
        return b.toString();
    }

    /**
     * The inputs this text names, in order.
     *
     * @return the inputs
     */
    public List<Given> inputs() {
        List<Given> out = new ArrayList<>();
        for (Object p : parts) {
            if (p instanceof Given g) {
                out.add(g);
            }
        }
        return out;
    }

    /** The text in the library's words. */
    @Override
    public String toString() {
        return render(Given::words);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Wording w && w.parts.equals(parts);
    }

    @Override
    public int hashCode() {
        return parts.hashCode();
    }
}
