package org.dtcore.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the CLI in process and keeps what it printed; its JSON is validated against its schema ({@link OutputSchemas}). */
record CliRun(int status, String out, String err) {
    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = DtcoreCommand.run(args, new PrintWriter(out), new PrintWriter(err));
        OutputSchemas.validate(args, status, out.toString());
        return new CliRun(status, out.toString(), err.toString());
    }
}
