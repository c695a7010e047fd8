package org.spinecare.advisor.service;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The CDS Hooks discovery document: this service's one {@code patient-view} service. */
final class Discovery {
    private Discovery() {
    }

    static Map<String, Object> document(FactsSource facts, String knowledgeBase) {
        Map<String, Object> service = new LinkedHashMap<>();
        service.put("hook", HookRequest.HOOK);
        service.put("title", "Lower-back triage and self-care advice");
        service.put("description", "Screens a lower-back complaint for red flags (cauda equina, infection, cancer, "
                + "fracture, inflammatory disease) and gives the triage, what not to do, and the self-care advice "
                + "the knowledge base " + knowledgeBase + " supports, with the rules behind each card.");
        service.put("id", ServiceConfig.SERVICE_ID);
        service.put("prefetch", facts.prefetchTemplates());
        service.put("usageRequirements", "Needs the screening QuestionnaireResponse, or coded Observations and "
                + "Conditions; every prefetch key is optional: null means no such data, a key not sent is fetched "
                + "from fhirServer or else unscreened. A red flag not reported is unknown, never absent.");
        return Map.of("services", List.of(service));
    }
}
