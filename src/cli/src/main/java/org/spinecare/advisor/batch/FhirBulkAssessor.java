package org.spinecare.advisor.batch;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.spinecare.advisor.AssessmentException;
import org.spinecare.advisor.SpineAdvisor;
import org.spinecare.advisor.SpineJson;
import org.spinecare.advisor.fhir.FhirFacts;
import org.spinecare.advisor.fhir.FhirInputException;
import org.spinecare.advisor.fhir.MappedFacts;

/**
 * Population screening over FHIR Bulk Data NDJSON: one resource per line, each patient's lines together (the
 * Patient and the resources whose subject is that patient). Each patient is assessed once its lines end, so memory
 * holds one patient at a time. Output: one line per assessed patient,
 * {@code {"patient":"Patient/ID","lines":[first,last],"assessment":{...},"mapping":{...}}}; errors:
 * {@code line N: ...} or {@code Patient/ID (lines a-b): ...}. A line that cannot be read makes the patient being
 * read invalid too, since it may have held that patient's red flag. Not thread-safe; sequential.
 */
public final class FhirBulkAssessor {
    private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");
    private static final ObjectMapper REPORTS = new ObjectMapper();

    private final SpineAdvisor advisor;
    private final LocalDate evaluationDate;

    public FhirBulkAssessor(SpineAdvisor advisor, LocalDate evaluationDate) {
        this.advisor = Objects.requireNonNull(advisor, "advisor");
        this.evaluationDate = Objects.requireNonNull(evaluationDate, "evaluationDate");
    }

    /** Patients seen, assessed, invalid (nothing written for them) and failed. */
    public record Summary(int patients, int assessed, int invalid, int failed) {
        /** 0 all assessed, 2 a patient's input was invalid, 1 an assessment failed. */
        public int exitCode() {
            return failed > 0 ? 1 : invalid > 0 ? 2 : 0;
        }

        public String line() {
            return patients + " patients: " + assessed + " assessed, " + invalid + " invalid, " + failed + " failed";
        }
    }

    /** One patient's lines while they are read. */
    private static final class Group {
        final String patient;
        final long firstLine;
        long lastLine;
        final List<Resource> resources = new ArrayList<>();
        boolean invalid;

        Group(String patient, long line) {
            this.patient = patient;
            this.firstLine = line;
            this.lastLine = line;
        }
    }

    public Summary run(InputStream in, OutputStream out, Writer errors) throws IOException {
        JsonLinesReader reader = new JsonLinesReader(in, FhirFacts.MAX_DOCUMENT_BYTES);
        Set<String> finished = new HashSet<>();
        int[] counts = new int[4];
        Group group = null;
        for (JsonLinesReader.Line line = reader.next(); line != null; line = reader.next()) {
            Resource resource;
            String patient;
            try {
                resource = parse(line);
                if (resource == null) {
                    continue;
                }
                patient = patientOf(resource);
            } catch (FhirInputException e) {
                errors.write("line " + line.number() + ": " + e.getMessage() + "\n");
                if (group != null) {
                    group.invalid = true;
                }
                continue;
            }
            if (group == null || !group.patient.equals(patient)) {
                flush(group, out, errors, counts);
                if (group != null) {
                    finished.add(group.patient);
                }
                group = new Group(patient, line.number());
                if (finished.contains(patient)) {
                    errors.write("line " + line.number() + ": " + patient + ": its lines are not together; bulk "
                            + "data must be grouped by patient\n");
                    group.invalid = true;
                }
            }
            group.lastLine = line.number();
            group.resources.add(resource);
        }
        flush(group, out, errors, counts);
        out.flush();
        errors.flush();
        return new Summary(counts[0], counts[1], counts[2], counts[3]);
    }

    private static Resource parse(JsonLinesReader.Line line) {
        if (line.tooLong()) {
            throw new FhirInputException("document", "$", "the line is longer than " + FhirFacts.MAX_DOCUMENT_BYTES
                    + " bytes, the most accepted");
        }
        String text = new String(line.bytes(), StandardCharsets.UTF_8);
        if (text.isBlank()) {
            return null;
        }
        Resource resource = FhirFacts.parseResource(text);
        if (resource instanceof Bundle) {
            throw new FhirInputException("Bundle", "resourceType", "bulk data holds one resource per line, not bundles");
        }
        return resource;
    }

    /** {@code Patient/ID} of a Patient line or of the subject of any other line. */
    private static String patientOf(Resource resource) {
        if (resource instanceof Patient) {
            return "Patient/" + printableId(resource.getIdElement().getIdPart(), resource.fhirType(), "id");
        }
        Reference subject = resource instanceof Observation o ? o.getSubject()
                : resource instanceof Condition c ? c.getSubject()
                : resource instanceof QuestionnaireResponse q ? q.getSubject() : null;
        if (subject == null || !subject.hasReference()
                || !"Patient".equals(subject.getReferenceElement().getResourceType())) {
            throw new FhirInputException(resource.fhirType(), "subject",
                    "a bulk data line must name its patient (subject: Patient/ID)");
        }
        return "Patient/" + printableId(subject.getReferenceElement().getIdPart(), resource.fhirType(),
                "subject.reference");
    }

    private static String printableId(String id, String resource, String element) {
        if (id == null || !FHIR_ID.matcher(id).matches()) {
            throw new FhirInputException(resource, element, "must hold a FHIR id (letters, digits, '-', '.')");
        }
        return id;
    }

    private void flush(Group group, OutputStream out, Writer errors, int[] counts) throws IOException {
        if (group == null) {
            return;
        }
        counts[0]++;
        String where = group.patient + " (lines " + group.firstLine + "-" + group.lastLine + "): ";
        if (group.invalid) {
            counts[2]++;
            errors.write(where + "not assessed: a line of this patient could not be read\n");
            return;
        }
        MappedFacts mapped;
        try {
            mapped = FhirFacts.fromResources(group.resources, evaluationDate);
        } catch (FhirInputException e) {
            counts[2]++;
            errors.write(where + e.getMessage() + "\n");
            return;
        }
        String answer;
        try {
            answer = SpineJson.writeAssessment(advisor.assess(mapped.facts()));
        } catch (AssessmentException e) {
            counts[3]++;
            errors.write(where + "no assessment: " + e.getMessage() + " [" + BatchAssessor.ASSESSMENT_FAILED + "]\n");
            return;
        }
        String line = "{\"patient\":\"" + group.patient + "\",\"lines\":[" + group.firstLine + "," + group.lastLine
                + "],\"assessment\":" + answer + ",\"mapping\":" + REPORTS.writeValueAsString(mapped.report()) + "}\n";
        out.write(line.getBytes(StandardCharsets.UTF_8));
        counts[1]++;
    }
}
