package org.spinecare.advisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.spinecare.kb.TriageLevel;

/** The one strict configuration: what every reader of the project refuses, and how the refusal is named. */
class StrictJsonTest {
    record Document(@JsonProperty(required = true) String name, TriageLevel triage, List<String> tags, Integer count) {
    }

    @Test
    void a_well_formed_document_binds_to_its_record() throws Exception {
        Document document = StrictJson.reader().forType(Document.class)
                .readValue("{\"name\":\"a\",\"triage\":\"URGENT\",\"tags\":[\"x\"],\"count\":2}");

        assertEquals(new Document("a", TriageLevel.URGENT, List.of("x"), 2), document);
    }

    @Test
    void an_unknown_key_is_refused_with_its_path_and_the_valid_keys() {
        StrictJson.Problem problem = refused("{\"name\":\"a\",\"tags\":[],\"triag\":\"URGENT\"}");

        assertEquals(StrictJson.Kind.UNKNOWN_KEY, problem.kind());
        assertEquals("$.triag", problem.path());
        assertTrue(problem.message().contains("triage"), problem.message());
    }

    @Test
    void a_missing_required_key_is_named() {
        StrictJson.Problem problem = refused("{\"triage\":\"URGENT\"}");

        assertEquals(new StrictJson.Problem(StrictJson.Kind.MISSING, "$.name", "is missing"), problem);
    }

    @Test
    void an_explicit_null_anywhere_in_a_document_is_found_with_its_path() throws Exception {
        assertEquals(new StrictJson.Problem(StrictJson.Kind.NULL, "$.expect.tags[1]",
                        "must not be null; leave the key out instead"),
                StrictJson.firstNull(StrictJson.reader().readTree("{\"expect\":{\"tags\":[\"a\",null]}}")).orElseThrow());
        assertTrue(StrictJson.firstNull(StrictJson.reader().readTree("{\"a\":[1,{\"b\":false}]}")).isEmpty());
    }

    @Test
    void a_number_where_a_code_or_text_belongs_is_refused_rather_than_coerced() {
        assertEquals(StrictJson.Kind.UNKNOWN_CODE, refused("{\"name\":\"a\",\"triage\":0}").kind());
        assertEquals(StrictJson.Kind.WRONG_TYPE, refused("{\"name\":3}").kind());
        assertEquals(StrictJson.Kind.WRONG_TYPE, refused("{\"name\":\"a\",\"count\":\"2\"}").kind());
        assertEquals(StrictJson.Kind.WRONG_TYPE, refused("{\"name\":\"a\",\"tags\":\"x\"}").kind());
    }

    @Test
    void an_unknown_code_is_quoted_shortened_and_listed_against_the_valid_codes() {
        StrictJson.Problem problem = refused("{\"name\":\"a\",\"triage\":\"SOON\"}");

        assertEquals(StrictJson.Kind.UNKNOWN_CODE, problem.kind());
        assertTrue(problem.message().startsWith("unknown code 'SOON'; valid: EMERGENCY"), problem.message());
    }

    @Test
    void a_duplicate_key_trailing_content_and_deep_nesting_are_refused_by_the_parser() {
        assertEquals(new StrictJson.Problem(StrictJson.Kind.DUPLICATE_KEY, "$.name", "the key appears twice"),
                refused("{\"name\":\"a\",\"name\":\"b\"}"));
        assertEquals(StrictJson.Kind.TRAILING_CONTENT, refusedAsTree("{\"name\":\"a\"} {}").kind());
        assertEquals(StrictJson.Kind.TOO_DEEP, refusedAsTree("[[[[[[[[[[1]]]]]]]]]]").kind());
        assertEquals(StrictJson.Kind.MALFORMED, refusedAsTree("{\"name\":").kind());
    }

    @Test
    void a_hostile_key_cannot_pass_for_another_path_or_bring_control_characters_into_the_error() {
        StrictJson.Problem problem = refused("{\"name\":\"a\",\"x.y\\u001b[31m\":1}");

        assertEquals("$['x.y\\u001b[31m']", problem.path());
    }

    private static StrictJson.Problem refusedAsTree(String json) {
        return StrictJson.problemOf(assertThrows(JsonProcessingException.class,
                () -> StrictJson.reader().readTree(json)));
    }

    private static StrictJson.Problem refused(String json) {
        JsonProcessingException e = assertThrows(JsonProcessingException.class,
                () -> StrictJson.reader().forType(Document.class).readValue(json));
        return StrictJson.problemOf(e);
    }
}
