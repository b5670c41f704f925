package org.optbench.harness.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;

/** The models by name. */
public final class ModelsModule extends AbstractModule {

    @Override
    protected void configure() {
        MapBinder.newMapBinder(binder(), String.class, ModelFactory.class);
    }
}
