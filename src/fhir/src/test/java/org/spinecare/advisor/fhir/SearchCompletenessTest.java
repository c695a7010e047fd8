package org.spinecare.advisor.fhir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.spinecare.advisor.fhir.FhirFixtures.EVALUATION_DATE;
import static org.spinecare.advisor.fhir.FhirFixtures.FEVER;
import static org.spinecare.advisor.fhir.FhirFixtures.about;
import static org.spinecare.advisor.fhir.FhirFixtures.observed;

import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.spinecare.kb.Finding;
import org.spinecare.kb.FindingState;

@DisplayName("A document that does not hold the whole search answer says so: its gaps are found, not assumed away")
class SearchCompletenessTest {

    private static Bundle searchset(String self, Resource... resources) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET);
        if (self != null) {
            bundle.addLink().setRelation(Bundle.LINK_SELF).setUrl(self);
        }
        for (Resource resource : resources) {
            bundle.addEntry().setResource(resource).getSearch().setMode(Bundle.SearchEntryMode.MATCH);
        }
        return bundle;
    }

    private static OperationOutcome outcome(OperationOutcome.IssueSeverity severity) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.setId("oo1");
        outcome.addIssue().setSeverity(severity).setCode(OperationOutcome.IssueType.EXCEPTION);
        return outcome;
    }

    private static MappedFacts read(Bundle bundle) {
        return FhirFacts.fromJson(FhirFixtures.json(bundle), EVALUATION_DATE);
    }

    @Test
    void given_a_page_with_a_next_link_when_read_then_its_type_is_a_gap_and_an_absent_red_flag_is_unscreened() {
        // Given the first page of an Observation search: fever absent, and a next link
        Bundle page = searchset("https://ehr.example/fhir/Observation?patient=p1",
                about(observed("o1", FEVER, false), "p1"));
        page.addLink().setRelation(Bundle.LINK_NEXT).setUrl("https://ehr.example/fhir/Observation?patient=p1&page=2");

        // When it is read as a document
        MappedFacts mapped = read(page);

        // Then the unread pages are a gap on Observation, and fever is unscreened, not absent
        assertEquals(List.of(new DataGap("Bundle#1", "Observation", GapReason.PAGE_NOT_FOLLOWED)),
                mapped.report().gaps());
        assertEquals(FindingState.UNKNOWN, mapped.facts().stateOf(Finding.FEVER));
        assertFalse(mapped.report().isClean());
    }

    @Test
    void given_a_total_above_the_entries_when_read_then_the_unread_matches_are_a_gap() {
        Bundle page = searchset("Observation?patient=p1", about(observed("o1", FEVER, false), "p1"));
        page.setTotal(2);

        assertEquals(List.of(new DataGap("Bundle#1", "Observation", GapReason.PAGE_NOT_FOLLOWED)),
                read(page).report().gaps());
    }

    @Test
    void given_a_total_equal_to_the_matches_when_read_then_there_is_no_gap() {
        Bundle page = searchset("Observation?patient=p1", about(observed("o1", FEVER, false), "p1"));
        page.setTotal(1);

        MappedFacts mapped = read(page);

        assertTrue(mapped.report().gaps().isEmpty());
        assertEquals(FindingState.ABSENT, mapped.facts().stateOf(Finding.FEVER));
    }

    @Test
    void given_a_paged_bundle_without_a_self_link_when_read_then_the_gap_covers_every_type() {
        Bundle page = searchset(null, about(observed("o1", FEVER, false), "p1"));
        page.addLink().setRelation(Bundle.LINK_NEXT).setUrl("https://ehr.example/fhir?page=2");

        assertEquals(DataGap.ANY_TYPE, read(page).report().gaps().get(0).resourceType());
    }

    @Test
    void given_a_self_link_of_one_type_and_an_entry_of_another_when_read_then_the_gap_covers_every_type() {
        Bundle page = searchset("Condition?patient=p1", about(observed("o1", FEVER, false), "p1"));
        page.setTotal(5);

        assertEquals(DataGap.ANY_TYPE, read(page).report().gaps().get(0).resourceType());
    }

    @ParameterizedTest
    @EnumSource(value = OperationOutcome.IssueSeverity.class, names = {"ERROR", "FATAL"})
    void given_a_failed_search_outcome_beside_the_results_when_read_then_it_is_a_gap(
            OperationOutcome.IssueSeverity severity) {
        // Given an Observation search with fever absent and an outcome of error, as search.mode outcome
        Bundle result = searchset("Observation?patient=p1", about(observed("o1", FEVER, false), "p1"));
        result.addEntry().setResource(outcome(severity)).getSearch().setMode(Bundle.SearchEntryMode.OUTCOME);

        // When it is read
        MappedFacts mapped = read(result);

        // Then the failed search is a gap on Observation and fever is unscreened
        assertEquals(List.of(new DataGap("Bundle#1", "Observation", GapReason.SEARCH_FAILED)),
                mapped.report().gaps());
        assertEquals(FindingState.UNKNOWN, mapped.facts().stateOf(Finding.FEVER));
    }

    @ParameterizedTest
    @EnumSource(value = OperationOutcome.IssueSeverity.class, names = {"INFORMATION", "WARNING"})
    void given_an_informational_outcome_when_read_then_it_is_reported_but_not_a_gap(
            OperationOutcome.IssueSeverity severity) {
        Bundle result = searchset("Observation?patient=p1", about(observed("o1", FEVER, false), "p1"));
        result.addEntry().setResource(outcome(severity)).getSearch().setMode(Bundle.SearchEntryMode.OUTCOME);

        MappedFacts mapped = read(result);

        assertTrue(mapped.report().gaps().isEmpty());
        assertEquals(List.of(new MappingReport.UnusableResource("OperationOutcome/oo1", "issue",
                MappingReport.Reason.OPERATION_OUTCOME)), mapped.report().unusableResources());
        assertEquals(FindingState.ABSENT, mapped.facts().stateOf(Finding.FEVER));
    }

    @Test
    void given_a_bare_operation_outcome_as_the_document_when_read_then_everything_is_a_gap() {
        // Given the EHR answered a search with an OperationOutcome, even one of warnings only
        String json = FhirFixtures.json(outcome(OperationOutcome.IssueSeverity.WARNING));

        // When it is read
        MappedFacts mapped = FhirFacts.fromJson(json, EVALUATION_DATE);

        // Then nothing was read, and the report says so for every type
        assertEquals(List.of(new DataGap("OperationOutcome/oo1", DataGap.ANY_TYPE, GapReason.SEARCH_FAILED)),
                mapped.report().gaps());
        assertTrue(mapped.facts().findings().isEmpty());
    }

    @Test
    void given_loose_resources_with_a_failed_outcome_when_mapped_then_every_type_is_a_gap() {
        MappedFacts mapped = FhirFacts.fromResources(List.of(observed("o1", FEVER, false),
                outcome(OperationOutcome.IssueSeverity.ERROR)), EVALUATION_DATE);

        assertEquals(List.of(new DataGap("OperationOutcome/oo1", DataGap.ANY_TYPE, GapReason.SEARCH_FAILED)),
                mapped.report().gaps());
        assertEquals(FindingState.UNKNOWN, mapped.facts().stateOf(Finding.FEVER));
    }

    @Test
    void gaps_of_a_search_bundle_are_available_to_callers_that_merge_several_searches() {
        Bundle page = searchset("Observation?patient=p1", about(observed("o1", FEVER, true), "p1"));
        page.addLink().setRelation(Bundle.LINK_NEXT).setUrl("Observation?patient=p1&page=2");

        assertEquals(List.of(new DataGap("observations", "Observation", GapReason.PAGE_NOT_FOLLOWED)),
                FhirFacts.gapsOf(page, "observations"));
    }
}
