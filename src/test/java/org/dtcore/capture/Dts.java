package org.dtcore.capture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dtcore.fdt.DeviceTree;
import org.dtcore.testing.ExternalTool;

/** Test boards written as device-tree source and compiled by dtc, so each test reads like its board. */
final class Dts {
    private Dts() {
    }

    static DeviceTree compile(String source) {
        try {
            Path dir = Files.createTempDirectory("dtcore-capture");
            Path dts = dir.resolve("board.dts");
            Path dtb = dir.resolve("board.dtb");
            Files.writeString(dts, "/dts-v1/;\n" + source);
            ExternalTool.output("dtc", "-q", "-I", "dts", "-O", "dtb", "-o", dtb.toString(), dts.toString());
            DeviceTree tree = CaptureTruthCase.read(dtb);
            Files.delete(dts);
            Files.delete(dtb);
            Files.delete(dir);
            return tree;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
