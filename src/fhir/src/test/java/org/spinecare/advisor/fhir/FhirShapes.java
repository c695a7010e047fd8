package org.spinecare.advisor.fhir;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Resource;
import org.spinecare.advisor.PatientFacts;
import org.spinecare.kb.Diagnosis;
import org.spinecare.kb.Finding;
import org.spinecare.kb.FindingGroup;
import org.spinecare.kb.FindingState;

/**
 * The same facts in many FHIR shapes, seeded: Observations and Conditions or questionnaire answers, spread over
 * several responses, duplicated, contradicted by an extra ABSENT beside a PRESENT, with unknown codings, an
 * OperationOutcome, shuffled, and split over searchset pages of which the later ones may be left unread. Each shape
 * carries the facts its answer must be judged against: the patient's facts, less what sits on unread pages.
 */
final class FhirShapes {
    static final LocalDate DATE = FhirFixtures.EVALUATION_DATE;
    private static final String PATIENT = "p1";
    private static final String LOCAL_SYSTEM = "http://hospital.example/local-codes";
    /** Findings an Observation or Condition can state: those with an equivalent SNOMED CT concept in the map. */
    private static final Map<Finding, String> CODED = Map.of(Finding.FEVER, FhirFixtures.FEVER, Finding.SCIATICA,
            FhirFixtures.SCIATICA);

    private FhirShapes() {
    }

    /**
     * One shape: a document read by {@link FhirFacts#fromJson}, the facts to judge it against, and whether it
     * declares gaps (unread pages or a failed search), after which its answer is only bounded, not equal.
     */
    record Shape(String description, String document, PatientFacts reference, boolean gapped) {
        MappedFacts map() {
            return FhirFacts.fromJson(document, DATE);
        }
    }

    /** What one statement says, and whether it is a decoy (a contradicting ABSENT, not the patient's fact). */
    private record Statement(Object what, String value, boolean decoy) {
    }

    /** A resource with the statements it carries. */
    private record Carried(Resource resource, List<Statement> statements) {
    }

    static Shape shape(PatientFacts facts, long seed) {
        Random random = new Random(seed);
        List<String> traits = new ArrayList<>();
        List<Statement> statements = statements(facts);
        boolean decoys = random.nextInt(3) > 0;
        if (decoys) {
            traits.add("decoys");
            facts.findings().forEach((finding, state) -> {
                if (state == FindingState.PRESENT && escalates(finding)) {
                    statements.add(new Statement(finding, FhirCodes.ABSENT, true));
                }
            });
        }
        if (random.nextInt(4) == 0) {
            traits.add("duplicates");
            List<Statement> copies = new ArrayList<>();
            statements.forEach(s -> {
                if (!s.decoy && random.nextInt(3) == 0) {
                    copies.add(s);
                }
            });
            statements.addAll(copies);
        }
        boolean observations = random.nextBoolean();
        int responses = 1 + random.nextInt(3);
        boolean unknownCodings = random.nextInt(3) == 0;
        traits.add(observations ? "observations" : "questionnaire-only");
        traits.add(responses + " responses");
        if (unknownCodings) {
            traits.add("unknown codings");
        }
        List<Carried> carried = carry(statements, observations, responses, unknownCodings, random);
        Collections.shuffle(carried, random);
        int outcome = random.nextInt(6);
        int pages = carried.size() < 2 ? 1 : 1 + random.nextInt(Math.min(4, carried.size()));
        boolean unread = pages > 1 && random.nextBoolean();
        // Decoys go on the first page, so that an unread page holds the PRESENT they contradict.
        if (unread) {
            carried.sort((a, b) -> Boolean.compare(!hasDecoy(a), !hasDecoy(b)));
        }
        int firstPage = unread ? Math.max(1, carried.size() / pages) : carried.size();
        if (unread && carried.stream().filter(FhirShapes::hasDecoy).count() > firstPage) {
            firstPage = (int) carried.stream().filter(FhirShapes::hasDecoy).count();
        }
        List<Carried> read = carried.subList(0, firstPage);
        Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET);
        read.forEach(c -> bundle.addEntry().setResource(c.resource).getSearch().setMode(Bundle.SearchEntryMode.MATCH));
        if (unread) {
            traits.add("page 1 of " + pages + " (" + (carried.size() - firstPage) + " unread)");
            bundle.setTotal(carried.size());
            if (random.nextBoolean()) {
                bundle.addLink().setRelation(Bundle.LINK_NEXT).setUrl("https://ehr.example/fhir?page=2");
            }
        } else if (pages > 1) {
            traits.add(pages + " pages, all read");
            bundle.setTotal(carried.size());
        }
        boolean failed = outcome == 0;
        if (outcome <= 1) {
            traits.add(failed ? "failed search" : "warning outcome");
            OperationOutcome oo = new OperationOutcome();
            oo.setId("oo1");
            oo.addIssue().setSeverity(failed ? OperationOutcome.IssueSeverity.ERROR
                    : OperationOutcome.IssueSeverity.WARNING).setCode(OperationOutcome.IssueType.TRANSIENT);
            bundle.addEntry().setResource(oo).getSearch().setMode(Bundle.SearchEntryMode.OUTCOME);
        }
        PatientFacts reference = unread ? readFacts(facts, read) : facts;
        return new Shape(String.join(", ", traits), FhirFixtures.json(bundle), reference, unread || failed);
    }

    /** Findings whose PRESENT must survive a contradiction (docs/fhir.md, Conflicts). */
    static boolean escalates(Finding finding) {
        return finding.isRedFlag() || finding.isManipulationRisk()
                || finding.group() == FindingGroup.PROFESSIONAL_REVIEW;
    }

    private static boolean hasDecoy(Carried carried) {
        return carried.statements.stream().anyMatch(Statement::decoy);
    }

    private static List<Statement> statements(PatientFacts facts) {
        List<Statement> statements = new ArrayList<>();
        facts.findings().forEach((f, s) -> statements.add(new Statement(f, s.name(), false)));
        for (Diagnosis d : facts.diagnoses()) {
            statements.add(new Statement(d, FhirCodes.PRESENT, false));
        }
        add(statements, FhirCodes.AGE_YEARS, facts.ageYears());
        add(statements, FhirCodes.PAIN_SCORE, facts.painScore());
        add(statements, FhirCodes.SITTING_HOURS_PER_DAY, facts.sittingHoursPerDay());
        add(statements, FhirCodes.SYMPTOM_DURATION_WEEKS, facts.symptomDurationWeeks());
        add(statements, FhirCodes.TENSION_ONSET, facts.tensionOnset());
        if (facts.cracking() != null) {
            add(statements, FhirCodes.CRACKING_FREQUENCY, facts.cracking().frequency());
            add(statements, FhirCodes.CRACKING_FORCEFUL, facts.cracking().forceful());
        }
        return statements;
    }

    private static void add(List<Statement> statements, String code, Object value) {
        if (value != null) {
            statements.add(new Statement(code, String.valueOf(value), false));
        }
    }

    /** Every statement in a resource: its own Observation or Condition where it can be one, else a response. */
    private static List<Carried> carry(List<Statement> statements, boolean observations, int responses,
                                       boolean unknownCodings, Random random) {
        List<Carried> carried = new ArrayList<>();
        List<Carried> answers = new ArrayList<>();
        for (int i = 0; i < responses; i++) {
            answers.add(new Carried(FhirFixtures.about(FhirFixtures.response("q" + i), PATIENT), new ArrayList<>()));
        }
        Carried patient = new Carried(FhirFixtures.patient(PATIENT, null), new ArrayList<>());
        carried.add(patient);
        int n = 0;
        Carried bothCoded = null;
        for (Statement s : statements) {
            n++;
            if (s.what == Finding.FEVER || s.what == Finding.SCIATICA) {
                boolean present = FhirCodes.PRESENT.equals(s.value);
                if (observations && present && !s.decoy && bothCoded != null) {
                    // Fever and sciatica both present: one Observation coded as both, each code counting.
                    ((Observation) bothCoded.resource).getCode().addCoding(new Coding(FhirCodes.SNOMED,
                            CODED.get((Finding) s.what), null));
                    bothCoded.statements.add(s);
                    bothCoded = null;
                    continue;
                }
                if (observations && random.nextInt(4) > 0) {
                    Resource resource = statement(n, CODED.get((Finding) s.what), present, unknownCodings, random);
                    Carried one = new Carried(resource, new ArrayList<>(List.of(s)));
                    if (present && !s.decoy && resource instanceof Observation o) {
                        contradicted(o, escalates((Finding) s.what), random);
                        bothCoded = o.hasValueBooleanType() && random.nextBoolean() ? one : null;
                    }
                    carried.add(one);
                    continue;
                }
            } else if (s.what == Diagnosis.SPINAL_STENOSIS && observations && random.nextBoolean()) {
                carried.add(new Carried(FhirFixtures.about(FhirFixtures.condition("c" + n,
                        FhirFixtures.LUMBAR_STENOSIS, "active", "confirmed"), PATIENT), List.of(s)));
                continue;
            } else if (FhirCodes.AGE_YEARS.equals(s.what) && !s.decoy && random.nextBoolean()
                    && patient.statements.isEmpty()) {
                ((org.hl7.fhir.r4.model.Patient) patient.resource).setBirthDateElement(
                        new org.hl7.fhir.r4.model.DateType(DATE.minusYears(Integer.parseInt(s.value)).toString()));
                patient.statements.add(s);
                continue;
            }
            Carried response = answers.get(random.nextInt(responses));
            answer((QuestionnaireResponse) response.resource, s);
            response.statements.add(s);
            if (unknownCodings && random.nextInt(8) == 0) {
                FhirFixtures.answerCode((QuestionnaireResponse) response.resource, "LOCAL_ITEM_" + n,
                        FhirCodes.PRESENT);
            }
        }
        answers.stream().filter(a -> !a.statements.isEmpty()).forEach(carried::add);
        return carried;
    }

    private static void answer(QuestionnaireResponse response, Statement s) {
        String linkId = s.what instanceof Enum<?> e ? e.name() : (String) s.what;
        switch (linkId) {
            case FhirCodes.AGE_YEARS, FhirCodes.PAIN_SCORE, FhirCodes.SITTING_HOURS_PER_DAY,
                    FhirCodes.SYMPTOM_DURATION_WEEKS -> FhirFixtures.answerInteger(response, linkId,
                    Integer.parseInt(s.value));
            case FhirCodes.CRACKING_FORCEFUL -> FhirFixtures.answerBoolean(response, linkId,
                    Boolean.parseBoolean(s.value));
            default -> FhirFixtures.answerCode(response, linkId, s.value);
        }
    }

    /**
     * What else a PRESENT Observation may carry without losing its PRESENT: a dataAbsentReason beside the value,
     * and, for a finding whose PRESENT wins a contradiction, an Absent coding beside the Present one.
     */
    private static void contradicted(Observation observation, boolean escalates, Random random) {
        if (random.nextInt(4) == 0) {
            observation.setDataAbsentReason(new org.hl7.fhir.r4.model.CodeableConcept(new Coding(
                    "http://terminology.hl7.org/CodeSystem/data-absent-reason", "unknown", null)));
        }
        if (escalates && random.nextInt(3) == 0) {
            org.hl7.fhir.r4.model.CodeableConcept concept = observation.hasValueCodeableConcept()
                    ? observation.getValueCodeableConcept()
                    : observation.hasInterpretation() ? observation.getInterpretationFirstRep() : null;
            if (concept != null) {
                concept.getCoding().add(0, new Coding(FhirCodes.SNOMED, FhirCodes.SNOMED_ABSENT, null));
            }
        }
    }

    /** A finding as an Observation in one of the forms the rules accept, or as a Condition. */
    private static Resource statement(int n, String snomed, boolean present, boolean unknownCodings, Random random) {
        String id = "s" + n;
        Resource resource;
        switch (random.nextInt(4)) {
            case 0 -> resource = FhirFixtures.observed(id, snomed, present);
            case 1 -> {
                Observation o = FhirFixtures.observation(id, snomed, Observation.ObservationStatus.AMENDED);
                o.setValue(FhirFixtures.presence(present));
                resource = o;
            }
            case 2 -> {
                Observation o = FhirFixtures.observation(id, snomed, Observation.ObservationStatus.CORRECTED);
                o.addInterpretation(FhirFixtures.presence(present));
                resource = o;
            }
            default -> resource = present ? FhirFixtures.condition(id, snomed, "active", "confirmed")
                    : FhirFixtures.condition(id, snomed, null, "refuted");
        }
        if (unknownCodings) {
            Coding local = new Coding(LOCAL_SYSTEM, "LOCAL-" + n, null);
            if (resource instanceof Observation o) {
                o.getCode().addCoding(local);
            } else {
                ((org.hl7.fhir.r4.model.Condition) resource).getCode().addCoding(local);
            }
        }
        return FhirFixtures.about(resource, PATIENT);
    }

    /** The patient's facts as far as the read resources state them (decoys are not the patient's facts). */
    private static PatientFacts readFacts(PatientFacts facts, List<Carried> read) {
        Set<Object> stated = new java.util.HashSet<>();
        read.forEach(c -> c.statements.stream().filter(s -> !s.decoy).forEach(s -> stated.add(s.what)));
        Map<Finding, FindingState> findings = new EnumMap<>(Finding.class);
        facts.findings().forEach((f, s) -> {
            if (stated.contains(f)) {
                findings.put(f, s);
            }
        });
        Set<Diagnosis> diagnoses = EnumSet.noneOf(Diagnosis.class);
        facts.diagnoses().stream().filter(stated::contains).forEach(diagnoses::add);
        PatientFacts.Cracking cracking = facts.cracking() == null ? null : new PatientFacts.Cracking(
                stated.contains(FhirCodes.CRACKING_FREQUENCY) ? facts.cracking().frequency() : null,
                stated.contains(FhirCodes.CRACKING_FORCEFUL) ? facts.cracking().forceful() : null);
        if (cracking != null && cracking.frequency() == null && cracking.forceful() == null) {
            cracking = null;
        }
        return new PatientFacts(null, kept(stated, FhirCodes.AGE_YEARS, facts.ageYears()),
                kept(stated, FhirCodes.PAIN_SCORE, facts.painScore()), findings, diagnoses, cracking,
                kept(stated, FhirCodes.TENSION_ONSET, facts.tensionOnset()),
                kept(stated, FhirCodes.SITTING_HOURS_PER_DAY, facts.sittingHoursPerDay()),
                kept(stated, FhirCodes.SYMPTOM_DURATION_WEEKS, facts.symptomDurationWeeks()));
    }

    private static <T> T kept(Set<Object> stated, String code, T value) {
        return stated.contains(code) ? value : null;
    }
}
