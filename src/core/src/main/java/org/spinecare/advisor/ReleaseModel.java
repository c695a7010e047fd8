package org.spinecare.advisor;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.spinecare.kb.CrackingHabit;
import org.spinecare.kb.Diagnosis;
import org.spinecare.kb.Finding;
import org.spinecare.kb.FindingFact;
import org.spinecare.kb.FindingState;
import org.spinecare.kb.PatientMeasures;

/**
 * What one release's fact model can be told, and the bridge between it and the library's. The kjar on the class
 * path is the library's own model; an older release loaded from a jar has its own copy of {@code org.spinecare.kb},
 * usually smaller. Facts it cannot hold (a finding it never asked about, a field it did not have) are named, as the
 * JSON paths that carry them, so that the caller can refuse them or report them: they are never passed as absent.
 */
final class ReleaseModel {
    /** Knowledge base 2.0.0 introduced the answer's sections, and with them the answer composed as a whole. */
    private static final String ANSWER_SECTION = "org.spinecare.kb.AnswerSection";
    static final ReleaseModel CLASS_PATH = new ReleaseModel(null, null, Finding.reportable(),
            EnumSet.allOf(Diagnosis.class), components(PatientMeasures.class), components(CrackingHabit.class), true,
            ReleaseTexts.LIBRARY);

    private final ModelBridge toRelease;
    private final ModelBridge toLibrary;
    private final List<Finding> findings;
    private final Set<Diagnosis> diagnoses;
    private final Set<String> measures;
    private final Set<String> crackingParts;
    private final boolean composesWholeAnswer;
    private final ReleaseTexts texts;

    private ReleaseModel(ModelBridge toRelease, ModelBridge toLibrary, List<Finding> findings, Set<Diagnosis> diagnoses,
                         Set<String> measures, Set<String> crackingParts, boolean composesWholeAnswer,
                         ReleaseTexts texts) {
        this.texts = texts;
        this.composesWholeAnswer = composesWholeAnswer;
        this.toRelease = toRelease;
        this.toLibrary = toLibrary;
        this.findings = List.copyOf(findings);
        this.diagnoses = diagnoses;
        this.measures = measures;
        this.crackingParts = crackingParts;
    }

    /** The model of the release served by {@code loader}; fails when the library could not feed it soundly. */
    static ReleaseModel of(ClassLoader loader) {
        try {
            List<Finding> asked = new ArrayList<>();
            for (Enum<?> finding : reportable(loader.loadClass(Finding.class.getName()))) {
                asked.add(libraryConstant(Finding.class, finding.name(), "finding"));
            }
            Set<Diagnosis> diagnoses = EnumSet.noneOf(Diagnosis.class);
            for (Object diagnosis : loader.loadClass(Diagnosis.class.getName()).getEnumConstants()) {
                diagnoses.add(libraryConstant(Diagnosis.class, ((Enum<?>) diagnosis).name(), "diagnosis"));
            }
            requireSameConstants(loader, FindingState.class);
            requireSameConstants(loader, org.spinecare.kb.CrackingFrequency.class);
            requireSameConstants(loader, org.spinecare.kb.TensionOnset.class);
            return new ReleaseModel(new ModelBridge(loader), new ModelBridge(ReleaseModel.class.getClassLoader()),
                    asked, diagnoses, components(loader.loadClass(PatientMeasures.class.getName())),
                    components(loader.loadClass(CrackingHabit.class.getName())), hasClass(loader, ANSWER_SECTION),
                    ReleaseTexts.of(loader));
        } catch (ReflectiveOperationException e) {
            throw new KnowledgeBaseException("the release's fact model lacks " + e.getMessage(), e);
        }
    }

    /** The input fields of these facts that this release does not model, as JSON paths; empty for most. */
    List<String> notModelled(PatientFacts facts) {
        List<String> out = new ArrayList<>();
        facts.findings().keySet().stream().filter(f -> !findings.contains(f))
                .forEach(f -> out.add("$.findings." + f.name()));
        facts.diagnoses().stream().filter(d -> !diagnoses.contains(d)).forEach(d -> out.add("$.diagnoses." + d.name()));
        if (facts.symptomDurationWeeks() != null && !measures.contains("symptomDurationWeeks")) {
            out.add("$.symptomDurationWeeks");
        }
        if (facts.cracking() != null && facts.cracking().forceful() != null && !crackingParts.contains("forceful")) {
            out.add("$.cracking.forceful");
        }
        return out;
    }

    /** These facts without what this release does not model: what it would have been told. */
    PatientFacts modelledPart(PatientFacts facts) {
        Map<Finding, FindingState> known = new EnumMap<>(Finding.class);
        facts.findings().forEach((f, s) -> {
            if (findings.contains(f)) {
                known.put(f, s);
            }
        });
        Set<Diagnosis> knownDiagnoses = facts.diagnoses().stream().filter(diagnoses::contains)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Diagnosis.class)));
        PatientFacts.Cracking cracking = facts.cracking() == null || crackingParts.contains("forceful")
                ? facts.cracking() : new PatientFacts.Cracking(facts.cracking().frequency(), null);
        return new PatientFacts(facts.patientRef(), facts.ageYears(), facts.painScore(), known, knownDiagnoses,
                cracking, facts.tensionOnset(), facts.sittingHoursPerDay(),
                measures.contains("symptomDurationWeeks") ? facts.symptomDurationWeeks() : null, facts.evaluationDate());
    }

    /** The facts to insert, in the release's own classes and in a fixed order (every finding it asks about first). */
    List<Object> inputs(PatientFacts facts) {
        List<Object> out = new ArrayList<>(findings.size() + 6);
        for (Finding finding : findings) {
            out.add(new FindingFact(finding, facts.stateOf(finding)));
        }
        for (Diagnosis diagnosis : facts.diagnoses()) {
            out.add(new org.spinecare.kb.DiagnosisFact(diagnosis));
        }
        if (facts.cracking() != null) {
            out.add(new CrackingHabit(facts.cracking().frequency(), facts.cracking().forceful()));
        }
        out.add(new PatientMeasures(facts.ageYears(), facts.painScore(), facts.tensionOnset(),
                facts.sittingHoursPerDay(), facts.symptomDurationWeeks()));
        if (toRelease != null) {
            out.replaceAll(toRelease::carry);
        }
        return out;
    }

    /** A fact the release's rules inserted or matched, in the library's classes. */
    Object toLibrary(Object releaseFact) {
        return toLibrary == null ? releaseFact : toLibrary.carry(releaseFact);
    }

    /** The library's findings this release asks about, in its order. */
    List<Finding> askedFindings() {
        return findings;
    }

    /** Whether the release composes the whole answer in sections (2.0.0 on); see {@link SafetyInvariants#check}. */
    boolean composesWholeAnswer() {
        return composesWholeAnswer;
    }

    /** The sentences this release shows for each code. */
    ReleaseTexts texts() {
        return texts;
    }

    boolean isClassPath() {
        return toLibrary == null;
    }

    @SuppressWarnings("unchecked")
    private static List<Enum<?>> reportable(Class<?> finding) throws ReflectiveOperationException {
        try {
            return (List<Enum<?>>) finding.getMethod("reportable").invoke(null);
        } catch (NoSuchMethodException e) {
            // Before knowledge base 2.0.0 no finding was derived by the rules: every one was asked.
            return Arrays.asList((Enum<?>[]) finding.getEnumConstants());
        }
    }

    private static <E extends Enum<E>> E libraryConstant(Class<E> type, String name, String what) {
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            throw new KnowledgeBaseException("the release asks about " + what + " " + name + ", which this library "
                    + "cannot be told; it needs a newer library");
        }
    }

    private static void requireSameConstants(ClassLoader loader, Class<? extends Enum<?>> type)
            throws ClassNotFoundException {
        Set<String> theirs = Arrays.stream(loader.loadClass(type.getName()).getEnumConstants())
                .map(c -> ((Enum<?>) c).name()).collect(Collectors.toSet());
        Set<String> ours = Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.toSet());
        if (!theirs.equals(ours)) {
            throw new KnowledgeBaseException("the release's " + type.getSimpleName() + " codes " + theirs
                    + " differ from the library's " + ours);
        }
    }

    private static boolean hasClass(ClassLoader loader, String name) {
        try {
            loader.loadClass(name);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static Set<String> components(Class<?> record) {
        return Arrays.stream(record.getRecordComponents()).map(RecordComponent::getName).collect(Collectors.toSet());
    }
}
