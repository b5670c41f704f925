package org.optbench.harness.wiring;

import com.google.inject.Module;

/**
 * A Guice module that optbench finds by itself: a plug-in jar on the classpath ({@code OPTBENCH_CLASSPATH}) that
 * names its module class in {@code META-INF/services/org.optbench.harness.wiring.PluginModule} is loaded through
 * {@link java.util.ServiceLoader}, with no {@code --module} flag. The module binds its components with
 * {@code @ProvidesIntoMap} and {@code @StringMapKey} like optbench's own modules; it needs a public no-argument
 * constructor. A module that does not implement this interface still works with {@code --module CLASS}.
 */
public interface PluginModule extends Module {
}
