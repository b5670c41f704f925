package org.optbench.reports.figures;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import org.optbench.reports.Configuration;

/**
 * Colours and line styles for a run's figures: one colour per optimizer name ({@code adam} for every
 * {@code adam(...)}), in the order the run first uses them, the same in every figure of the run; configurations
 * that share an optimizer name but differ in its parameters or elsewhere (schedule, regularizers, model) keep its
 * colour, lighter or darker, and get different dash patterns. When every line of a figure is the same optimizer
 * (a schedule or regularizer comparison), each configuration gets a colour of its own instead.
 *
 * <p>The colours are the Okabe–Ito palette (distinguishable with the common colour-vision deficiencies), its
 * yellow left out (it does not show on white), then brown and two colours of Paul Tol's palette; no grey, which
 * is the contours' colour. After ten optimizers the colours repeat, dashed.
 */
public final class Palette {
    private static final Color[] COLORS = {new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73),
        new Color(0xE69F00), new Color(0xCC79A7), new Color(0x56B4E9), new Color(0x000000), new Color(0x8C564B),
        new Color(0x882255), new Color(0x999933)};
    /** Per variant: > 0 mixes in white, < 0 black. */
    private static final double[] SHADES = {0, 0.45, -0.35, 0.7, -0.6};
    private static final float[][] DASHES = {null, {9f, 5f}, {2f, 4f}, {12f, 4f, 2f, 4f}, {5f, 3f, 5f, 8f}};

    private final Map<String, Integer> optimizerIndex = new LinkedHashMap<>();
    private final Map<Configuration, Integer> variantIndex = new HashMap<>();
    /** Every line of the figure is one optimizer: then its configurations get colours of their own. */
    private final boolean colourByConfiguration;

    /** A palette for {@code configurations} in the run's order. */
    public Palette(List<Configuration> configurations) {
        this(configurations, configurations);
    }

    /**
     * Colours from the whole run, so they agree between figures; dash patterns from the configurations of one
     * figure, so that a figure's first configuration of each optimizer is drawn solid.
     */
    public Palette(List<Configuration> run, List<Configuration> figure) {
        for (Configuration configuration : new LinkedHashSet<>(run)) {
            optimizerIndex.putIfAbsent(Labels.nameOf(configuration.optimizer()), optimizerIndex.size());
        }
        Map<String, Integer> variantsSeen = new HashMap<>();
        Map<List<String>, Integer> variantOf = new HashMap<>();
        for (Configuration configuration : new LinkedHashSet<>(figure)) {
            String name = Labels.nameOf(configuration.optimizer());
            optimizerIndex.putIfAbsent(name, optimizerIndex.size());
            List<String> key = List.of(configuration.optimizer(), configuration.schedule(),
                    configuration.regularizers(), configuration.model());
            Integer variant = variantOf.get(key);
            if (variant == null) {
                variant = variantsSeen.merge(name, 1, Integer::sum) - 1;
                variantOf.put(key, variant);
            }
            variantIndex.put(configuration, variant);
        }
        long names = figure.stream().map(configuration -> Labels.nameOf(configuration.optimizer())).distinct().count();
        colourByConfiguration = names == 1 && variantOf.size() > 1;
    }

    /** The colour of an optimizer, by its name. */
    public Color color(String optimizer) {
        String name = Labels.nameOf(optimizer);
        Integer index = optimizerIndex.get(name);
        if (index == null) {
            index = Math.floorMod(name.hashCode(), COLORS.length);
        }
        return COLORS[index % COLORS.length];
    }

    public Color color(Configuration configuration) {
        return color(configuration.optimizer());
    }

    /**
     * The line colour of a configuration: its optimizer's colour, lighter or darker for the optimizer's further
     * configurations in a figure. Dash patterns alone do not tell lines apart when XChart draws a dense curve
     * as many short segments, each restarting the pattern.
     */
    public Color lineColor(Configuration configuration) {
        int variant = variantIndex.getOrDefault(configuration, 0);
        if (colourByConfiguration) {
            // One optimizer in several schedules or regularizers: shades of one colour are too alike to tell apart.
            return COLORS[variant % COLORS.length];
        }
        Color color = color(configuration);
        double shade = SHADES[variant % SHADES.length];
        if (shade >= 0) {
            return mix(color, Color.WHITE, shade);
        }
        return mix(color, Color.BLACK, -shade);
    }

    private static Color mix(Color color, Color with, double amount) {
        return new Color((int) Math.round(color.getRed() * (1 - amount) + with.getRed() * amount),
                (int) Math.round(color.getGreen() * (1 - amount) + with.getGreen() * amount),
                (int) Math.round(color.getBlue() * (1 - amount) + with.getBlue() * amount));
    }

    /** A translucent version of the configuration's colour, for seed bands. */
    public Color band(Configuration configuration) {
        Color color = colourByConfiguration ? lineColor(configuration) : color(configuration);
        return new Color(color.getRed(), color.getGreen(), color.getBlue(), 45);
    }

    /** The line stroke of a configuration: solid for an optimizer's first configuration, dashed for the others. */
    public BasicStroke stroke(Configuration configuration, float width) {
        int variant = variantIndex.getOrDefault(configuration, 0);
        int dashIndex;
        if (colourByConfiguration) {
            dashIndex = variant / COLORS.length; // solid until the colours run out
        } else {
            // The shade repeats every SHADES.length variants: shift the dash then, so that (colour, dash) pairs
            // stay distinct up to SHADES.length * DASHES.length configurations of one optimizer.
            dashIndex = variant + variant / SHADES.length;
            Integer index = optimizerIndex.get(Labels.nameOf(configuration.optimizer()));
            if (index != null && index >= COLORS.length) {
                dashIndex += index / COLORS.length;
            }
        }
        float[] dash = DASHES[dashIndex % DASHES.length];
        return dash == null ? new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND)
                : new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, dash, 0f);
    }

    /** The optimizer names in palette order. */
    public List<String> optimizers() {
        return new ArrayList<>(optimizerIndex.keySet());
    }
}
