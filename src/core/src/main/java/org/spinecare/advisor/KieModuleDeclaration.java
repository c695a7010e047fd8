package org.spinecare.advisor;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * What a kjar's {@code META-INF/kmodule.xml} declares about its knowledge base. The library builds the rules from
 * the executable model itself (with identity equality and default sessions), so it refuses a kjar whose kmodule
 * declares anything else: a release must never run under options other than those it was built and reviewed with.
 */
record KieModuleDeclaration(List<Map<String, String>> kbases, List<Map<String, String>> ksessions) {
    static final String PATH = "META-INF/kmodule.xml";

    /** The kbase attributes the library reproduces, with the values it reproduces them with. */
    private static final Set<String> KBASE_ATTRIBUTES = Set.of("name", "packages", "default", "equalsBehavior");
    private static final Set<String> KSESSION_ATTRIBUTES = Set.of("name", "type", "default");

    static KieModuleDeclaration read(ClassLoader loader) {
        try (InputStream in = loader.getResourceAsStream(PATH)) {
            if (in == null) {
                throw new KnowledgeBaseException("the kjar has no " + PATH);
            }
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setNamespaceAware(true);
            Element kmodule = factory.newDocumentBuilder().parse(in).getDocumentElement();
            List<Map<String, String>> kbases = new ArrayList<>();
            List<Map<String, String>> ksessions = new ArrayList<>();
            for (Element kbase : children(kmodule, "kbase")) {
                kbases.add(attributes(kbase));
                for (Element ksession : children(kbase, "ksession")) {
                    ksessions.add(attributes(ksession));
                }
            }
            return new KieModuleDeclaration(kbases, ksessions);
        } catch (IOException | SAXException | ParserConfigurationException e) {
            throw new KnowledgeBaseException("the kjar's " + PATH + " could not be read: " + e.getMessage(), e);
        }
    }

    /** @throws KnowledgeBaseException unless this is one kbase of that name, identity equality, stateful sessions */
    void requireAsBuilt(String kbaseName) {
        if (kbases.size() != 1) {
            throw refused("declares " + kbases.size() + " kbases, not one");
        }
        Map<String, String> kbase = kbases.get(0);
        if (!kbaseName.equals(kbase.get("name"))) {
            throw refused("declares kbase '" + kbase.get("name") + "', not '" + kbaseName + "'");
        }
        if (!"identity".equals(kbase.getOrDefault("equalsBehavior", "identity"))) {
            throw refused("declares equalsBehavior '" + kbase.get("equalsBehavior") + "', not identity");
        }
        requireOnly(kbase, KBASE_ATTRIBUTES, "kbase");
        for (Map<String, String> ksession : ksessions) {
            requireOnly(ksession, KSESSION_ATTRIBUTES, "ksession");
            if (!"stateful".equals(ksession.getOrDefault("type", "stateful"))) {
                throw refused("declares a " + ksession.get("type") + " ksession, not a stateful one");
            }
        }
    }

    private static void requireOnly(Map<String, String> attributes, Set<String> known, String element) {
        for (String name : attributes.keySet()) {
            if (!known.contains(name)) {
                throw refused("sets " + element + " option '" + name + "', which this library does not apply");
            }
        }
    }

    private static KnowledgeBaseException refused(String why) {
        return new KnowledgeBaseException("the kjar's " + PATH + " " + why);
    }

    private static List<Element> children(Element parent, String localName) {
        List<Element> found = new ArrayList<>();
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element && localName.equals(element.getLocalName())) {
                found.add(element);
            }
        }
        return found;
    }

    private static Map<String, String> attributes(Element element) {
        Map<String, String> attributes = new LinkedHashMap<>();
        NamedNodeMap all = element.getAttributes();
        for (int i = 0; i < all.getLength(); i++) {
            Node attribute = all.item(i);
            if (!attribute.getNodeName().startsWith("xmlns")) {
                attributes.put(attribute.getLocalName() != null ? attribute.getLocalName() : attribute.getNodeName(),
                        attribute.getNodeValue());
            }
        }
        return attributes;
    }
}
