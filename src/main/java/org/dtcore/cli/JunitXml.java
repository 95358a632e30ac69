package org.dtcore.cli;

import java.io.ByteArrayOutputStream;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.dtcore.TerminalText;
import org.dtcore.layout.CheckReport;
import org.dtcore.layout.Finding;
import org.dtcore.text.Numbers;

/**
 * {@code check --junit FILE}: the boards as JUnit XML, the Ant/Jenkins format CI servers read (Jenkins'
 * junit step, GitLab's {@code artifacts:reports:junit}, GitHub test reporters): one {@code testsuite}, one
 * {@code testcase} per board, one {@code failure} per failing section whose text is that section's readable
 * report, an {@code error} for a board or expectation that could not be read, and the whole report as the
 * case's {@code system-out}. Written by the JDK's StAX writer, which escapes; characters XML 1.0 cannot
 * hold at all are written as a backslash, u and four hex digits.
 */
final class JunitXml {
    /** One board: its report, or the one-line error that stopped it. */
    record Case(String board, CheckReport report, String error) {
    }

    private JunitXml() {
    }

    static byte[] write(List<Case> cases, boolean allRows) {
        int failures = 0;
        int errors = 0;
        for (Case c : cases) {
            failures += c.report() != null && !c.report().passed() ? 1 : 0;
            errors += c.report() == null ? 1 : 0;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(bytes, "UTF-8");
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            x.writeStartElement("testsuites");
            x.writeAttribute("name", "dtcore check");
            x.writeAttribute("tests", Integer.toString(cases.size()));
            x.writeAttribute("failures", Integer.toString(failures));
            x.writeAttribute("errors", Integer.toString(errors));
            x.writeCharacters("\n  ");
            x.writeStartElement("testsuite");
            x.writeAttribute("name", "dtcore check");
            x.writeAttribute("tests", Integer.toString(cases.size()));
            x.writeAttribute("failures", Integer.toString(failures));
            x.writeAttribute("errors", Integer.toString(errors));
            x.writeAttribute("skipped", "0");
            for (Case c : cases) {
                x.writeCharacters("\n    ");
                testCase(x, c, allRows);
            }
            x.writeCharacters("\n  ");
            x.writeEndElement();
            x.writeCharacters("\n");
            x.writeEndElement();
            x.writeCharacters("\n");
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new CommandFailure("--junit: cannot write the report: " + e.getMessage(), e);
        }
        return bytes.toByteArray();
    }

    private static void testCase(XMLStreamWriter x, Case c, boolean allRows) throws XMLStreamException {
        x.writeStartElement("testcase");
        x.writeAttribute("name", text(c.board()));
        x.writeAttribute("classname", "dtcore.check");
        if (c.report() == null) {
            x.writeCharacters("\n      ");
            x.writeStartElement("error");
            x.writeAttribute("message", text(c.error()));
            x.writeAttribute("type", "unreadable");
            x.writeCharacters(text(c.error()));
            x.writeEndElement();
        } else {
            for (Finding f : c.report().failures()) {
                x.writeCharacters("\n      ");
                x.writeStartElement("failure");
                x.writeAttribute("message", text(f.name() + ": " + f.summary()));
                x.writeAttribute("type", text(f.name()));
                x.writeCharacters(block(c.report().text(f, allRows)));
                x.writeEndElement();
            }
            x.writeCharacters("\n      ");
            x.writeStartElement("system-out");
            x.writeCharacters(block(c.report().text(false, allRows)));
            x.writeEndElement();
        }
        x.writeCharacters("\n    ");
        x.writeEndElement();
    }

    /** One line of input-derived text (a file name, an error): terminal-safe, then {@link #block}. */
    static String text(String s) {
        return block(TerminalText.escape(s));
    }

    /**
     * A report's lines (whose input-derived parts the report escaped already) with every character XML 1.0
     * forbids (U+FFFE, U+FFFF, a lone surrogate) written as a backslash, u and four hex digits.
     */
    static String block(String t) {
        StringBuilder b = new StringBuilder(t.length());
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < t.length() && Character.isLowSurrogate(t.charAt(i + 1))) {
                b.append(c).append(t.charAt(++i));
            } else if (Character.isSurrogate(c) || c == '\uFFFE' || c == '\uFFFF') {
                String hex = Numbers.hex(c).substring(2);
                b.append("\\u").append("0000".substring(hex.length())).append(hex);
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
