package org.optbench.harness.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.ConfigurationException;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.ProvisionException;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.spi.Message;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.optbench.harness.UserError;

/**
 * Builds the registry from optbench's own Guice modules plus the user's: the plug-ins found through
 * {@code META-INF/services} ({@link PluginModule}) and the modules named with {@code --module}.
 *
 * <p>Each user module is first wired alone, so that its mistakes are reported in its own name: a module that
 * contributes nothing (a {@code @Provides} method where {@code @ProvidesIntoMap} is needed), a map key that differs
 * from the factory's name, a name optbench or another plug-in already has, a class missing from its jar.
 */
public final class Wiring {
    private static final List<Class<? extends Component>> FACTORY_TYPES = List.of(OptimizerFactory.class,
            ScheduleFactory.class, RegularizerFactory.class, DatasetFactory.class, FunctionFactory.class, ModelFactory.class);

    private Wiring() {
    }

    /** optbench's modules, one per kind of component. */
    public static List<Module> standardModules() {
        return List.of(new OptimizersModule(), new SchedulesModule(), new RegularizersModule(), new DatasetsModule(),
                new ModelsModule());
    }

    /** The registry of the standard modules, the plug-ins the context class loader sees and the {@code --module} classes. */
    public static Registry registry(List<String> userModuleClasses) {
        return registry(userModuleClasses, Thread.currentThread().getContextClassLoader());
    }

    /** The registry of the standard modules, the plug-ins {@code loader} sees and the {@code --module} classes. */
    public static Registry registry(List<String> userModuleClasses, ClassLoader loader) {
        List<Plugin> plugins = Plugins.load(loader, userModuleClasses);
        Registry standard = registry(standardModules().toArray(Module[]::new));
        Map<String, String> owners = new LinkedHashMap<>();
        standard.byKind().forEach((kind, components) -> components.keySet().forEach(name -> owners.put(namespace(kind) + name, "optbench")));
        Map<String, Plugin> origins = new LinkedHashMap<>();
        List<Module> modules = new ArrayList<>(standardModules());
        for (Plugin plugin : plugins) {
            Registry own = alone(plugin);
            boolean empty = true;
            for (Map.Entry<String, Map<String, ? extends Component>> kind : own.byKind().entrySet()) {
                for (Map.Entry<String, ? extends Component> entry : kind.getValue().entrySet()) {
                    empty = false;
                    String key = entry.getKey();
                    String name = entry.getValue().name();
                    if (!key.equals(name)) {
                        throw new UserError("plug-in " + plugin.label() + ": the " + kind.getKey() + " bound under @StringMapKey(\""
                                + key + "\") calls itself '" + name + "'; give the map key and the factory the same name");
                    }
                    String owner = owners.putIfAbsent(namespace(kind.getKey()) + key, plugin.label());
                    if (owner != null) {
                        throw new UserError("plug-in " + plugin.label() + " binds the " + kind.getKey() + " '" + key + "', which "
                                + (owner.equals("optbench") ? "optbench already has" : "plug-in " + owner + " also binds")
                                + "; rename it (names must be unique)");
                    }
                    origins.put(kind.getKey() + ":" + key, plugin);
                }
            }
            if (empty) {
                throw new UserError("plug-in " + plugin.label() + " contributes no component: bind each factory with"
                        + " @ProvidesIntoMap and @StringMapKey(\"name\") (a plain @Provides method contributes nothing)");
            }
            modules.add(plugin.module());
        }
        return registry(modules.toArray(Module[]::new)).withPlugins(plugins, origins);
    }

    /** The registry of exactly these modules. */
    public static Registry registry(Module... modules) {
        try {
            return Guice.createInjector(modules).getInstance(Registry.class);
        } catch (CreationException e) {
            throw new UserError("the Guice modules cannot be combined: " + problems(e.getErrorMessages())
                    + " (a plug-in must not bind a name optbench already has)", e);
        }
    }

    /** The components one user module contributes, wired alone with empty maps of every kind. */
    private static Registry alone(Plugin plugin) {
        Module maps = new AbstractModule() {
            @Override
            protected void configure() {
                MapBinder.newMapBinder(binder(), String.class, OptimizerFactory.class);
                MapBinder.newMapBinder(binder(), String.class, ScheduleFactory.class);
                MapBinder.newMapBinder(binder(), String.class, RegularizerFactory.class);
                MapBinder.newMapBinder(binder(), String.class, DatasetFactory.class);
                MapBinder.newMapBinder(binder(), String.class, FunctionFactory.class);
                MapBinder.newMapBinder(binder(), String.class, ModelFactory.class);
            }
        };
        try {
            Injector injector = Guice.createInjector(maps, plugin.module());
            Registry registry = injector.getInstance(Registry.class);
            if (registry.byKind().values().stream().allMatch(Map::isEmpty)) {
                for (Class<? extends Component> type : FACTORY_TYPES) {
                    if (injector.getExistingBinding(Key.get(type)) != null) {
                        throw new UserError("plug-in " + plugin.label() + " binds its " + type.getSimpleName() + " with a plain"
                                + " @Provides method, which contributes nothing; use @ProvidesIntoMap and @StringMapKey(\"name\")");
                    }
                }
            }
            return registry;
        } catch (CreationException e) {
            throw new UserError("plug-in " + plugin.label() + ": " + cause(e.getErrorMessages()), e);
        } catch (ProvisionException e) {
            throw new UserError("plug-in " + plugin.label() + ": " + cause(e.getErrorMessages()), e);
        } catch (ConfigurationException e) {
            throw new UserError("plug-in " + plugin.label() + ": " + problems(e.getErrorMessages()), e);
        } catch (LinkageError e) {
            throw new UserError("plug-in " + plugin.label() + ": " + Plugins.explain(e), e);
        }
    }

    /** Data sets and functions share one namespace; every other kind has its own. */
    private static String namespace(String kind) {
        return kind.equals("function") ? "data set:" : kind + ":";
    }

    private static String cause(java.util.Collection<Message> messages) {
        for (Message message : messages) {
            Throwable cause = message.getCause();
            while (cause != null && cause.getCause() != null && !(cause instanceof LinkageError) && !(cause instanceof UserError)) {
                cause = cause.getCause();
            }
            if (cause instanceof UserError user) {
                return user.getMessage();
            }
            if (cause != null) {
                return Plugins.explain(cause);
            }
        }
        return problems(messages);
    }

    private static String problems(java.util.Collection<Message> messages) {
        List<String> problems = new ArrayList<>();
        for (Message message : messages) {
            problems.add(message.getMessage().lines().findFirst().orElse("").trim());
        }
        return String.join("; ", problems);
    }
}
