package org.dtcore.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * The JUnit XML schema Jenkins reads (src/test/resources/org/dtcore/junit/jenkins-junit.xsd, whose header
 * names its origin), applied with the JDK's javax.xml.validation: every {@code check --junit} file a test
 * writes must be one a CI server takes.
 */
public final class JunitSchema {
    private static final Schema SCHEMA = load();

    private JunitSchema() {
    }

    private static Schema load() {
        try {
            SchemaFactory f = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            return f.newSchema(JunitSchema.class.getResource("/org/dtcore/junit/jenkins-junit.xsd"));
        } catch (SAXException e) {
            throw new IllegalStateException("the JUnit XSD does not load", e);
        }
    }

    /** Every warning, error and fatal error the schema finds in {@code xml}. */
    public static List<String> problems(String xml) {
        List<String> found = new ArrayList<>();
        Validator v = SCHEMA.newValidator();
        v.setErrorHandler(new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {
                found.add("warning: " + e.getMessage());
            }

            @Override
            public void error(SAXParseException e) {
                found.add("line " + e.getLineNumber() + ": " + e.getMessage());
            }

            @Override
            public void fatalError(SAXParseException e) {
                found.add("line " + e.getLineNumber() + ": " + e.getMessage());
            }
        });
        try {
            v.validate(new StreamSource(new StringReader(xml)));
        } catch (SAXException | IOException e) {
            found.add(e.getMessage());
        }
        return found;
    }

    public static void assertValid(String xml) {
        assertThat(problems(xml)).as("JUnit XML against jenkins-junit.xsd:%n%s", xml).isEmpty();
    }
}
