package org.spinecare.advisor.batch;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import org.spinecare.advisor.fhir.DataGap;
import org.spinecare.advisor.fhir.FhirFacts;
import org.spinecare.advisor.fhir.FhirInputException;
import org.spinecare.advisor.fhir.GapReason;
import org.spinecare.advisor.fhir.MappedFacts;

/**
 * Population screening over FHIR Bulk Data NDJSON: one resource per line, each patient's lines together. Every
 * line is attributed by the patient it names (a Patient's id, a resource's subject), never by its position. The
 * file is read twice: first to find each patient's lines and the lines that could not be read, then to assess each
 * patient once its lines end, so memory holds one patient's resources at a time (docs/fhir.md, "Bulk data").
 *
 * <p>A line that cannot be read makes every patient it names unscreened (an {@code UNREADABLE_LINE} gap: their
 * findings are unknown unless stated PRESENT elsewhere); one that names no patient leaves no answer of the run
 * vouched for, so the run exits 2. A patient whose lines are not together is not assessed. Output, one line per
 * assessed patient: {@code {"patient":"Patient/ID","lines":[first,last],"assessment":{...},"mapping":{...}}};
 * errors: {@code line N: ...} or {@code Patient/ID (lines a-b): ...}. Not thread-safe; sequential.
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

    /**
     * Patients named, assessed, invalid (nothing written for them) and failed; lines that could not be read, and
     * lines (read or not) that name no patient.
     */
    public record Summary(int patients, int assessed, int invalid, int failed, int unreadableLines,
                          int linesNamingNoPatient) {
        /** 1 an assessment failed; 2 a patient's input was invalid or a line unreadable; 0 all read and assessed. */
        public int exitCode() {
            return failed > 0 ? 1 : invalid > 0 || unreadableLines > 0 || linesNamingNoPatient > 0 ? 2 : 0;
        }

        public String line() {
            return patients + " patients: " + assessed + " assessed, " + invalid + " invalid, " + failed + " failed"
                    + (unreadableLines == 0 && linesNamingNoPatient == 0 ? ""
                    : "; " + unreadableLines + " unreadable lines, " + linesNamingNoPatient
                    + " lines naming no patient");
        }
    }

    /** One line as read: the resource (null when unreadable), the patients it names, and what was wrong. */
    private record Read(long number, Resource resource, Set<String> patients, String problem) {
        String patient() {
            return patients.size() == 1 ? patients.iterator().next() : null;
        }
    }

    /** What the first pass learnt about one patient. */
    private static final class Seen {
        final List<long[]> runs = new ArrayList<>();
        final List<Long> unreadableLines = new ArrayList<>();
        boolean settled;
    }

    /** One patient's consecutive lines while they are read in the second pass. */
    private static final class Group {
        final String patient;
        final long firstLine;
        long lastLine;
        final List<Resource> resources = new ArrayList<>();

        Group(String patient, long line) {
            this.patient = patient;
            this.firstLine = line;
            this.lastLine = line;
        }
    }

    public Summary run(Path input, OutputStream out, Writer errors) throws IOException {
        Map<String, Seen> seen = survey(input);
        int[] counts = new int[6];
        counts[0] = seen.size();
        Group group = null;
        try (InputStream in = Files.newInputStream(input)) {
            JsonLinesReader reader = new JsonLinesReader(in, FhirFacts.MAX_DOCUMENT_BYTES);
            for (JsonLinesReader.Line line = reader.next(); line != null; line = reader.next()) {
                Read read = read(line);
                if (read == null) {
                    continue;
                }
                reportProblem(read, errors, counts);
                String patient = read.patient();
                if (patient == null) {
                    continue;
                }
                if (group == null || !group.patient.equals(patient)) {
                    flush(group, seen, out, errors, counts);
                    group = new Group(patient, read.number);
                }
                group.lastLine = read.number;
                if (read.resource != null) {
                    group.resources.add(read.resource);
                }
            }
        }
        flush(group, seen, out, errors, counts);
        for (Map.Entry<String, Seen> named : seen.entrySet()) {
            if (!named.getValue().settled) {
                // Named only by lines that named several patients: nothing of it was read, all of it unscreened.
                long line = named.getValue().unreadableLines.get(0);
                flush(new Group(named.getKey(), line), seen, out, errors, counts);
            }
        }
        out.flush();
        errors.flush();
        return new Summary(counts[0], counts[1], counts[2], counts[3], counts[4], counts[5]);
    }

    /** The first pass: every patient's runs of lines, and the unreadable lines that name it. */
    private static Map<String, Seen> survey(Path input) throws IOException {
        Map<String, Seen> seen = new LinkedHashMap<>();
        String current = null;
        try (InputStream in = Files.newInputStream(input)) {
            JsonLinesReader reader = new JsonLinesReader(in, FhirFacts.MAX_DOCUMENT_BYTES);
            for (JsonLinesReader.Line line = reader.next(); line != null; line = reader.next()) {
                Read read = read(line);
                if (read == null) {
                    continue;
                }
                if (read.resource == null) {
                    read.patients.forEach(p -> seen.computeIfAbsent(p, k -> new Seen()).unreadableLines
                            .add(read.number));
                }
                String patient = read.patient();
                if (patient == null) {
                    continue;
                }
                Seen named = seen.computeIfAbsent(patient, k -> new Seen());
                if (!patient.equals(current)) {
                    named.runs.add(new long[] {read.number, read.number});
                    current = patient;
                }
                named.runs.get(named.runs.size() - 1)[1] = read.number;
            }
        }
        return seen;
    }

    private static Read read(JsonLinesReader.Line line) {
        if (line.tooLong()) {
            return new Read(line.number(), null, Set.of(), "document: $: the line is longer than "
                    + FhirFacts.MAX_DOCUMENT_BYTES + " bytes, the most accepted");
        }
        String text = new String(line.bytes(), StandardCharsets.UTF_8);
        if (text.isBlank()) {
            return null;
        }
        Resource resource;
        try {
            resource = FhirFacts.parseResource(text);
            if (resource instanceof Bundle) {
                throw new FhirInputException("Bundle", "resourceType",
                        "bulk data holds one resource per line, not bundles");
            }
        } catch (FhirInputException e) {
            return new Read(line.number(), null, NamedPatients.in(line.bytes()), e.getMessage());
        }
        try {
            return new Read(line.number(), resource, Set.of(patientOf(resource)), null);
        } catch (FhirInputException e) {
            return new Read(line.number(), resource, Set.of(), e.getMessage());
        }
    }

    private static void reportProblem(Read read, Writer errors, int[] counts) throws IOException {
        if (read.resource == null) {
            counts[4]++;
        }
        if (read.patients.isEmpty()) {
            counts[5]++;
            errors.write("line " + read.number + ": " + read.problem + "; it names no patient, so no answer of this "
                    + "run can be vouched for\n");
        } else if (read.resource == null) {
            errors.write("line " + read.number + ": " + read.problem + "; " + String.join(", ", read.patients)
                    + (read.patients.size() == 1 ? " is" : " are") + " assessed with this line unscreened\n");
        }
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

    private void flush(Group group, Map<String, Seen> seen, OutputStream out, Writer errors, int[] counts)
            throws IOException {
        if (group == null) {
            return;
        }
        Seen named = seen.get(group.patient);
        if (named == null) {
            throw new IOException("the input changed between its two readings");
        }
        String where = group.patient + " (lines " + group.firstLine + "-" + group.lastLine + "): ";
        if (named.runs.size() > 1) {
            if (!named.settled) {
                counts[2]++;
                errors.write(group.patient + " (lines " + ranges(named.runs) + "): not assessed: its lines are not "
                        + "together; bulk data must be grouped by patient\n");
            }
            named.settled = true;
            return;
        }
        named.settled = true;
        List<DataGap> gaps = named.unreadableLines.stream()
                .map(n -> new DataGap("line " + n, DataGap.ANY_TYPE, GapReason.UNREADABLE_LINE)).toList();
        MappedFacts mapped;
        try {
            mapped = FhirFacts.fromResources(group.resources, evaluationDate, gaps,
                    group.patient.substring("Patient/".length()));
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

    private static String ranges(List<long[]> runs) {
        return String.join(", ", runs.stream().map(r -> r[0] + "-" + r[1]).toList());
    }
}
