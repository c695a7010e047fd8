package org.spinecare.advisor;

import java.lang.reflect.Method;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.spinecare.kb.Advice;
import org.spinecare.kb.Instruction;

/**
 * The texts a release shows for each code. The codes of an older release are the library's, but its sentences are
 * its own: an answer reproduced with it must read as it read then, so they are taken from its classes at load.
 */
final class ReleaseTexts {
    /** The class path's release: the library's own enums. */
    static final ReleaseTexts LIBRARY = new ReleaseTexts(null, null);

    private record AdviceText(String summary, List<String> instructions, String source) {
    }

    private final Map<Advice, AdviceText> advice;
    private final Map<Instruction, String> instructions;

    private ReleaseTexts(Map<Advice, AdviceText> advice, Map<Instruction, String> instructions) {
        this.advice = advice;
        this.instructions = instructions;
    }

    /** Reads every advice and instruction text of the release served by {@code loader}. */
    @SuppressWarnings("unchecked")
    static ReleaseTexts of(ClassLoader loader) throws ReflectiveOperationException {
        Map<Advice, AdviceText> advice = new EnumMap<>(Advice.class);
        Class<?> type = loader.loadClass(Advice.class.getName());
        Method summary = type.getMethod("summary");
        Method steps = type.getMethod("instructions");
        Method source = type.getMethod("source");
        for (Object constant : type.getEnumConstants()) {
            advice.put(libraryCode(Advice.class, constant), new AdviceText((String) summary.invoke(constant),
                    List.copyOf((List<String>) steps.invoke(constant)), (String) source.invoke(constant)));
        }
        Map<Instruction, String> instructions = new EnumMap<>(Instruction.class);
        Class<?> instruction = loader.loadClass(Instruction.class.getName());
        Method text = instruction.getMethod("text");
        for (Object constant : instruction.getEnumConstants()) {
            instructions.put(libraryCode(Instruction.class, constant), (String) text.invoke(constant));
        }
        return new ReleaseTexts(advice, instructions);
    }

    private static <E extends Enum<E>> E libraryCode(Class<E> type, Object constant) {
        String name = ((Enum<?>) constant).name();
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            throw new KnowledgeBaseException("the release can give " + type.getSimpleName() + " " + name + ", which "
                    + "this library cannot show; it needs a newer library");
        }
    }

    String summary(Advice code) {
        return advice == null ? code.summary() : advice.get(code).summary();
    }

    List<String> instructions(Advice code) {
        return advice == null ? code.instructions() : advice.get(code).instructions();
    }

    String source(Advice code) {
        return advice == null ? code.source() : advice.get(code).source();
    }

    String text(Instruction instruction) {
        return instructions == null ? instruction.text() : instructions.get(instruction);
    }
}
