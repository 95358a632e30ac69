package org.dtcore.consumer;

import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * Run by the consumer project (src/it/consumer, during mvn verify), not by this project's own tests
 * (surefire runs *Test classes only): a project that depends on the library jar gets no command line, and
 * none of its argument parser, on its class path.
 */
class LibraryClassPathIT {
    @Test
    void theLibraryJarBringsNoCommandLine() {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("org.dtcore.cli.Main"));
        assertThrows(ClassNotFoundException.class, () -> Class.forName("org.apache.commons.cli.Options"));
    }
}
