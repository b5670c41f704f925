package org.optbench.reports.figures;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import org.optbench.reports.Configuration;

/**
 * Colours and line styles for a figure: every configuration gets a colour of its own, in the order of the
 * configurations the figure is drawn from (a data set's configurations, the same list for every figure of that
 * data set, so a configuration keeps its colour across them). Shades of one hue were too alike to tell apart
 * once an optimizer ran in several variants; distinct colours are not.
 *
 * <p>The colours are the Okabe–Ito palette (distinguishable with the common colour-vision deficiencies), its
 * yellow left out (it does not show on white), then brown and two colours of Paul Tol's palette; no grey, which
 * is the contours' colour. From the eleventh configuration on the colours repeat with a dash pattern, so no two
 * lines of a figure share colour and stroke (up to 50 configurations).
 */
public final class Palette {
    private static final Color[] COLORS = {new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73),
        new Color(0xE69F00), new Color(0xCC79A7), new Color(0x56B4E9), new Color(0x000000), new Color(0x8C564B),
        new Color(0x882255), new Color(0x999933)};
    private static final float[][] DASHES = {null, {9f, 5f}, {2f, 4f}, {12f, 4f, 2f, 4f}, {5f, 3f, 5f, 8f}};

    private final Map<Configuration, Integer> index = new LinkedHashMap<>();

    /** A palette for the configurations of one figure, in their order. */
    public Palette(List<Configuration> configurations) {
        for (Configuration configuration : new LinkedHashSet<>(configurations)) {
            index.putIfAbsent(configuration, index.size());
        }
    }

    /**
     * A palette for {@code figure}; {@code run} is accepted for callers that pass the whole run and is not needed
     * since colours are per configuration.
     */
    public Palette(List<Configuration> run, List<Configuration> figure) {
        this(figure);
    }

    private int indexOf(Configuration configuration) {
        // A configuration outside the list (never expected) still gets a stable colour.
        Integer position = index.get(configuration);
        return position != null ? position : Math.floorMod(configuration.hashCode(), COLORS.length);
    }

    /** The line colour of a configuration: the next palette colour, repeating after ten. */
    public Color lineColor(Configuration configuration) {
        return COLORS[indexOf(configuration) % COLORS.length];
    }

    /** A translucent version of the configuration's colour, for seed bands. */
    public Color band(Configuration configuration) {
        Color color = lineColor(configuration);
        return new Color(color.getRed(), color.getGreen(), color.getBlue(), 45);
    }

    /** The line stroke of a configuration: solid for the first ten, then a dash pattern per round of colours. */
    public BasicStroke stroke(Configuration configuration, float width) {
        float[] dash = DASHES[(indexOf(configuration) / COLORS.length) % DASHES.length];
        return dash == null ? new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND)
                : new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, dash, 0f);
    }
}
