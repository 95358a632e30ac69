package org.dtcore.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dtcore.fdt.DeviceTree;
import org.dtcore.fdt.FdtParser;

/** A test board written as device-tree source and compiled by dtc, so each test reads like its board. */
public final class DtsBoard {
    private DtsBoard() {
    }

    /** Compiles {@code source} (without the /dts-v1/ line) into {@code dir}/{@code name}.dtb. */
    public static Path compile(Path dir, String name, String source) {
        try {
            Path dts = dir.resolve(name + ".dts");
            Path dtb = dir.resolve(name + ".dtb");
            Files.writeString(dts, "/dts-v1/;\n" + source);
            ExternalTool.output("dtc", "-q", "-I", "dts", "-O", "dtb", "-o", dtb.toString(), dts.toString());
            Files.delete(dts);
            return dtb;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Compiles {@code source} and reads the blob back. */
    public static DeviceTree tree(String source) {
        try {
            Path dir = Files.createTempDirectory("dtcore-board");
            Path dtb = compile(dir, "board", source);
            DeviceTree tree = FdtParser.read(dtb);
            Files.delete(dtb);
            Files.delete(dir);
            return tree;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
