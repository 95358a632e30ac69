package org.dtcore.text;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One JSON value as {@link JsonText#parse} read it, with the line and column (1-based, columns in
 * characters) where it starts, so that every complaint about a field can say where the field is. A number
 * keeps its text: dtcore reads none as a JSON number but the small counts ({@link JsonField#integer}), so
 * a 10,000-digit number costs nothing to hold and is refused by its field. Immutable.
 */
public final class JsonValue {
    /** The six kinds of JSON value (RFC 8259 §3). */
    public enum Type {
        OBJECT("an object"), ARRAY("an array"), STRING("a string"), NUMBER("a number"), BOOLEAN("true or false"),
        NULL("null");

        private final String words;

        Type(String words) {
            this.words = words;
        }

        /** "an object", "a number": what a message says it found. */
        public String words() {
            return words;
        }
    }

    private final Type type;
    private final String text;
    private final Map<String, JsonValue> members;
    private final List<JsonValue> elements;
    private final int line;
    private final int column;

    private JsonValue(Type type, String text, Map<String, JsonValue> members, List<JsonValue> elements, int line,
                      int column) {
        this.type = type;
        this.text = text;
        this.members = members;
        this.elements = elements;
        this.line = line;
        this.column = column;
    }

    static JsonValue object(Map<String, JsonValue> members, int line, int column) {
        return new JsonValue(Type.OBJECT, null, Collections.unmodifiableMap(members), List.of(), line, column);
    }

    static JsonValue array(List<JsonValue> elements, int line, int column) {
        return new JsonValue(Type.ARRAY, null, Map.of(), Collections.unmodifiableList(elements), line, column);
    }

    static JsonValue string(String text, int line, int column) {
        return new JsonValue(Type.STRING, text, Map.of(), List.of(), line, column);
    }

    static JsonValue number(String text, int line, int column) {
        return new JsonValue(Type.NUMBER, text, Map.of(), List.of(), line, column);
    }

    static JsonValue bool(boolean value, int line, int column) {
        return new JsonValue(Type.BOOLEAN, value ? "true" : "false", Map.of(), List.of(), line, column);
    }

    static JsonValue nullValue(int line, int column) {
        return new JsonValue(Type.NULL, "null", Map.of(), List.of(), line, column);
    }

    public Type type() {
        return type;
    }

    /** The line the value starts on, from 1. */
    public int line() {
        return line;
    }

    /** The column the value starts at, from 1, in characters. */
    public int column() {
        return column;
    }

    /** "line 3 column 7". */
    public String place() {
        return "line " + line + " column " + column;
    }

    /** A string's value, a number's text as written, "true", "false" or "null"; empty for an object or array. */
    public String text() {
        return text == null ? "" : text;
    }

    /** An object's members in file order; empty for anything else. */
    public Map<String, JsonValue> members() {
        return members;
    }

    /** An array's elements; empty for anything else. */
    public List<JsonValue> elements() {
        return elements;
    }

    /** The member {@code name} of an object. */
    public Optional<JsonValue> get(String name) {
        return Optional.ofNullable(members.get(name));
    }

    public boolean is(Type t) {
        return type == t;
    }
}
