package org.optbench.harness.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optbench.harness.UserError;
import org.optbench.harness.testing.Cli;
import org.optbench.harness.wiring.Plugins;
import org.optbench.harness.wiring.Registry;
import org.optbench.harness.wiring.Wiring;

/**
 * Plug-ins found through {@code META-INF/services} without {@code --module}, and every way a plug-in can fail,
 * each reported as one line with exit code 2 naming the real cause. The jars are compiled here from source, as a
 * user would build them.
 */
class PluginsTest {
    private static final String MODULE = "com.example.HalfStepModule";
    private static final String RULE = "com.example.HalfStep";

    /** θ ← θ − η g / 2, named {@code name}, bound under {@code key} by a module {@code annotation} marks. */
    private static PluginJar halfStep(String key, String name, String annotation, String stepBody) {
        String module = """
                package com.example;
                import com.google.inject.AbstractModule;
                import com.google.inject.Provides;
                import com.google.inject.multibindings.ProvidesIntoMap;
                import com.google.inject.multibindings.StringMapKey;
                import java.util.List;
                import org.optbench.harness.wiring.*;
                public final class HalfStepModule extends AbstractModule implements PluginModule {
                    %s
                    OptimizerFactory halfStep() {
                        return Factories.optimizer("%s", "θ ← θ − η g / 2", List.of(ParameterSpec.real("lr", 0.1, "η, > 0")),
                                v -> new HalfStep(v.real("lr")));
                    }
                }
                """.formatted(annotation.replace("KEY", key), name);
        String rule = """
                package com.example;
                import org.optbench.optimizers.*;
                public record HalfStep(double learningRate) implements Optimizer {
                    public String name() { return "half-step"; }
                    public OptimizerState init(int dimension) {
                        float[] g = new float[dimension];
                        return (theta, batch, rate) -> {
                            double loss = batch.lossAndGradient(theta, g);
                            %s
                            for (int i = 0; i < theta.length; i++) theta[i] -= (float) (rate * g[i] / 2);
                            return loss;
                        };
                    }
                }
                """.formatted(stepBody);
        return new PluginJar().source(MODULE, module).source(RULE, rule).service(MODULE);
    }

    private static PluginJar halfStep() {
        return halfStep("half-step", "half-step", "@ProvidesIntoMap @StringMapKey(\"KEY\")", "");
    }

    /** Runs the command line with {@code jars} on the class path, as {@code OPTBENCH_CLASSPATH} puts them there. */
    private static Cli.Result withJars(List<Path> jars, String... args) throws IOException {
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        try (URLClassLoader loader = PluginJar.loader(jars.toArray(Path[]::new))) {
            thread.setContextClassLoader(loader);
            return Cli.run(args);
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    private static Path experiment(Path folder, String optimizer) throws IOException {
        return Files.writeString(folder.resolve("half.yaml"),
                "dataset: quadratic(dim=2, kappa=1, start=[1, -2])\noptimizer: " + optimizer + "\nsteps: 2\n");
    }

    private static void oneLineUserError(Cli.Result result, String... expected) {
        assertEquals(2, result.code(), result.out() + result.err());
        assertEquals(1, result.err().strip().lines().count(), result.err());
        for (String text : expected) {
            assertTrue(result.err().contains(text), "'" + text + "' in: " + result.err());
        }
    }

    private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            digest.update(in.readAllBytes());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    @Test
    void aPluginOnTheClasspathRunsWithoutModuleAndTheManifestRecordsItsJar(@TempDir Path folder) throws Exception {
        Path jar = halfStep().version("1.2.3").build(folder, "half-step");
        Path run = folder.resolve("run");
        Cli.Result result = withJars(List.of(jar), "run", experiment(folder, "half-step(lr=0.5)").toString(), "--out",
                run.toString(), "--no-report");
        assertEquals(0, result.code(), result.err());
        // f = (x0² + x1²) / 2 has g = x, so each update multiplies x by 1 − 0.5 / 2 = 0.75: (1, −2) → (0.5625, −1.125),
        // f = (0.31640625 + 1.265625) / 2 = 0.791015625 (all exact in binary).
        assertEquals("2,0.5,0.791015625,0.5625,-1.125", Files.readAllLines(run.resolve("traces/trial-0.csv")).get(3));
        JsonNode plugin = new ObjectMapper().readTree(run.resolve("manifest.json").toFile()).get("plugins").get(0);
        assertEquals(MODULE, plugin.get("module").asText());
        assertEquals("service", plugin.get("found_by").asText());
        assertEquals(jar.toString(), plugin.get("path").asText());
        assertEquals(Files.size(jar), plugin.get("size").asLong());
        assertEquals(sha256(jar), plugin.get("sha256").asText());
        assertEquals("1.2.3", plugin.get("version").asText());
        Cli.Result list = withJars(List.of(jar), "list");
        assertTrue(list.out().contains("half-step  -  θ ← θ − η g / 2"), list.out());
    }

    @Test
    void aClassMissingFromTheJarIsAUserErrorNamingIt(@TempDir Path folder) throws Exception {
        Path jar = halfStep().omit(RULE).build(folder, "no-rule");
        Cli.Result result = withJars(List.of(jar), "run", experiment(folder, "half-step").toString(), "--out",
                folder.resolve("run").toString());
        oneLineUserError(result, "half-step, from plug-in " + MODULE + " (from " + jar + ")", "class com.example.HalfStep is missing");
        assertFalse(Files.exists(folder.resolve("run")), "nothing written");
    }

    @Test
    void aPluginCompiledForANewerJavaSaysSo(@TempDir Path folder) throws Exception {
        int newer = Runtime.version().feature() + 1;
        Path jar = halfStep().classFileVersion(MODULE, newer + 44).build(folder, "newer");
        Cli.Result result = withJars(List.of(jar), "list");
        oneLineUserError(result, "plug-in " + MODULE, "was compiled for Java " + newer + " (class file version " + (newer + 44)
                + ") but this is Java " + Runtime.version().feature(), "--release 17");
    }

    @Test
    void aMapKeyThatDiffersFromTheFactorysNameIsNamed(@TempDir Path folder) throws Exception {
        Path jar = halfStep("half-step2", "half-step", "@ProvidesIntoMap @StringMapKey(\"KEY\")", "").build(folder, "key");
        Cli.Result result = withJars(List.of(jar), "run", experiment(folder, "half-step").toString(), "--out",
                folder.resolve("run").toString());
        oneLineUserError(result, "@StringMapKey(\"half-step2\") calls itself 'half-step'", "same name");
    }

    @Test
    void aPlainProvidesMethodContributesNothingAndIsNamed(@TempDir Path folder) throws Exception {
        Path jar = halfStep("half-step", "half-step", "@Provides", "").build(folder, "provides");
        oneLineUserError(withJars(List.of(jar), "list"), "binds its OptimizerFactory with a plain @Provides method",
                "@ProvidesIntoMap");
    }

    @Test
    void anEmptyModuleIsNamed(@TempDir Path folder) throws Exception {
        Path jar = new PluginJar().source("com.example.Empty", """
                package com.example;
                public final class Empty extends com.google.inject.AbstractModule
                        implements org.optbench.harness.wiring.PluginModule {
                }
                """).service("com.example.Empty").build(folder, "empty");
        oneLineUserError(withJars(List.of(jar), "list"), "plug-in com.example.Empty (from " + jar + ") contributes no component");
    }

    @Test
    void aNameOptbenchHasOrAnotherPluginBindsIsADuplicateInPlainWords(@TempDir Path folder) throws Exception {
        Path adam = halfStep("adam", "adam", "@ProvidesIntoMap @StringMapKey(\"KEY\")", "").build(folder, "adam");
        oneLineUserError(withJars(List.of(adam), "list"), "binds the optimizer 'adam', which optbench already has", "rename it");
        Path first = halfStep().build(folder, "first");
        Path second = new PluginJar().source("com.example.Other", """
                package com.example;
                import com.google.inject.multibindings.*;
                import java.util.List;
                import org.optbench.harness.wiring.*;
                public final class Other extends com.google.inject.AbstractModule implements PluginModule {
                    @ProvidesIntoMap @StringMapKey("half-step")
                    OptimizerFactory halfStep() {
                        return Factories.optimizer("half-step", "another", List.of(), v -> new org.optbench.optimizers.Sgd(0.1));
                    }
                }
                """).service("com.example.Other").build(folder, "second");
        oneLineUserError(withJars(List.of(first, second), "list"), "plug-in com.example.Other (from " + second
                + ") binds the optimizer 'half-step', which plug-in " + MODULE + " (from " + first + ") also binds");
    }

    @Test
    void aServiceFileNamingAClassTheJarLacksIsNamed(@TempDir Path folder) throws Exception {
        Path jar = halfStep().service("com.example.Typo").build(folder, "typo");
        oneLineUserError(withJars(List.of(jar), "list"), "plug-in com.example.Typo (listed in " + jar + ")",
                "its class is not in the jar");
    }

    @Test
    void aFailedTrialsStackTraceShowsWithVerboseOnly(@TempDir Path folder) throws Exception {
        Path jar = halfStep("half-step", "half-step", "@ProvidesIntoMap @StringMapKey(\"KEY\")",
                "if (loss >= 0) throw new IllegalStateException(\"plug-in bug\");").build(folder, "bug");
        Path file = experiment(folder, "half-step");
        Cli.Result quiet = withJars(List.of(jar), "run", file.toString(), "--out", folder.resolve("a").toString(), "--no-report");
        assertEquals(0, quiet.code(), quiet.err());
        assertTrue(quiet.out().contains("failed") && quiet.out().contains("IllegalStateException: plug-in bug"), quiet.out());
        assertFalse(quiet.out().contains("at com.example.HalfStep"), quiet.out());
        Cli.Result verbose = withJars(List.of(jar), "run", file.toString(), "--out", folder.resolve("b").toString(),
                "--no-report", "--verbose");
        assertTrue(verbose.out().contains("at com.example.HalfStep"), "the plug-in's frame in the trace: " + verbose.out());
    }

    @Test
    void anUnknownNameWithAPluginInSightAsksAboutModule(@TempDir Path folder) throws Exception {
        // A jar on OPTBENCH_CLASSPATH without a service file: nothing was loaded from it.
        Path plain = halfStep().build(folder, "plain");
        Path bare = new PluginJar().source("com.example.Bare", "package com.example; public final class Bare { }").build(folder, "bare");
        try (URLClassLoader loader = PluginJar.loader(bare)) {
            Registry registry = Wiring.registry(List.of(), loader);
            String hint = Plugins.unknownNameHint(bare.toString(), registry.plugins(), List.of());
            UserError error = assertThrows(UserError.class, () -> registry.withUnknownNameHint(hint)
                    .optimizer(org.optbench.harness.config.ComponentParser.parse("half-step", "optimizer"), "exp.yaml:2"));
            assertTrue(error.getMessage().contains("unknown optimizer 'half-step'"), error.getMessage());
            assertTrue(error.getMessage().contains("OPTBENCH_CLASSPATH has " + bare + ", from which no plug-in was loaded:"
                    + " did you forget --module / OPTBENCH_CLASSPATH?"), error.getMessage());
        }
        // A jar whose plug-in was loaded is no reason for the hint.
        try (URLClassLoader loader = PluginJar.loader(plain)) {
            Registry registry = Wiring.registry(List.of(), loader);
            assertEquals("", Plugins.unknownNameHint(plain.toString(), registry.plugins(), List.of()));
        }
        // Resuming a run whose manifest names a plug-in that is not loaded now.
        Path file = experiment(folder, "half-step");
        Path run = folder.resolve("run");
        Cli.Result first = withJars(List.of(plain), "run", file.toString(), "--out", run.toString(), "--no-report");
        assertEquals(0, first.code(), first.err());
        Cli.Result resumed = Cli.run("run", file.toString(), "--out", run.toString(), "--resume", "--no-report");
        oneLineUserError(resumed, "unknown optimizer 'half-step'", "the run being resumed used " + MODULE
                + ": did you forget --module / OPTBENCH_CLASSPATH?");
    }

    @Test
    void theModuleFlagStillLoadsAModuleWithoutServiceFile(@TempDir Path folder) throws Exception {
        Path jar = new PluginJar().source(MODULE, halfStepSource()).source(RULE, ruleSource()).build(folder, "flag");
        Cli.Result without = withJars(List.of(jar), "run", experiment(folder, "half-step").toString(), "--out",
                folder.resolve("a").toString(), "--no-report");
        assertEquals(2, without.code(), without.err());
        Cli.Result with = withJars(List.of(jar), "run", experiment(folder, "half-step(lr=0.5)").toString(), "--out",
                folder.resolve("b").toString(), "--no-report", "--module", MODULE);
        assertEquals(0, with.code(), with.err());
        assertEquals("2,0.5,0.791015625,0.5625,-1.125", Files.readAllLines(folder.resolve("b/traces/trial-0.csv")).get(3));
    }

    private static String halfStepSource() {
        return halfStep().sourceOf(MODULE);
    }

    private static String ruleSource() {
        return halfStep().sourceOf(RULE);
    }
}
