package org.dtcore.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import org.dtcore.layout.CheckReport;
import org.dtcore.layout.DiffRow;
import org.dtcore.layout.Finding;

/**
 * A check's or a diff's report as JSON (schemas/check-report.schema.json, schemas/diff-report.schema.json):
 * the verdict, the failing (differing) section names, every section with its outcome, summary and rows, and
 * the readable report. A check's rows say {@code expected} and {@code actual}, a diff's {@code a} and
 * {@code b}; a side that has nothing is {@code null}. Rows are those that differ unless all are asked for.
 */
final class ReportJson {
    private ReportJson() {
    }

    /** The report's fields, into the object the generator has open. */
    static void fields(JsonGenerator g, CheckReport r, boolean allRows) throws IOException {
        boolean check = r.mode() == CheckReport.Mode.CHECK;
        g.writeBooleanField(check ? "passed" : "equal", r.passed());
        g.writeArrayFieldStart(check ? "failures" : "differences");
        for (Finding f : r.failures()) {
            g.writeString(f.name());
        }
        g.writeEndArray();
        g.writeArrayFieldStart("sections");
        for (Finding f : r.findings()) {
            g.writeStartObject();
            g.writeStringField("name", f.name());
            g.writeStringField("outcome", outcome(f.outcome(), check));
            g.writeStringField("summary", f.summary());
            g.writeArrayFieldStart("rows");
            for (DiffRow row : f.rows()) {
                if (!f.failed() || !allRows && !row.isDifference()) {
                    continue;
                }
                g.writeStartObject();
                g.writeStringField("mark", mark(row.mark(), check));
                side(g, check ? "expected" : "a", row.left());
                side(g, check ? "actual" : "b", row.right());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeStringField("report", r.text(true, allRows));
    }

    private static void side(JsonGenerator g, String name, String text) throws IOException {
        if (text.isEmpty()) {
            g.writeNullField(name);
        } else {
            g.writeStringField(name, text);
        }
    }

    private static String outcome(Finding.Outcome o, boolean check) {
        return switch (o) {
            case PASS -> check ? "pass" : "same";
            case FAIL -> check ? "fail" : "different";
            case NOT_EVALUATED -> "not-evaluated";
        };
    }

    private static String mark(DiffRow.Mark m, boolean check) {
        return switch (m) {
            case SAME -> check ? "agrees" : "same";
            case CHANGED -> check ? "differs" : "changed";
            case LEFT_ONLY -> check ? "missing" : "onlyInA";
            case RIGHT_ONLY -> check ? "unexpected" : "onlyInB";
            case CONTEXT -> "context";
        };
    }
}
