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
 * by .ci/run): every text element lies inside the viewBox and overlaps no other text; address ticks go
 * down the bar in address order; a region's place on its RAM bar is within a tenth of the bar of its
 * true place (a log scale would put mt8195's reservations in the first 0.5 GiB all down an 8 GiB bar);
 * and no RAM fill is near in colour to a reserved or crash lane's. A page holds all maps inline; its
 * script measures each element and writes the verdict into the DOM, which {@code --dump-dom} prints.
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
              const ticks = [...svg.querySelectorAll('polyline.tick')].map(t => ({
                addr: BigInt(t.getAttribute('data-addr')), y: t.points.getItem(0).y}));
              ticks.sort((a, b) => (a.addr < b.addr ? -1 : a.addr > b.addr ? 1 : 0));
              for (let i = 1; i < ticks.length; i++) {
                if (!(ticks[i].y > ticks[i - 1].y)) { problems.push('tick out of order at ' + ticks[i].addr); }
              }
              const span = r => {
                const m = /0x([0-9a-f]+)-0x([0-9a-f]+)/.exec(r.querySelector('title')?.textContent || '');
                return m ? {start: Number(BigInt('0x' + m[1])), end: Number(BigInt('0x' + m[2])) + 1} : null;
              };
              const rams = [...svg.querySelectorAll('rect.ram')].map(r => ({r, s: span(r)})).filter(x => x.s);
              const lanes = ['reserved', 'reusable', 'nomap', 'memreserve', 'firmware', 'crash'];
              for (const c of lanes) {
                for (const r of svg.querySelectorAll('rect.' + c)) {
                  const s = span(r);
                  if (!s) { continue; }
                  const ram = rams.find(x => x.s.start <= s.start && s.end <= x.s.end);
                  if (!ram || ram.s.end - ram.s.start < 64 * 1048576) { continue; }
                  const want = (s.start - ram.s.start) / (ram.s.end - ram.s.start);
                  const got = (r.y.baseVal.value - ram.r.y.baseVal.value) / ram.r.height.baseVal.value;
                  if (Math.abs(want - got) > 0.1) {
                    problems.push('not to scale: ' + c + ' at ' + want.toFixed(3) + ' of its RAM drawn at ' + got.toFixed(3));
                  }
                }
              }
              const rgb = c => { const m = /rgb\\((\\d+), (\\d+), (\\d+)\\)/.exec(c); return m ? [+m[1], +m[2], +m[3]] : null; };
              const laneFills = lanes.map(c => {
                const probe = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
                probe.setAttribute('class', c);
                svg.appendChild(probe);
                const f = rgb(getComputedStyle(probe).fill);
                probe.remove();
                return f;
              }).filter(x => x);
              // hue in degrees, null for a grey: RAM and a lane alike in hue read as the same kind of thing
              const hue = c => {
                const [r, g, b] = c.map(v => v / 255), max = Math.max(r, g, b), min = Math.min(r, g, b);
                if (max - min < 0.08) { return null; }
                const h = max === r ? (g - b) / (max - min) : max === g ? 2 + (b - r) / (max - min) : 4 + (r - g) / (max - min);
                return (h * 60 + 360) % 360;
              };
              for (const x of rams) {
                const f = rgb(getComputedStyle(x.r).fill);
                for (const l of laneFills) {
                  const hf = f && hue(f), hl = hue(l);
                  if (hf !== null && hl !== null && Math.min(Math.abs(hf - hl), 360 - Math.abs(hf - hl)) < 25) {
                    problems.push('RAM fill ' + f + ' has the hue of a reserved lane ' + l);
                  }
                }
              }
              out.push({name: svg.getAttribute('data-name'), texts: boxes.length, ticks: ticks.length, problems});
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
        int ticks = 0;
        for (JsonNode map : result) {
            ticks += map.get("ticks").asInt();
            assertThat(map.get("texts").asInt()).as(map.get("name").asText()).isGreaterThan(3);
            assertThat(map.get("problems")).as(map.get("name").asText() + ": " + map.get("problems")).isEmpty();
        }
        assertThat(ticks).as("address ticks along the bars").isGreaterThan(samples.size());
    }
}
