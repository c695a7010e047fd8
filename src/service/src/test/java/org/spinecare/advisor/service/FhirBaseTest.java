package org.spinecare.advisor.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which page links the bearer token may follow: only those under the call's fhirServer base. */
class FhirBaseTest {
    private static final URI BASE = FhirBase.parse("https://ehr.example/fhir/");

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "https://ehr.example/fhir/Observation?patient=1&page=2, true",
        "https://EHR.example:443/fhir?_getpages=abc, true",
        "https://ehr.example/fhir, true",
        "http://ehr.example/fhir/Observation, false",
        "https://ehr.example:8443/fhir/Observation, false",
        "https://ehr.example.evil/fhir/Observation, false",
        "https://ehr.example/fhirx/Observation, false",
        "https://ehr.example/other/Observation, false",
        "https://ehr.example/fhir/../admin, false",
        "https://ehr.example/fhir/%2e%2e/admin, false",
        "https://user@ehr.example/fhir/Observation, false",
        "/fhir/Observation?page=2, false",
    })
    @DisplayName("Given a page link, it is followed only when under the same scheme, host, port and base path")
    void linksUnderTheBaseOnly(String link, boolean followed) {
        assertEquals(followed, FhirBase.contains(BASE, URI.create(link)));
    }
}
