package org.optbench.harness.trial;

import java.util.Map;

/**
 * A cluster engine's entry point, found with {@link java.util.ServiceLoader} so that the harness never links
 * against the engine: the optional {@code spark} module registers one named {@code spark} in
 * {@code META-INF/services/org.optbench.harness.trial.ClusterExecutors}, and {@code optbench run --executor spark}
 * finds it only when that module is on the classpath.
 */
public interface ClusterExecutors {

    /** The {@code --executor} name, e.g. {@code spark}. */
    String name();

    /**
     * An executor connecting to {@code master} with the engine settings {@code conf} ({@code --conf key=value}).
     *
     * @param master the cluster, e.g. {@code local[2]} or {@code spark://host:7077}; {@code null} for the engine's default
     * @throws org.optbench.harness.UserError if the master or a setting is unusable
     */
    TrialExecutor create(String master, Map<String, String> conf);
}
