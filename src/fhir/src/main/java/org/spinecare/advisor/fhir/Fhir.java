package org.spinecare.advisor.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;

/** The one HAPI context of the module: building it scans the whole R4 model (about a second), so it is shared. */
final class Fhir {
    /** Thread-safe once built; HAPI caches it per version, so other code in the JVM shares it too. */
    static final FhirContext CONTEXT = FhirContext.forR4Cached();

    private Fhir() {
    }

    /** A new parser (parsers are not thread-safe) that rejects anything HAPI would otherwise guess or drop. */
    static IParser strictParser() {
        return CONTEXT.newJsonParser().setParserErrorHandler(new StrictParseErrors());
    }

    static IParser prettyPrinter() {
        return CONTEXT.newJsonParser().setPrettyPrint(true);
    }
}
