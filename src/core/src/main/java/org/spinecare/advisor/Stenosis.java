package org.spinecare.advisor;

import java.util.List;
import org.spinecare.kb.Finding;
import org.spinecare.kb.StenosisStatus;

/** The stenosis screen: its status and the present findings that point to it. */
public record Stenosis(StenosisStatus status, List<Finding> indicators) {
    public Stenosis {
        indicators = List.copyOf(indicators);
    }
}
