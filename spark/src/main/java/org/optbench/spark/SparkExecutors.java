package org.optbench.spark;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.optbench.harness.UserError;
import org.optbench.harness.trial.ClusterExecutors;
import org.optbench.harness.trial.TrialExecutor;

/**
 * {@code --executor spark}: builds the Spark configuration from {@code --master} and {@code --conf} with optbench's
 * defaults (docs/spark.md):
 * <ul>
 *   <li>{@code spark.master} {@code local[*]} when no {@code --master} is given;</li>
 *   <li>executors start with {@code --add-modules=jdk.incubator.vector}, so they use the same kernel as the driver
 *       (appended to any {@code spark.executor.extraJavaOptions} given);</li>
 *   <li>{@code spark.executorEnv.SPARK_SCALA_VERSION=2.13}, which executors launched by a worker need;</li>
 *   <li>{@code spark.jars}: this module's jar and the jars on {@code OPTBENCH_CLASSPATH} (the {@code --module}
 *       plug-ins), shipped to executors that do not run in this JVM;</li>
 *   <li>{@code spark.ui.enabled=false}: no web UI unless asked for.</li>
 * </ul>
 */
public final class SparkExecutors implements ClusterExecutors {
    static final String VECTOR_FLAG = "--add-modules=jdk.incubator.vector";

    @Override
    public String name() {
        return "spark";
    }

    @Override
    public TrialExecutor create(String master, Map<String, String> settings) {
        return new SparkTrialExecutor(conf(master, settings, System.getenv("OPTBENCH_CLASSPATH"), System.getenv("SPARK_HOME")));
    }

    /** The configuration for a master, the user's settings, the plug-in classpath and SPARK_HOME (each may be null). */
    static SparkConf conf(String master, Map<String, String> settings, String pluginClasspath, String sparkHome) {
        SparkConf conf = new SparkConf(false).setAppName("optbench").setMaster(master == null ? "local[*]" : master);
        conf.set("spark.ui.enabled", "false");
        conf.set("spark.executorEnv.SPARK_SCALA_VERSION", "2.13");
        settings.forEach(conf::set);
        String options = conf.get("spark.executor.extraJavaOptions", "");
        if (!options.contains(VECTOR_FLAG)) {
            conf.set("spark.executor.extraJavaOptions", (options + " " + VECTOR_FLAG).trim());
        }
        String resolvedMaster = conf.get("spark.master");
        if (!resolvedMaster.startsWith("local[") && !resolvedMaster.equals("local")) {
            if (resolvedMaster.startsWith("local-cluster") && (sparkHome == null || !Files.isDirectory(Path.of(sparkHome, "jars")))) {
                throw new UserError("--master " + resolvedMaster + " starts executor JVMs from SPARK_HOME/jars, but SPARK_HOME "
                        + (sparkHome == null ? "is not set" : "(" + sparkHome + ") has no jars folder")
                        + "; start the run with ./optbench, which sets it to spark/target/spark-home");
            }
            List<String> jars = new ArrayList<>();
            String existing = conf.get("spark.jars", "");
            if (!existing.isBlank()) {
                jars.add(existing);
            }
            ownJar().ifPresent(jars::add);
            if (pluginClasspath != null) {
                for (String entry : pluginClasspath.split(File.pathSeparator)) {
                    if (entry.isBlank()) {
                        continue;
                    }
                    if (!entry.endsWith(".jar") || !Files.isRegularFile(Path.of(entry))) {
                        throw new UserError("OPTBENCH_CLASSPATH entry " + entry + " is not a jar file; a cluster's executors"
                                + " receive --module classes as jars (spark.jars), so package them in a jar");
                    }
                    jars.add(Path.of(entry).toAbsolutePath().toString());
                }
            }
            if (!jars.isEmpty()) {
                conf.set("spark.jars", String.join(",", jars));
            }
        }
        return conf;
    }

    /** This module's jar when it runs from one (not from a class folder, as in tests). */
    private static java.util.Optional<String> ownJar() {
        try {
            Path location = Path.of(SparkExecutors.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(location) ? java.util.Optional.of(location.toString()) : java.util.Optional.empty();
        } catch (URISyntaxException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }
}
