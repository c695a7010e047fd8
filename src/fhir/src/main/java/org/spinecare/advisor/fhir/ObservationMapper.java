package org.spinecare.advisor.fhir;

import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Type;

/**
 * An Observation of a mapped SNOMED CT concept: final, amended or corrected ones count whole; one not yet final
 * (registered, preliminary, unknown) counts only where it says PRESENT, since a red flag recorded on a preliminary
 * result is data the answer must not be less urgent than, while its absence is not yet confirmed. A boolean value,
 * a value or interpretation of SNOMED CT Present / Absent states the finding; dataAbsentReason leaves it unknown.
 * Each component is read the same way. An explicit PRESENT survives whatever else the Observation carries: a
 * dataAbsentReason beside it, other mapped codes, an Absent coding beside the Present one.
 */
final class ObservationMapper {
    private ObservationMapper() {
    }

    static void map(Observation observation, String resource, FactCollector collected) {
        FactCollector.Source whole = new FactCollector.Source(resource, "status");
        Observation.ObservationStatus status = observation.getStatus();
        if (status == Observation.ObservationStatus.ENTEREDINERROR) {
            collected.unusable(whole, MappingReport.Reason.ENTERED_IN_ERROR);
            return;
        }
        if (status == Observation.ObservationStatus.CANCELLED) {
            collected.unusable(whole, MappingReport.Reason.CANCELLED);
            return;
        }
        boolean presentOnly = status != Observation.ObservationStatus.FINAL
                && status != Observation.ObservationStatus.AMENDED && status != Observation.ObservationStatus.CORRECTED;
        if (presentOnly) {
            collected.unusable(whole, MappingReport.Reason.NOT_FINAL);
        }
        boolean panel = observation.hasComponent() && !observation.hasValue() && !observation.hasDataAbsentReason()
                && !observation.hasInterpretation();
        if (!panel) {
            part(new Part("", observation.getCode(), observation.getValue(), observation.getInterpretation(),
                    observation.hasDataAbsentReason(), presentOnly), resource, collected);
        }
        List<Observation.ObservationComponentComponent> components = observation.getComponent();
        for (int i = 0; i < components.size(); i++) {
            Observation.ObservationComponentComponent c = components.get(i);
            part(new Part("component[" + i + "].", c.getCode(), c.getValue(), c.getInterpretation(),
                    c.hasDataAbsentReason(), presentOnly), resource, collected);
        }
    }

    /** The Observation itself or one of its components: a code and what is said about it. */
    private record Part(String path, CodeableConcept code, Type value, List<CodeableConcept> interpretations,
                        boolean dataAbsent, boolean presentOnly) {
    }

    private record Statement(boolean present, FactCollector.Source source) {
    }

    private static void part(Part part, String resource, FactCollector collected) {
        List<Target> targets = CodeLookup.targets(part.code, resource, part.path + "code", collected);
        if (targets.isEmpty()) {
            return;
        }
        List<Statement> statements = statements(part, resource);
        if (part.presentOnly) {
            statements = statements.stream().filter(Statement::present).toList();
            if (statements.isEmpty()) {
                return;
            }
        }
        boolean present = statements.stream().anyMatch(Statement::present);
        if (part.dataAbsent) {
            collected.unusable(new FactCollector.Source(resource, part.path + "dataAbsentReason"),
                    MappingReport.Reason.DATA_ABSENT);
            if (!present) {
                return;
            }
            // A Present value beside a reason for having none: the Present is kept, and the report says so.
            statements = statements.stream().filter(Statement::present).toList();
            targets.forEach(t -> collected.conflict(t.code(), "PRESENT", resource));
        }
        if (statements.isEmpty()) {
            collected.unusable(new FactCollector.Source(resource, part.path + "value[x]"),
                    MappingReport.Reason.NO_USABLE_VALUE);
            return;
        }
        if (targets.size() > 1 && statements.stream().anyMatch(s -> !s.present)) {
            // Codings of one concept are synonyms; several project codes among them make an absence ambiguous.
            collected.unusable(new FactCollector.Source(resource, part.path + "code"),
                    MappingReport.Reason.AMBIGUOUS_CODE);
            statements = statements.stream().filter(Statement::present).toList();
        }
        // Value and interpretation are each statements: if they disagree, the conflict rules decide.
        for (Target target : targets) {
            statements.forEach(s -> collected.state(target, s.present, s.source));
        }
    }

    private static List<Statement> statements(Part part, String resource) {
        List<Statement> statements = new ArrayList<>();
        if (part.value instanceof BooleanType bool && bool.hasValue()) {
            statements.add(new Statement(bool.booleanValue(),
                    new FactCollector.Source(resource, part.path + "valueBoolean")));
        } else if (part.value instanceof CodeableConcept concept) {
            FactCollector.Source source = new FactCollector.Source(resource, part.path + "valueCodeableConcept");
            CodeLookup.presence(concept).forEach(p -> statements.add(new Statement(p, source)));
        }
        for (int i = 0; i < part.interpretations.size(); i++) {
            FactCollector.Source source = new FactCollector.Source(resource, part.path + "interpretation[" + i + "]");
            CodeLookup.presence(part.interpretations.get(i)).forEach(p -> statements.add(new Statement(p, source)));
        }
        return statements;
    }
}
