package org.spinecare.advisor.fhir;

import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Observation;

/**
 * An Observation of a mapped SNOMED CT concept: only final, amended or corrected ones count; a boolean value, a
 * value or interpretation of SNOMED CT Present / Absent states the finding; dataAbsentReason leaves it unknown.
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
        if (status != Observation.ObservationStatus.FINAL && status != Observation.ObservationStatus.AMENDED
                && status != Observation.ObservationStatus.CORRECTED) {
            collected.unusable(whole, MappingReport.Reason.NOT_FINAL);
            return;
        }
        Target target = CodeLookup.target(observation.getCode(), resource, collected);
        if (target == null) {
            return;
        }
        if (observation.hasDataAbsentReason()) {
            collected.unusable(new FactCollector.Source(resource, "dataAbsentReason"),
                    MappingReport.Reason.DATA_ABSENT);
            return;
        }
        List<Statement> statements = statements(observation, resource);
        if (statements.isEmpty()) {
            collected.unusable(new FactCollector.Source(resource, "value[x]"),
                    MappingReport.Reason.NO_USABLE_VALUE);
            return;
        }
        // Value and interpretation are both statements: if they disagree, the conflict rules decide.
        statements.forEach(s -> collected.state(target, s.present, s.source));
    }

    private record Statement(boolean present, FactCollector.Source source) {
    }

    private static List<Statement> statements(Observation observation, String resource) {
        List<Statement> statements = new ArrayList<>();
        if (observation.hasValueBooleanType() && observation.getValueBooleanType().hasValue()) {
            statements.add(new Statement(observation.getValueBooleanType().booleanValue(),
                    new FactCollector.Source(resource, "valueBoolean")));
        } else if (observation.hasValueCodeableConcept()) {
            Boolean present = CodeLookup.presence(observation.getValueCodeableConcept());
            if (present != null) {
                statements.add(new Statement(present, new FactCollector.Source(resource, "valueCodeableConcept")));
            }
        }
        List<CodeableConcept> interpretations = observation.getInterpretation();
        for (int i = 0; i < interpretations.size(); i++) {
            Boolean present = CodeLookup.presence(interpretations.get(i));
            if (present != null) {
                statements.add(new Statement(present, new FactCollector.Source(resource, "interpretation[" + i + "]")));
            }
        }
        return statements;
    }
}
