package org.spinecare.advisor.fhir;

import java.util.Objects;

/**
 * FHIR input that cannot be mapped at all: not FHIR R4 JSON, a hostile or inconsistent document, or a value out of
 * the contract's range. The message is one line naming the resource and the element, never HAPI's own text.
 */
public final class FhirInputException extends IllegalArgumentException {
    private final String resource;
    private final String element;
    private final String detail;

    public FhirInputException(String resource, String element, String detail) {
        super(Objects.requireNonNull(resource, "resource") + ": " + Objects.requireNonNull(element, "element")
                + ": " + Objects.requireNonNull(detail, "detail"));
        this.resource = resource;
        this.element = element;
        this.detail = detail;
    }

    /** The resource at fault, as {@code Type/id}, {@code Type#n}, or {@code document} for the input as a whole. */
    public String resource() {
        return resource;
    }

    /** The element at fault, in FHIR path style, or {@code resourceType} / {@code $} for the whole resource. */
    public String element() {
        return element;
    }

    /** What is wrong with the element, without the resource and element names. */
    public String detail() {
        return detail;
    }
}
