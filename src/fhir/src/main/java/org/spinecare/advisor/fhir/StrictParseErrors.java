package org.spinecare.advisor.fhir;

import ca.uhn.fhir.parser.IParserErrorHandler;
import ca.uhn.fhir.parser.json.BaseJsonLikeValue;

/**
 * Turns every irregularity HAPI's parser notices into a {@link FhirInputException} naming the element, instead of
 * HAPI's default of logging it and dropping or guessing the value: a dropped element could be a finding.
 */
final class StrictParseErrors implements IParserErrorHandler {
    @Override
    public void containedResourceWithNoId(IParseLocation location) {
        throw fail(location, "contained", "a contained resource has no id");
    }

    @Override
    public void incorrectJsonType(IParseLocation location, String elementName, BaseJsonLikeValue.ValueType expected,
                                  BaseJsonLikeValue.ScalarType expectedScalar, BaseJsonLikeValue.ValueType found,
                                  BaseJsonLikeValue.ScalarType foundScalar) {
        throw fail(location, elementName, "has the wrong JSON type (expected " + describe(expected, expectedScalar)
                + ", found " + describe(found, foundScalar) + ")");
    }

    @Override
    public void invalidValue(IParseLocation location, String value, String error) {
        throw fail(location, null, "holds an invalid value");
    }

    @Override
    public void missingRequiredElement(IParseLocation location, String elementName) {
        throw fail(location, elementName, "is required");
    }

    @Override
    public void unexpectedRepeatingElement(IParseLocation location, String elementName) {
        throw fail(location, elementName, "may occur only once");
    }

    @Override
    public void unknownAttribute(IParseLocation location, String attributeName) {
        throw fail(location, attributeName, "is not an element of FHIR R4 here");
    }

    @Override
    public void unknownElement(IParseLocation location, String elementName) {
        throw fail(location, elementName, "is not an element of FHIR R4 here");
    }

    @Override
    public void unknownReference(IParseLocation location, String reference) {
        throw fail(location, "reference", "points to nothing in the document");
    }

    @Override
    public void invalidInternalReference(IParseLocation location, String reference) {
        throw fail(location, "reference", "is an internal reference to nothing in the document");
    }

    @Override
    public void extensionContainsValueAndNestedExtensions(IParseLocation location) {
        throw fail(location, "extension", "has both a value and nested extensions");
    }

    private static FhirInputException fail(IParseLocation location, String element, String detail) {
        String parent = location == null ? null : location.getParentElementName();
        String name = element == null ? Labels.token(parent)
                : parent == null ? Labels.token(element) : Labels.token(parent) + "." + Labels.token(element);
        return new FhirInputException("document", name, detail);
    }

    private static String describe(BaseJsonLikeValue.ValueType type, BaseJsonLikeValue.ScalarType scalar) {
        if (type == null) {
            return "nothing";
        }
        return scalar == null ? type.name().toLowerCase() : scalar.name().toLowerCase();
    }
}
