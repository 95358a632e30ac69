package org.dtcore.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dtcore.fdt.DeviceTree;
import org.dtcore.fdt.FdtNode;
import org.dtcore.fdt.FdtParser;
import org.dtcore.fdt.FdtProperty;

/**
 * A decompiled live tree (/proc/device-tree saved with {@code dtc -I fs -O dts}) laid back out as the
 * kernel's folder: dtc compiles it, then each node becomes a directory named as the node and each
 * property a file holding its raw bytes.
 */
final class LiveTreeFolder {
    private LiveTreeFolder() {
    }

    static void write(Path dts, Path folder, Path scratchDtb) throws IOException {
        ExternalTool.output("dtc", "-q", "-I", "dts", "-O", "dtb", "-o", scratchDtb.toString(), dts.toString());
        DeviceTree tree = FdtParser.read(scratchDtb);
        write(tree.root(), folder);
    }

    static void write(FdtNode node, Path dir) throws IOException {
        Files.createDirectories(dir);
        for (FdtProperty p : node.properties()) {
            Files.write(dir.resolve(p.name()), p.bytes());
        }
        for (FdtNode child : node.children()) {
            write(child, dir.resolve(child.name()));
        }
    }
}
