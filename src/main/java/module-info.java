/**
 * dtcore: flattened device trees, /proc/device-tree folders and /proc/iomem read into a board's memory map,
 * and the kdump ELF core header built from it as Linux's kexec_file_load or kexec-tools would
 * (docs/library.md).
 *
 * <p>Every package a pipeline's signature reaches is exported, as each stage hands the next what it built
 * (STYLE: text, input, fdt, memory, context, crash, elf, capture, kdump, layout). The command line
 * ({@code org.dtcore.cli}) is not: the library jar does not even hold it, and its option parser is a
 * compile-time-only dependency.
 */
module org.dtcore {
    exports org.dtcore;
    exports org.dtcore.text;
    exports org.dtcore.input;
    exports org.dtcore.fdt;
    exports org.dtcore.memory;
    exports org.dtcore.context;
    exports org.dtcore.crash;
    exports org.dtcore.elf;
    exports org.dtcore.capture;
    exports org.dtcore.kdump;
    exports org.dtcore.layout;

    // the streaming generator every JSON output is written with (org.dtcore.text.JsonText hands one out)
    requires transitive com.fasterxml.jackson.core;
    // the command line only: neither is needed by a library user
    requires static org.apache.commons.cli;
    requires static java.xml;
}
