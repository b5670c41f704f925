package org.optbench.harness.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NamesTest {
    static final List<String> OPTIMIZERS = List.of("adadelta", "adagrad", "adam", "delta-bar-delta", "momentum", "nesterov",
            "nesterov-simplified", "rmsprop", "sgd");

    @Test
    void levenshteinDistances() {
        // By hand: kitten -> sitten -> sittin -> sitting.
        assertEquals(3, Names.distance("kitten", "sitting"));
        assertEquals(2, Names.distance("adma", "adam"), "two substitutions (no transpositions in Levenshtein)");
        assertEquals(0, Names.distance("sgd", "sgd"));
        assertEquals(3, Names.distance("", "sgd"));
    }

    @Test
    void closestMatches() {
        assertEquals(Optional.of("adam"), Names.closest("adma", OPTIMIZERS));
        assertEquals(Optional.of("rmsprop"), Names.closest("rmsprp", OPTIMIZERS));
        assertEquals(Optional.of("delta-bar-delta"), Names.closest("delta", OPTIMIZERS), "the one name it abbreviates");
        assertEquals(Optional.of("momentum"), Names.closest("Momentum", OPTIMIZERS));
        assertEquals(Optional.empty(), Names.closest("lbfgs-xyz", OPTIMIZERS));
    }
}
