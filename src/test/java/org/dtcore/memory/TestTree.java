package org.dtcore.memory;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.dtcore.fdt.DeviceTree;
import org.dtcore.fdt.FdtNode;
import org.dtcore.fdt.FdtProperty;
import org.dtcore.fdt.RegEntry;

/** A small DSL that builds trees in tests, so each test reads like the board it describes. */
final class TestTree {
    private TestTree() {
    }

    /** A property or a child node, placed later under its parent's path. */
    interface Item {
    }

    record Prop(String name, byte[] value) implements Item {
    }

    record Node(String name, List<Item> items) implements Item {
    }

    static Prop cells(String name, long... cells) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (long c : cells) {
            b.write((int) (c >>> 24));
            b.write((int) (c >>> 16));
            b.write((int) (c >>> 8));
            b.write((int) c);
        }
        return new Prop(name, b.toByteArray());
    }

    static Prop str(String name, String... strings) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (String s : strings) {
            b.writeBytes(s.getBytes(StandardCharsets.UTF_8));
            b.write(0);
        }
        return new Prop(name, b.toByteArray());
    }

    static Prop flag(String name) {
        return new Prop(name, new byte[0]);
    }

    static Prop bytes(String name, byte[] value) {
        return new Prop(name, value);
    }

    static Node node(String name, Item... items) {
        return new Node(name, List.of(items));
    }

    /** A memory node {@code memory@<base>} with device_type "memory" and a 2+2-cell reg. */
    static Node memory64(long base, long size, Item... extra) {
        List<Item> items = new ArrayList<>();
        items.add(str("device_type", "memory"));
        items.add(cells("reg", base >>> 32, base & 0xffffffffL, size >>> 32, size & 0xffffffffL));
        items.addAll(List.of(extra));
        return new Node("memory@" + Long.toHexString(base), items);
    }

    static DeviceTree tree(Item... rootItems) {
        return tree(List.of(), rootItems);
    }

    static DeviceTree tree(List<RegEntry> reservations, Item... rootItems) {
        return new DeviceTree(null, reservations, build(new Node("", List.of(rootItems)), "/"));
    }

    private static FdtNode build(Node n, String path) {
        FdtNode.Builder b = new FdtNode.Builder(n.name(), path, -1);
        for (Item i : n.items()) {
            if (i instanceof Prop p) {
                b.property(FdtProperty.of(path, p.name(), p.value()));
            } else {
                Node c = (Node) i;
                b.child(build(c, FdtNode.childPath(path, c.name())));
            }
        }
        return b.build();
    }
}
