package org.optbench.harness.wiring;

import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Module;
import com.google.inject.spi.Message;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;
import org.optbench.harness.UserError;

/** Builds the registry from optbench's own Guice modules plus any the user names with {@code --module}. */
public final class Wiring {

    private Wiring() {
    }

    /** optbench's modules, one per kind of component. */
    public static List<Module> standardModules() {
        return List.of(new OptimizersModule(), new SchedulesModule(), new RegularizersModule(), new DatasetsModule(),
                new ModelsModule());
    }

    /**
     * The registry of the standard modules plus the user's, each named by its class (public, with a public
     * no-argument constructor, on the classpath).
     */
    public static Registry registry(List<String> userModuleClasses) {
        List<Module> modules = new ArrayList<>(standardModules());
        for (String className : userModuleClasses) {
            modules.add(load(className));
        }
        return registry(modules.toArray(Module[]::new));
    }

    /** The registry of exactly these modules. */
    public static Registry registry(Module... modules) {
        try {
            return Guice.createInjector(modules).getInstance(Registry.class);
        } catch (CreationException e) {
            List<String> problems = new ArrayList<>();
            for (Message message : e.getErrorMessages()) {
                problems.add(message.getMessage().lines().findFirst().orElse("").trim());
            }
            throw new UserError("the Guice modules cannot be combined: " + String.join("; ", problems)
                    + " (a --module must not bind a name optbench already has)", e);
        }
    }

    private static Module load(String className) {
        Class<?> type;
        try {
            type = Class.forName(className, true, Thread.currentThread().getContextClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new UserError("--module " + className + ": class not found on the classpath; put its jar on"
                    + " OPTBENCH_CLASSPATH (the launcher adds it) and give the fully qualified class name");
        }
        if (!Module.class.isAssignableFrom(type)) {
            throw new UserError("--module " + className + ": not a Guice module (it must implement com.google.inject.Module,"
                    + " e.g. extend AbstractModule)");
        }
        try {
            return (Module) type.getConstructor().newInstance();
        } catch (NoSuchMethodException | IllegalAccessException e) {
            throw new UserError("--module " + className + ": needs a public no-argument constructor");
        } catch (InstantiationException | InvocationTargetException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new UserError("--module " + className + ": its constructor failed: " + cause);
        }
    }
}
