package org.spinecare.advisor.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.spinecare.advisor.fhir.FhirResources;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ./spine fhir ...}: prints the FHIR resources the FHIR input is mapped by (docs/fhir.md). */
@Command(name = "fhir", description = "Print the published FHIR R4 resources: the screening questionnaire, the "
        + "concept map from SNOMED CT, and the project's code system.",
        subcommands = {FhirCommand.Questionnaire.class, FhirCommand.ConceptMap.class, FhirCommand.CodeSystem.class})
final class FhirCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("spine: fhir needs a subcommand: questionnaire, concept-map or code-system");
        return SpineCli.INVALID_INPUT;
    }

    private abstract static class Print implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        abstract String json();

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            out.print(json());
            out.flush();
            return SpineCli.OK;
        }
    }

    @Command(name = "questionnaire", description = "The SDC-style screening Questionnaire (FHIR R4 JSON).")
    static final class Questionnaire extends Print {
        @Override
        String json() {
            return FhirResources.questionnaireJson();
        }
    }

    @Command(name = "concept-map", description = "The ConceptMap from SNOMED CT to the project's codes (FHIR R4 JSON).")
    static final class ConceptMap extends Print {
        @Override
        String json() {
            return FhirResources.conceptMapJson();
        }
    }

    @Command(name = "code-system", description = "The project's CodeSystem: finding, diagnosis, item and answer codes.")
    static final class CodeSystem extends Print {
        @Override
        String json() {
            return FhirResources.codeSystemJson();
        }
    }
}
