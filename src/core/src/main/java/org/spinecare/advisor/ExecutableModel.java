package org.spinecare.advisor;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.drools.model.Model;
import org.drools.modelcompiler.KieBaseBuilder;
import org.kie.api.KieBase;
import org.kie.api.KieBaseConfiguration;
import org.kie.api.KieServices;
import org.kie.api.conf.EqualityBehaviorOption;

/**
 * Builds a release's rules straight from the executable model that kie-maven-plugin generated into its kjar, as its
 * kmodule.xml declares them ({@link KieModuleDeclaration}: one kbase, identity equality, stateful sessions).
 * Going through a KieContainer instead scans the class path for kmodule.xml files and parses them with XStream,
 * whose classes cannot be class-data shared: about half of the knowledge base's load time, for the same rules in
 * the same order (docs/performance.md). {@code KieBaseBuilder.createKieBaseFromModel} is the executable model's
 * documented entry point; it is the only Drools class outside org.kie.api that the facade names.
 */
final class ExecutableModel {
    private ExecutableModel() {
    }

    static KieBase build(ClassLoader loader, String releaseId, String what) {
        List<Model> models = new ArrayList<>();
        for (String modelClass : ruleClasses(loader, releaseId)) {
            try {
                models.add((Model) Class.forName(modelClass, true, loader).getConstructor().newInstance());
            } catch (ClassNotFoundException e) {
                throw new KnowledgeBaseException("executable model class " + modelClass + " is missing", e);
            } catch (ReflectiveOperationException | ClassCastException | LinkageError e) {
                throw new KnowledgeBaseException("executable model class " + modelClass + " could not be loaded: "
                        + e, e);
            }
        }
        try {
            KieBaseConfiguration configuration = KieServices.Factory.get().newKieBaseConfiguration(null, loader);
            configuration.setOption(EqualityBehaviorOption.IDENTITY);
            return KieBaseBuilder.createKieBaseFromModel(models, configuration);
        } catch (RuntimeException e) {
            throw new KnowledgeBaseException(what + " could not be loaded: " + e.getMessage(), e);
        }
    }

    /**
     * The model's rule classes, as the kjar lists them. The kjar must carry the model: without it kie-maven-plugin
     * still "succeeds" and there are no compiled rules to load.
     */
    private static List<String> ruleClasses(ClassLoader loader, String releaseId) {
        String[] gav = releaseId.split(":");
        String listing = "META-INF/kie/" + gav[0] + "/" + gav[1] + "/drools-model";
        List<String> modelClasses = new ArrayList<>();
        try (InputStream in = loader.getResourceAsStream(listing)) {
            if (in == null) {
                throw new KnowledgeBaseException("the kjar has no executable model (" + listing + " is missing)");
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\R")) {
                if (!line.isBlank() && !line.startsWith("Drools-Model-Version")) {
                    modelClasses.add(line.trim());
                }
            }
        } catch (IOException e) {
            // A kjar that cannot be read (for example replaced on disk while in use) is not a knowledge base.
            throw new KnowledgeBaseException("the knowledge base could not be read: " + e.getMessage(), e);
        }
        if (modelClasses.isEmpty()) {
            throw new KnowledgeBaseException("the kjar's executable model lists no rule classes");
        }
        return modelClasses;
    }
}
