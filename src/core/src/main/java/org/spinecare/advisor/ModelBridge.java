package org.spinecare.advisor;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Carries facts between two copies of the fact model that share package and class names but not class loaders
 * (the library's and an older release's). Records are matched by class name and component name, enum constants by
 * name; Java's own values (numbers, booleans, strings) pass as they are. A value the target cannot hold is never
 * dropped: carrying it fails. Callers first check that what they carry has a counterpart ({@link ReleaseModel}).
 */
final class ModelBridge {
    private final ClassLoader target;
    private final Map<Class<?>, Plan> plans = new ConcurrentHashMap<>();

    ModelBridge(ClassLoader target) {
        this.target = target;
    }

    /** A record's canonical constructor in the target model, and the source accessor for each of its components. */
    private record Plan(Constructor<?> constructor, Method[] sources, Method[] unmatched) {
    }

    Object carry(Object value) {
        if (value == null || value.getClass().getClassLoader() == null) {
            return value;
        }
        if (value instanceof Enum<?> constant) {
            Class<?> type = targetClass(constant.getDeclaringClass().getName());
            for (Object candidate : type.getEnumConstants()) {
                if (((Enum<?>) candidate).name().equals(constant.name())) {
                    return candidate;
                }
            }
            throw cannot(constant.getDeclaringClass().getSimpleName() + "." + constant.name());
        }
        if (value.getClass().isRecord()) {
            return construct(value, plans.computeIfAbsent(value.getClass(), this::plan));
        }
        throw cannot("a " + value.getClass().getName());
    }

    private Object construct(Object value, Plan plan) {
        try {
            Object[] args = new Object[plan.sources().length];
            for (int i = 0; i < args.length; i++) {
                if (plan.sources()[i] != null) {
                    args[i] = carry(plan.sources()[i].invoke(value));
                }
            }
            for (Method dropped : plan.unmatched()) {
                Object lost = dropped.invoke(value);
                if (lost != null) {
                    throw cannot(value.getClass().getSimpleName() + "." + dropped.getName() + "=" + lost);
                }
            }
            return plan.constructor().newInstance(args);
        } catch (InvocationTargetException | InstantiationException | IllegalAccessException
                 | IllegalArgumentException e) {
            throw new AssessmentException("a " + value.getClass().getSimpleName() + " could not be carried between "
                    + "releases: " + e, e);
        }
    }

    private Plan plan(Class<?> source) {
        Class<?> type = targetClass(source.getName());
        if (!type.isRecord()) {
            throw cannot(source.getName() + " (not a record in the target)");
        }
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Method[] sources = new Method[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            sources[i] = accessor(source, components[i].getName());
        }
        Method[] unmatched = java.util.Arrays.stream(source.getRecordComponents())
                .filter(own -> accessor(type, own.getName()) == null)
                .map(RecordComponent::getAccessor).toArray(Method[]::new);
        try {
            return new Plan(type.getDeclaredConstructor(types), sources, unmatched);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("a record always has its canonical constructor", e);
        }
    }

    private static Method accessor(Class<?> type, String name) {
        for (RecordComponent component : type.getRecordComponents()) {
            if (component.getName().equals(name)) {
                return component.getAccessor();
            }
        }
        return null;
    }

    private Class<?> targetClass(String name) {
        try {
            return Class.forName(name, false, target);
        } catch (ClassNotFoundException e) {
            String renamed = RENAMED.get(name);
            if (renamed != null) {
                try {
                    return Class.forName(renamed, false, target);
                } catch (ClassNotFoundException notRenamedEither) {
                    throw cannot(name);
                }
            }
            throw cannot(name);
        }
    }

    /**
     * Fact classes renamed between releases, both ways: knowledge base 2.0.1 renamed Recommendation and
     * Contraindication so that they no longer share names with the library's records.
     */
    private static final java.util.Map<String, String> RENAMED = java.util.Map.of(
            "org.spinecare.kb.Recommendation", "org.spinecare.kb.RecommendedAdvice",
            "org.spinecare.kb.RecommendedAdvice", "org.spinecare.kb.Recommendation",
            "org.spinecare.kb.Contraindication", "org.spinecare.kb.ContraindicatedAdvice",
            "org.spinecare.kb.ContraindicatedAdvice", "org.spinecare.kb.Contraindication");

    private static AssessmentException cannot(String what) {
        return new AssessmentException(what + " has no counterpart in the other release's fact model");
    }
}
