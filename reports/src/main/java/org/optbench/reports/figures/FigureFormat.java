package org.optbench.reports.figures;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** The file formats a figure can be written in: PNG (bitmap, the default), SVG and PDF (vector). */
public enum FigureFormat {
    PNG("png"),
    SVG("svg"),
    PDF("pdf");

    private final String extension;

    FigureFormat(String extension) {
        this.extension = extension;
    }

    /** The file extension without the dot. */
    public String extension() {
        return extension;
    }

    /** Parses a comma-separated list such as {@code png,svg} (case-insensitive); empty or null gives PNG. */
    public static Set<FigureFormat> parseList(String text) {
        Set<FigureFormat> formats = EnumSet.noneOf(FigureFormat.class);
        if (text == null || text.isBlank()) {
            return EnumSet.of(PNG);
        }
        for (String part : text.split(",")) {
            String name = part.trim().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                continue;
            }
            FigureFormat found = null;
            for (FigureFormat format : values()) {
                if (format.extension.equals(name)) {
                    found = format;
                }
            }
            if (found == null) {
                throw new IllegalArgumentException("--format: unknown figure format '" + part.trim()
                        + "'; choose from png, svg, pdf (comma-separated)");
            }
            formats.add(found);
        }
        return formats.isEmpty() ? EnumSet.of(PNG) : formats;
    }
}
