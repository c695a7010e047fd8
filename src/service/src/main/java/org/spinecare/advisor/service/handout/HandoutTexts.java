package org.spinecare.advisor.service.handout;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.spinecare.kb.Advice;
import org.spinecare.kb.ContraindicationReason;

/**
 * The handout's plain-language texts, one section per piece of advice a patient can be given, keyed by the advice
 * code, from the resource {@code handout-texts.json}: the steps are paraphrased from the article for a patient's
 * reading level, and each self-care technique has a figure drawn for this project (inline SVG); why a technique
 * must not be used, in the same plain words, keyed by the reason code.
 */
record HandoutTexts(Intro selfCare, Map<Advice, Section> advice, Map<ContraindicationReason, String> reasons,
                    SeekHelp seekHelp) {
    static final String RESOURCE = "handout-texts.json";
    private static final HandoutTexts LOADED = load();

    record Intro(String title, String text) {
    }

    /** @param figure inline SVG, or null for advice without a movement to show */
    record Section(String text, List<String> steps, String dose, String figure) {
        Section {
            steps = steps == null ? List.of() : List.copyOf(steps);
        }
    }

    record SeekHelp(List<String> emergency, List<String> soon, List<String> routine) {
    }

    static HandoutTexts get() {
        return LOADED;
    }

    private static HandoutTexts load() {
        try (InputStream in = HandoutTexts.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the service jar");
            }
            return JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build()
                    .readValue(in, HandoutTexts.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
