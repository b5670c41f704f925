package org.optbench.reports.figures;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Contour lines of a function sampled on a grid, by marching squares: in each grid cell the level crosses the
 * edges whose end values lie on opposite sides of it, at the linearly interpolated point; the two crossings of a
 * cell are joined by a segment (four crossings, a saddle, are paired by the value at the cell centre).
 */
final class Contours {
    private Contours() {
    }

    /**
     * The segments of level {@code level} as one polyline with NaN between segments (XChart leaves a gap at NaN).
     *
     * @param values {@code values[i][j] = f(x0[i], x1[j])}
     * @return {x coordinates, y coordinates}
     */
    static double[][] segments(double[] x0, double[] x1, double[][] values, double level) {
        List<double[]> points = new ArrayList<>();
        for (int i = 0; i + 1 < x0.length; i++) {
            for (int j = 0; j + 1 < x1.length; j++) {
                double v00 = values[i][j];
                double v10 = values[i + 1][j];
                double v11 = values[i + 1][j + 1];
                double v01 = values[i][j + 1];
                if (!(Double.isFinite(v00) && Double.isFinite(v10) && Double.isFinite(v11)
                        && Double.isFinite(v01))) {
                    continue;
                }
                // Crossings on the edges bottom (00-10), right (10-11), top (01-11), left (00-01).
                double[][] crossings = new double[4][];
                crossings[0] = cross(x0[i], x1[j], v00, x0[i + 1], x1[j], v10, level);
                crossings[1] = cross(x0[i + 1], x1[j], v10, x0[i + 1], x1[j + 1], v11, level);
                crossings[2] = cross(x0[i], x1[j + 1], v01, x0[i + 1], x1[j + 1], v11, level);
                crossings[3] = cross(x0[i], x1[j], v00, x0[i], x1[j + 1], v01, level);
                List<double[]> found = new ArrayList<>(4);
                for (double[] crossing : crossings) {
                    if (crossing != null) {
                        found.add(crossing);
                    }
                }
                if (found.size() == 2) {
                    addSegment(points, found.get(0), found.get(1));
                } else if (found.size() == 4) {
                    double centre = 0.25 * (v00 + v10 + v11 + v01);
                    boolean lowCornerIsolated = (v00 >= level) != (centre >= level);
                    if (lowCornerIsolated) {
                        addSegment(points, crossings[0], crossings[3]);
                        addSegment(points, crossings[1], crossings[2]);
                    } else {
                        addSegment(points, crossings[0], crossings[1]);
                        addSegment(points, crossings[2], crossings[3]);
                    }
                }
            }
        }
        double[] xs = new double[points.size()];
        double[] ys = new double[points.size()];
        for (int k = 0; k < points.size(); k++) {
            xs[k] = points.get(k)[0];
            ys[k] = points.get(k)[1];
        }
        return new double[][] {xs, ys};
    }

    /**
     * Levels at quantiles of the sampled values, so that contours crowd where most of the domain lies whatever the
     * function's scale (Rosenbrock's values span six decades, Rastrigin's are almost uniform).
     */
    static double[] quantileLevels(double[][] values) {
        double[] finite = Arrays.stream(values).flatMapToDouble(Arrays::stream).filter(Double::isFinite).sorted()
                .toArray();
        if (finite.length == 0) {
            return new double[0];
        }
        double[] probabilities = {0.005, 0.02, 0.05, 0.1, 0.18, 0.27, 0.37, 0.5, 0.63, 0.78, 0.9};
        double[] levels = new double[probabilities.length];
        for (int k = 0; k < probabilities.length; k++) {
            levels[k] = finite[(int) Math.round(probabilities[k] * (finite.length - 1))];
        }
        return Arrays.stream(levels).distinct().toArray();
    }

    private static double[] cross(double xa, double ya, double va, double xb, double yb, double vb, double level) {
        if ((va < level) == (vb < level) || va == vb) {
            return null;
        }
        double fraction = (level - va) / (vb - va);
        return new double[] {xa + fraction * (xb - xa), ya + fraction * (yb - ya)};
    }

    private static void addSegment(List<double[]> points, double[] a, double[] b) {
        if (!points.isEmpty()) {
            points.add(new double[] {Double.NaN, Double.NaN});
        }
        points.add(a);
        points.add(b);
    }
}
