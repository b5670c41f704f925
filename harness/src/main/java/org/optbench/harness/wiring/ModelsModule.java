package org.optbench.harness.wiring;

import static org.optbench.harness.wiring.ParameterSpec.choice;
import static org.optbench.harness.wiring.ParameterSpec.integer;
import static org.optbench.harness.wiring.ParameterSpec.integers;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.multibindings.ProvidesIntoMap;
import com.google.inject.multibindings.StringMapKey;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.optbench.datasets.Dataset;
import org.optbench.harness.models.Activation;
import org.optbench.harness.models.Cnn;
import org.optbench.harness.models.LinearRegressionModel;
import org.optbench.harness.models.Mlp;
import org.optbench.harness.models.OutputLoss;
import org.optbench.harness.models.ScalarReluNet;
import org.optbench.harness.models.SoftmaxRegression;
import org.optbench.harness.models.WeightInit;
import org.optbench.optimizers.regularizers.Dropout;

/**
 * The models by name, each sized from its data set: inputs from the feature count, outputs from the classes
 * (softmax cross-entropy) or the targets (mean squared error).
 */
public final class ModelsModule extends AbstractModule {

    @Override
    protected void configure() {
        MapBinder.newMapBinder(binder(), String.class, ModelFactory.class);
    }

    @ProvidesIntoMap
    @StringMapKey("linear")
    ModelFactory linear() {
        return Factories.model("linear", "linear regression ŷ = W x + b, mean squared error (regression data)", List.of(),
                (values, dataset, dropout) -> {
                    requireRegression("linear", dataset);
                    noDropout("linear", dropout);
                    return new LinearRegressionModel(dataset.train().featureCount(), dataset.train().targetCount());
                });
    }

    @ProvidesIntoMap
    @StringMapKey("softmax")
    ModelFactory softmax() {
        return Factories.model("softmax", "softmax (logistic) regression, cross-entropy (classification data)", List.of(),
                (values, dataset, dropout) -> {
                    requireClassification("softmax", dataset);
                    noDropout("softmax", dropout);
                    return new SoftmaxRegression(dataset.train().featureCount(), dataset.classCount());
                });
    }

    @ProvidesIntoMap
    @StringMapKey("mlp")
    ModelFactory mlp() {
        return Factories.model("mlp",
                "multi-layer perceptron; softmax cross-entropy for classes, mean squared error for targets; dropout on hidden layers",
                List.of(integers("hidden", List.of(128), "units of each hidden layer, e.g. [128] or [256, 128]"),
                        choice("activation", "relu", "hidden activation", "relu", "sigmoid", "tanh"),
                        new ParameterSpec("init", ParameterType.CHOICE, null,
                                "weights of every layer: he N(0, 2/fan_in), glorot U(±√(6/(fan_in+fan_out))), lecun N(0, 1/fan_in);"
                                + " default: he before relu, glorot elsewhere", List.of("he", "glorot", "lecun"))),
                (values, dataset, dropout) -> {
                    int[] hidden = values.integerArray("hidden");
                    if (hidden.length == 0 && dropout.isPresent()) {
                        throw new IllegalArgumentException("mlp: dropout needs at least one hidden layer, got hidden=[]");
                    }
                    boolean classification = dataset.isClassification();
                    return new Mlp(dataset.train().featureCount(), hidden, Activation.parse(values.choice("activation")),
                            classification ? dataset.classCount() : dataset.train().targetCount(),
                            classification ? OutputLoss.SOFTMAX_CROSS_ENTROPY : OutputLoss.MEAN_SQUARED_ERROR,
                            dropout.orElse(null), 1, values.has("init") ? WeightInit.parse(values.choice("init")) : null);
                });
    }

    @ProvidesIntoMap
    @StringMapKey("cnn")
    ModelFactory cnn() {
        return Factories.model("cnn", "LeNet-style: two 5x5 convolutions with max-pooling, a dense layer (28x28 images); dropout on the dense layer",
                List.of(integer("c1", 16, "channels of the first convolution, >= 1"),
                        integer("c2", 32, "channels of the second convolution, >= 1"),
                        integer("dense", 128, "units of the dense hidden layer, >= 1")),
                (values, dataset, dropout) -> {
                    requireClassification("cnn", dataset);
                    if (!Arrays.equals(dataset.inputShape(), new int[] {1, 28, 28})) {
                        throw new IllegalArgumentException("cnn: needs 28x28 single-channel images (mnist, fashion-mnist), "
                                + dataset.name() + " has input shape " + Arrays.toString(dataset.inputShape()));
                    }
                    return new Cnn(values.integer("c1"), values.integer("c2"), values.integer("dense"), dataset.classCount(),
                            dropout.orElse(null));
                });
    }

    @ProvidesIntoMap
    @StringMapKey("scalar-relu-net")
    ModelFactory scalarReluNet() {
        return Factories.model("scalar-relu-net", "ŷ = w2 · max(0, w1 x), squared error (seed 000; relu-regression data)", List.of(),
                (values, dataset, dropout) -> {
                    requireRegression("scalar-relu-net", dataset);
                    noDropout("scalar-relu-net", dropout);
                    if (dataset.train().featureCount() != 1 || dataset.train().targetCount() != 1) {
                        throw new IllegalArgumentException("scalar-relu-net: needs one feature and one target (relu-regression), "
                                + dataset.name() + " has " + dataset.train().featureCount() + " features");
                    }
                    return new ScalarReluNet();
                });
    }

    private static void requireClassification(String model, Dataset dataset) {
        if (!dataset.isClassification()) {
            throw new IllegalArgumentException(model + ": needs a classification data set, " + dataset.name()
                    + " is a regression data set (use linear or mlp)");
        }
    }

    private static void requireRegression(String model, Dataset dataset) {
        if (dataset.isClassification()) {
            throw new IllegalArgumentException(model + ": needs a regression data set, " + dataset.name()
                    + " has classes (use softmax or mlp)");
        }
    }

    private static void noDropout(String model, Optional<Dropout> dropout) {
        if (dropout.isPresent()) {
            throw new IllegalArgumentException(model + ": dropout needs hidden layers; use it with mlp or cnn");
        }
    }
}
