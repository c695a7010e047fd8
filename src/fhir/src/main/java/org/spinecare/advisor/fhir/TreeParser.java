package org.spinecare.advisor.fhir;

import ca.uhn.fhir.parser.JsonParser;
import ca.uhn.fhir.parser.json.jackson.JacksonStructure;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Reader;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Resource;

/**
 * HAPI's JSON parser reading the tree {@link FhirJson} has already read and checked, instead of reading the text a
 * second time (that second read was a fifth of the time of a document). It still goes through HAPI's own
 * {@code parseResource}, so what HAPI does after reading, such as giving a Bundle's entries the ids of their
 * fullUrls, is unchanged. One per document: HAPI's parsers are not thread-safe, and this one holds its tree.
 */
final class TreeParser extends JsonParser {
    private final ObjectNode tree;

    private TreeParser(ObjectNode tree) {
        super(Fhir.CONTEXT, new StrictParseErrors());
        this.tree = tree;
    }

    /** The resource of {@code tree}, which must have been read as HAPI reads JSON ({@link FhirJson}). */
    static Resource parse(ObjectNode tree) {
        return (Resource) new TreeParser(tree).parseResource(Reader.nullReader());
    }

    /** Where HAPI would read the text into a tree: the tree is already here. */
    @Override
    public <T extends IBaseResource> T doParseResource(Class<T> type, Reader unread) {
        JacksonStructure structure = new JacksonStructure();
        structure.setNativeObject(tree);
        return doParseResource(type, structure);
    }
}
