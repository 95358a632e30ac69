package org.dtcore.layout;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.dtcore.testing.ExternalTool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SVG map of every sample, rendered by headless Chromium (Debian package {@code chromium}, installed
 * by .ci/run): every text element lies inside the viewBox and overlaps no other text. A page holds all
 * maps inline; its script measures each text with getBBox() and getComputedTextLength() and writes the
 * verdict into the DOM, which {@code --dump-dom} prints.
 */
class SvgMapRenderTest {
    private static final Pattern RESULT = Pattern.compile("<pre id=\"result\">(.*?)</pre>", Pattern.DOTALL);

    private static final String SCRIPT = """
            const out = [];
            for (const svg of document.querySelectorAll('svg')) {
              const vb = svg.viewBox.baseVal;
              const boxes = [...svg.querySelectorAll(':scope > text')].map(t => {
                const b = t.getBBox();
                return {text: t.textContent, x: b.x, y: b.y, w: Math.max(b.width, t.getComputedTextLength()), h: b.height};
              });
              const problems = [];
              for (const b of boxes) {
                if (b.w <= 0 || b.x < 0 || b.y < 0 || b.x + b.w > vb.width || b.y + b.h > vb.height) {
                  problems.push('outside the viewBox: ' + b.text);
                }
              }
              for (let i = 0; i < boxes.length; i++) {
                for (let j = i + 1; j < boxes.length; j++) {
                  const a = boxes[i], c = boxes[j];
                  const dx = Math.min(a.x + a.w, c.x + c.w) - Math.max(a.x, c.x);
                  const dy = Math.min(a.y + a.h, c.y + c.h) - Math.max(a.y, c.y);
                  if (dx > 0.5 && dy > 0.5) { problems.push('overlap: ' + a.text + ' / ' + c.text); }
                }
              }
              out.push({name: svg.getAttribute('data-name'), texts: boxes.length, problems});
            }
            document.getElementById('result').textContent = JSON.stringify(out);
            """;

    @Test
    void everySampleMapRendersWithoutClippedOrOverlappingText(@TempDir Path tmp) throws IOException {
        List<Path> samples;
        try (Stream<Path> s = Files.list(Path.of("fdt-samples"))) {
            samples = s.filter(p -> p.toString().endsWith(".dtb")).sorted().toList();
        }
        StringBuilder page = new StringBuilder("<!DOCTYPE html><html><body>\n");
        for (Path p : samples) {
            String svg = SvgMap.render(BoardLayout.load(p).map(), p.getFileName().toString());
            svg = svg.substring(svg.indexOf("<svg")).replaceFirst("<svg ",
                    "<svg data-name=\"" + p.getFileName() + "\" ");
            page.append("<div>").append(svg).append("</div>\n");
        }
        page.append("<pre id=\"result\">pending</pre>\n<script>").append(SCRIPT).append("</script></body></html>\n");
        Path html = tmp.resolve("maps.html");
        Files.writeString(html, page);

        String dom = ExternalTool.output("chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + Files.createDirectory(tmp.resolve("profile")), "--dump-dom",
                html.toUri().toString());

        Matcher m = RESULT.matcher(dom);
        assertThat(m.find()).as("result element in the dumped DOM").isTrue();
        JsonNode result = new ObjectMapper().readTree(m.group(1).replace("&amp;", "&").replace("&lt;", "<")
                .replace("&gt;", ">").replace("&quot;", "\""));
        assertThat(result).hasSize(samples.size());
        for (JsonNode map : result) {
            assertThat(map.get("texts").asInt()).as(map.get("name").asText()).isGreaterThan(3);
            assertThat(map.get("problems")).as(map.get("name").asText() + ": " + map.get("problems")).isEmpty();
        }
    }
}
