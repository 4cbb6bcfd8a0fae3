package io.parley.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.protocol.UcwaJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** A result table: printed, and written as JSON and Markdown under the output directory. */
final class Report {
    private final String workload;
    private final Map<String, String> setup = new LinkedHashMap<>();
    private final List<Map<String, Object>> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    Report(String workload) {
        this.workload = workload;
        setup.put("java", System.getProperty("java.version"));
        setup.put("cores", String.valueOf(Runtime.getRuntime().availableProcessors()));
    }

    Report setup(String key, Object value) {
        setup.put(key, String.valueOf(value));
        return this;
    }

    Report row(Map<String, Object> row) {
        rows.add(row);
        return this;
    }

    Report note(String note) {
        notes.add(note);
        return this;
    }

    static Map<String, Object> latencyColumns(Histogram h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", h.getTotalCount());
        m.put("p50 ms", ms(h.getValueAtPercentile(50)));
        m.put("p90 ms", ms(h.getValueAtPercentile(90)));
        m.put("p99 ms", ms(h.getValueAtPercentile(99)));
        m.put("p99.9 ms", ms(h.getValueAtPercentile(99.9)));
        m.put("max ms", ms(h.getMaxValue()));
        return m;
    }

    static double ms(long micros) {
        return Math.round(micros / 10.0) / 100.0;
    }

    String markdown() {
        StringBuilder md = new StringBuilder("### " + workload + "\n\n");
        setup.forEach((k, v) -> md.append("- ").append(k).append(": ").append(v).append('\n'));
        md.append('\n');
        if (!rows.isEmpty()) {
            List<String> cols = new ArrayList<>(rows.get(0).keySet());
            md.append("| ").append(String.join(" | ", cols)).append(" |\n|");
            cols.forEach(c -> md.append("---|"));
            md.append('\n');
            for (Map<String, Object> r : rows) {
                md.append("| ");
                for (String c : cols) {
                    md.append(r.get(c)).append(" | ");
                }
                md.append('\n');
            }
        }
        notes.forEach(n -> md.append("\n").append(n).append('\n'));
        return md.toString();
    }

    void write(Path outDir) throws IOException {
        Files.createDirectories(outDir);
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        ObjectNode json = UcwaJson.mapper().createObjectNode();
        json.put("workload", workload);
        ObjectNode s = json.putObject("setup");
        setup.forEach(s::put);
        ArrayNode r = json.putArray("rows");
        rows.forEach(row -> r.add(UcwaJson.mapper().valueToTree(row)));
        ArrayNode n = json.putArray("notes");
        notes.forEach(n::add);
        Files.writeString(outDir.resolve(workload + "-" + stamp + ".json"),
                UcwaJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(json));
        Files.writeString(outDir.resolve(workload + "-" + stamp + ".md"), markdown());
        System.out.println(markdown());
    }
}
