package org.optbench.harness.tuning;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.optbench.harness.config.ComponentSpec;

/**
 * One optimizer's search space: the parameters it fixes and the ones it searches.
 *
 * @param optimizer the optimizer's name, e.g. {@code adam}; the tuning group of its configurations
 * @param text the space as written, e.g. {@code adam(lr=loguniform(1e-5, 0.1))}
 * @param fixed the parameters given a single value
 * @param dimensions the searched parameters, in the order written
 */
public record SearchSpace(String optimizer, String text, Map<String, ComponentSpec.Value> fixed,
        List<Dimension> dimensions) implements Serializable {

    public SearchSpace {
        fixed = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fixed));
        dimensions = List.copyOf(dimensions);
    }

    /** The configuration at point {@code u} (one coordinate per dimension), in the component syntax. */
    public ComponentSpec at(double[] u) {
        if (u.length != dimensions.size()) {
            throw new IllegalArgumentException("expected " + dimensions.size() + " coordinates, got " + u.length);
        }
        Map<String, ComponentSpec.Value> parameters = new LinkedHashMap<>(fixed);
        for (int k = 0; k < u.length; k++) {
            parameters.put(dimensions.get(k).parameter(), dimensions.get(k).at(u[k]));
        }
        return new ComponentSpec(optimizer, parameters);
    }

    /** Every point of the grid over the choices, first dimension slowest, as coordinates at the values' centres. */
    public List<double[]> grid() {
        List<double[]> points = new ArrayList<>();
        points.add(new double[0]);
        for (Dimension dimension : dimensions) {
            List<double[]> next = new ArrayList<>();
            int size = dimension.gridSize();
            for (double[] partial : points) {
                for (int index = 0; index < size; index++) {
                    double[] extended = java.util.Arrays.copyOf(partial, partial.length + 1);
                    extended[partial.length] = (index + 0.5) / size;
                    next.add(extended);
                }
            }
            points = next;
        }
        return points;
    }
}
