package org.dtcore.layout;

import org.dtcore.TerminalText;
import java.util.Locale;
import org.dtcore.text.Numbers;

/**
 * A small SVG writer: rectangles, lines and text with XML-escaped content. Text is monospace, and its width
 * is estimated as {@link #CHAR_WIDTH} per character (DejaVu Sans Mono and Liberation Mono advance 0.60 em;
 * the estimate is a little wider), so a layout sized by it never clips.
 */
final class SvgCanvas {
    static final double FONT_SIZE = 12;
    static final double CHAR_WIDTH = 0.64 * FONT_SIZE;
    static final String FONT_FAMILY = "DejaVu Sans Mono, Liberation Mono, Menlo, Consolas, monospace";

    private final StringBuilder body = new StringBuilder();

    static double textWidth(String s) {
        return s.codePointCount(0, s.length()) * CHAR_WIDTH;
    }

    void rect(double x, double y, double w, double h, String cssClass, String fill, String tooltip) {
        body.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" class=\"%s\"",
                x, y, w, h, cssClass));
        if (fill != null) {
            body.append(" fill=\"").append(fill).append('"');
        }
        if (tooltip == null) {
            body.append("/>\n");
        } else {
            body.append("><title>").append(escape(tooltip)).append("</title></rect>\n");
        }
    }

    /** A tick mark for {@code address} across the bar's left edge; data-addr lets a checker read it back. */
    void tick(double x1, double y, double x2, long address) {
        body.append(String.format(Locale.ROOT, "<polyline points=\"%.2f,%.2f %.2f,%.2f\" class=\"tick\""
                + " data-addr=\"%s\"/>%n", x1, y, x2, y, Numbers.hex(address)));
    }

    void line(double x1, double y1, double x2, double y2, String cssClass) {
        body.append(String.format(Locale.ROOT,
                "<polyline points=\"%.1f,%.1f %.1f,%.1f\" class=\"%s\"/>%n", x1, y1, x2, y2, cssClass));
    }

    void leader(double x1, double y1, double x2, double y2, String cssClass) {
        double bend = x2 - 8;
        body.append(String.format(Locale.ROOT, "<polyline points=\"%.1f,%.1f %.1f,%.1f %.1f,%.1f\" class=\"%s\"/>%n",
                x1, y1, bend, y2, x2, y2, cssClass));
    }

    void text(double x, double y, String text, String cssClass) {
        body.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" class=\"%s\">%s</text>%n", x, y, cssClass,
                escape(text)));
    }

    /** The whole document, {@code width} × {@code height} with a matching viewBox, styles and patterns first. */
    String document(double width, double height, String title) {
        return String.format(Locale.ROOT, """
                <?xml version="1.0" encoding="UTF-8"?>
                <svg xmlns="http://www.w3.org/2000/svg" width="%.0f" height="%.0f" viewBox="0 0 %.0f %.0f">
                <title>%s</title>
                <defs>
                <pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                <rect width="6" height="6" fill="#f4f4f4"/><line x1="0" y1="0" x2="0" y2="6" stroke="#c8c8c8" stroke-width="2"/>
                </pattern>
                <pattern id="nomap" width="6" height="6" patternUnits="userSpaceOnUse">
                <rect width="6" height="6" fill="#fcbba1"/><path d="M0,0 L6,6 M6,0 L0,6" stroke="#a50f15" stroke-width="1"/>
                </pattern>
                </defs>
                <style>
                text { font-family: %s; font-size: %.0fpx; fill: #222; }
                text.title { font-weight: bold; }
                text.addr { fill: #555; }
                text.hole { fill: #777; }
                rect { stroke: #333; stroke-width: 0.6; }
                rect.hole { fill: url(#hatch); stroke: #bbb; }
                rect.reserved { fill: #fd8d3c; }
                rect.reusable { fill: #fdd49e; }
                rect.nomap { fill: url(#nomap); stroke: #a50f15; stroke-dasharray: 3 2; }
                rect.memreserve { fill: #9e9ac8; }
                rect.firmware { fill: #c994c7; }
                rect.crash { fill: #dd3497; }
                polyline { fill: none; stroke: #999; stroke-width: 0.7; }
                polyline.edge { stroke: #333; stroke-width: 0.8; }
                polyline.tick { stroke: #333; stroke-width: 1; }
                </style>
                <rect x="0" y="0" width="%.0f" height="%.0f" fill="#ffffff" stroke="none"/>
                %s</svg>
                """, width, height, width, height, escape(title), FONT_FAMILY, FONT_SIZE, width, height, body);
    }

    /** XML text of {@code s}, its control characters first made visible as every text output does. */
    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : TerminalText.escape(s).toCharArray()) {
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
