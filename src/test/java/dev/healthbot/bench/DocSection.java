package dev.healthbot.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Rewrites one generated section of a Markdown file, between {@code <!-- name:begin -->} and
 * {@code <!-- name:end -->}, leaving the rest (other benches' sections, hand-written notes) as it is;
 * appends the section when the markers are missing.
 */
final class DocSection {

    private DocSection() {}

    static void write(Path file, String name, String content) throws IOException {
        String begin = "<!-- " + name + ":begin (generated; do not edit by hand) -->";
        String end = "<!-- " + name + ":end -->";
        String block = begin + "\n" + content.strip() + "\n" + end;
        String doc = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "# Benchmarks\n";
        int b = doc.indexOf("<!-- " + name + ":begin");
        int e = doc.indexOf(end);
        String out;
        if (b >= 0 && e > b) {
            out = doc.substring(0, b) + block + doc.substring(e + end.length());
        } else {
            out = doc.stripTrailing() + "\n\n" + block + "\n";
        }
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        Files.writeString(file, out, StandardCharsets.UTF_8);
    }
}
