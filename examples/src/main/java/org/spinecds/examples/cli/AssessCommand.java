package org.spinecds.examples.cli;

import static org.spinecds.examples.cli.SpineCdsCli.OK;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.spinecds.Assessment;
import org.spinecds.json.AssessmentJson;
import org.spinecds.json.PatientJson;
import org.spinecds.patient.Patient;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "assess", mixinStandardHelpOptions = true,
        description = "Assess the patient in FILE (patient JSON, see the README and patient.schema.json).")
final class AssessCommand implements Callable<Integer> {
    enum Format { text, json }

    @Parameters(paramLabel = "FILE", description = "The patient JSON file.")
    Path file;

    @CommandLine.Mixin
    EngineOptions engineOptions = new EngineOptions();

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (a report for the clinician) or json. Default: ${DEFAULT-VALUE}.")
    Format format;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Patient patient = PatientJson.read(file);
        Assessment a = engineOptions.engine().assess(patient);
        PrintWriter out = spec.commandLine().getOut();
        out.print(format == Format.json ? AssessmentJson.write(a) + System.lineSeparator() : TextReport.render(a));
        out.flush();
        return OK;
    }
}
