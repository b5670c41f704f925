package org.optbench.harness.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.optbench.harness.UserError;
import org.optbench.harness.trial.Trial;
import org.optbench.harness.trial.TrialSeeds;
import org.optbench.harness.tuning.Halton;
import org.optbench.harness.tuning.Tuning;

/** Search spaces and the tuning block: the configurations drawn, and one clear error per bad space. */
class TuningParserTest {

    static Plan plan(String yaml) {
        return ExperimentParserTest.plan(yaml);
    }

    static final String HEADER = """
            dataset: blobs(n=60)
            model: test-softmax
            epochs: 1
            """;

    @Test
    void haltonDrawsTheBudgetFromTheScrambledSequenceOnALogScale() {
        Plan plan = plan(HEADER + """
                optimizer:
                  - adam(lr=loguniform(1e-4, 0.1))
                  - sgd
                tuning:
                  method: halton
                  budget: 6
                  seeds: 2
                  final: {seeds: 3}
                """);
        Tuning tuning = plan.tuning();
        assertEquals(Tuning.Method.HALTON, tuning.method());
        assertEquals(3, tuning.finalSeeds());
        List<Trial> trials = plan.trials(name -> false);
        // adam: 6 configurations x 2 seeds; sgd searches nothing, so one configuration x 2 seeds.
        assertEquals(14, trials.size());
        Halton halton = Halton.scrambled(1, TrialSeeds.searchSeed(42, "halton", "adam"));
        for (int i = 0; i < 6; i++) {
            Trial trial = trials.get(2 * i);
            double u = halton.point(i + 1)[0];
            // lr = 1e-4 · 1000^u, rounded to 4 significant digits.
            double expected = new BigDecimal(1e-4 * Math.pow(1000, u)).round(new java.math.MathContext(4)).doubleValue();
            assertTrue(trial.optimizer().startsWith("adam(lr=" + org.optbench.harness.wiring.Format.real(expected) + ","),
                    trial.optimizer() + " vs " + expected);
            assertEquals(0, trial.repeat());
            assertEquals(1, trials.get(2 * i + 1).repeat());
            // Paired design: both seeds of every configuration are the repeat's trial seed.
            assertEquals(TrialSeeds.pairedTrialSeed(42, trial.dataset(), "test-softmax", 1), trials.get(2 * i + 1).seed());
        }
        assertEquals("sgd(lr=0.01)", trials.get(12).optimizer());
        Map<String, Object> config = plan.resolvedConfig();
        assertEquals(List.of("adam(lr=loguniform(1e-4, 0.1))", "sgd"), config.get("optimizer"));
        @SuppressWarnings("unchecked")
        Map<String, Object> described = (Map<String, Object>) config.get("tuning");
        assertEquals("halton", described.get("method"));
        assertEquals(Map.of("adam", "adam(lr=loguniform(1e-4, 0.1))", "sgd", "sgd"), described.get("search_spaces"));
    }

    @Test
    void aGridIsEveryCombinationOfTheChoicesAndListsCountAsChoices() {
        Plan plan = plan(HEADER + """
                optimizer: momentum(lr=[0.1, 0.01], momentum=choice(0.5, 0.9))
                tuning: {method: grid}
                """);
        assertEquals(List.of("momentum(lr=0.1, momentum=0.5)", "momentum(lr=0.1, momentum=0.9)",
                "momentum(lr=0.01, momentum=0.5)", "momentum(lr=0.01, momentum=0.9)"),
                plan.trials(name -> false).stream().map(Trial::optimizer).toList());
        assertEquals(4, plan.tuning().budget());
    }

    @Test
    void randomSearchStaysInItsBoundsAndSmallerBudgetsArePrefixes() {
        String good = HEADER + """
                optimizer: momentum(lr=uniform(0.01, 0.2), momentum=choice(0, 0.5, 0.9))
                tuning: {method: random, budget: BUDGET}
                """;
        List<String> eight = plan(good.replace("BUDGET", "8")).trials(name -> false).stream().map(Trial::optimizer).toList();
        List<String> three = plan(good.replace("BUDGET", "3")).trials(name -> false).stream().map(Trial::optimizer).toList();
        assertEquals(eight.subList(0, 3), three);
        for (String optimizer : eight) {
            double lr = Double.parseDouble(optimizer.replaceAll(".*lr=([^,]+),.*", "$1"));
            assertTrue(lr >= 0.01 && lr <= 0.2, optimizer);
            assertTrue(optimizer.matches(".*momentum=(0|0.5|0.9)\\)"), optimizer);
        }
    }

    static void assertContains(String message, String part) {
        assertTrue(message.contains(part), message);
    }

    static String error(String optimizer, String tuning) {
        String yaml = HEADER + "optimizer: " + optimizer + "\n" + tuning + "\n";
        return assertThrows(UserError.class, () -> plan(yaml)).getMessage();
    }

    static String halvingError(String halving) {
        String yaml = """
                dataset: blobs(n=60)
                model: test-softmax
                epochs: 3
                optimizer: adam(lr=loguniform(1e-4, 0.1))
                tuning:
                  budget: 4
                """ + "  halving: " + halving + "\n";
        return assertThrows(UserError.class, () -> plan(yaml)).getMessage();
    }

    @Test
    void halvingIsReadWithItsDefaultsAndRecordedInTheManifest() {
        Plan plan = plan(HEADER.replace("epochs: 1", "epochs: 3") + """
                optimizer: adam(lr=loguniform(1e-4, 0.1))
                tuning: {budget: 4, halving: {eta: 2}}
                """);
        assertEquals(new org.optbench.harness.tuning.Halving(1, 2), plan.tuning().halving());
        @SuppressWarnings("unchecked")
        Map<String, Object> described = (Map<String, Object>) plan.resolvedConfig().get("tuning");
        assertEquals(Map.of("min_epochs", 1, "eta", 2), described.get("halving"));
        assertEquals(new org.optbench.harness.tuning.Halving(1, 3),
                plan(HEADER.replace("epochs: 1", "epochs: 3") + "optimizer: adam(lr=loguniform(1e-4, 0.1))\n"
                        + "tuning: {budget: 4, halving: {}}\n").tuning().halving());
    }

    @Test
    void eachBadHalvingGetsOneLineNamingTheKey() {
        assertEquals("e.yaml:7: eta must be a whole number >= 2 (each rung keeps the best 1/eta of the configurations),"
                + " got '1'", halvingError("{eta: 1}"));
        assertEquals("e.yaml:7: eta must be a whole number >= 2 (each rung keeps the best 1/eta of the configurations),"
                + " got '2.5'", halvingError("{eta: 2.5}"));
        assertEquals("e.yaml:7: min_epochs must be a whole number >= 1, got '0'", halvingError("{min_epochs: 0}"));
        assertEquals("e.yaml:7: min_epochs 3 must be below the trials' 3 epochs (e.yaml:3: epochs), else no rung stops a"
                + " trial early; lower min_epochs or raise epochs",
                halvingError("{min_epochs: 3}"));
        assertEquals("e.yaml:7: min_epoch: unknown halving key 'min_epoch' (did you mean 'min_epochs'?); known: min_epochs, eta",
                halvingError("{min_epoch: 1}"));
        assertEquals("e.yaml:7: halving is a mapping, e.g. halving: {min_epochs: 1, eta: 3}", halvingError("yes"));
        // Nothing to choose between: every optimizer has one configuration.
        String yaml = HEADER.replace("epochs: 1", "epochs: 3") + "optimizer: [sgd, adam(lr=0.01)]\n"
                + "tuning: {method: grid, halving: {eta: 2}}\n";
        assertEquals("e.yaml:5: halving: successive halving chooses among an optimizer's configurations, but"
                + " every optimizer has only one; raise the budget or search a parameter, or remove halving",
                assertThrows(UserError.class, () -> plan(yaml)).getMessage());
    }

    @Test
    void lowerBoundNotBelowTheUpperBound() {
        String message = error("adam(lr=loguniform(0.1, 1e-3))", "tuning: {budget: 4}");
        assertEquals("e.yaml:4: optimizer: adam: lr=loguniform(0.1, 1e-3): the lower bound 0.1 must be below the upper"
                + " bound 1e-3", message);
    }

    @Test
    void logScaleOfANonPositiveBound() {
        String message = error("adam(lr=loguniform(0, 0.1))", "tuning: {budget: 4}");
        assertEquals("e.yaml:4: optimizer: adam: lr=loguniform(0, 0.1): a log scale needs bounds > 0, got a lower bound"
                + " of 0; use uniform for a range that includes 0", message);
    }

    @Test
    void rangeOutsideTheOptimizersValidRange() {
        String message = error("sgd(lr=uniform(0, 0.1))", "tuning: {budget: 4}");
        assertTrue(message.startsWith("e.yaml:4: optimizer: sgd: lr=uniform(0, 0.1) reaches 0, outside the optimizer's"
                + " valid range ("), message);
        assertTrue(message.endsWith("); narrow the search space"), message);
        String momentum = error("momentum(momentum=uniform(0.5, 1.5))", "tuning: {budget: 4}");
        assertTrue(momentum.contains("momentum=uniform(0.5, 1.5) reaches 1.5, outside the optimizer's valid range"), momentum);
    }

    @Test
    void distributionOnANonRealParameter() {
        String message = error("rmsprop(eps_inside=uniform(0, 1))", "tuning: {budget: 4}");
        assertEquals("e.yaml:4: optimizer: rmsprop: eps_inside=uniform(0, 1): eps_inside is a boolean parameter but"
                + " uniform draws real numbers; use choice(...) for it", message);
    }

    @Test
    void otherMistakesEachGetOneLine() {
        assertContains(error("adam(lr=loguniform(1e-4, 0.1))", ""), "is a search space: it needs a tuning: block");
        assertContains(error("adam(lr=loguniform(1e-4, 0.1))", "tuning: {method: grid}"), "cannot be gridded");
        assertContains(error("adam(lr=logunifrom(1e-4, 0.1))", "tuning: {budget: 2}"), "unknown distribution 'logunifrom' (did you mean 'loguniform'?)");
        assertContains(error("adam(lr=loguniform(1e-4, 0.1))", "tuning: {method: halton}"), "needs a budget");
        assertContains(error("adam(lr=loguniform(1e-4, 0.1))", "tuning: {budget: 2, metric: test_loss}"), "validation split only");
        assertContains(error("adam(lr=loguniform(1e-4, 0.1))", "tuning: {budget: 2}\nrepeats: 3"), "takes its seeds from the tuning block");
        String twice = error("[adam(lr=0.1), adam(lr=0.2)]", "tuning: {budget: 2}");
        assertTrue(twice.contains("adam is listed twice"), twice);
    }
}
