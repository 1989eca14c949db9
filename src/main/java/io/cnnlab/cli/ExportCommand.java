package io.cnnlab.cli;

import io.cnnlab.serving.ExportInfo;
import io.cnnlab.serving.ModelExport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** {@code cnnlab export RUN --out DIR}: a finished run's final weights as a TensorFlow SavedModel. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Writes a finished run's final weights as a TensorFlow SavedModel (tag serve) that any TensorFlow"
        + " loads: signature serving_default takes 'images' (uint8 [N, H, W, C], normalised inside the graph) and"
        + " gives 'probabilities' (float [N, classes]) and 'classes' (int64 [N]); feature_maps gives every spatial"
        + " layer. Beside it: classes.txt and cnnlab-export.json. Built in the plain forms, whatever trained it.")
public final class ExportCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "RUN",
      description = "a run folder: a harness run (reports/<id>/<variant>-seed<k>) or the --out of cnnlab train")
  Path run;

  @Option(names = "--out", paramLabel = "DIR", required = true,
      description = "the folder to write (new, empty, or an earlier export, which is replaced)")
  Path out;

  @Override
  public Integer call() {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      ExportInfo info = ModelExport.export(run, out);
      stdout.printf("%s -> %s: SavedModel of %s on %s after %d epochs, input %dx%dx%d uint8, %d classes%n", run, out,
          info.model().get("type"), info.dataset(), info.epochs(), info.height(), info.width(), info.channels(),
          info.classNames().size());
      return 0;
    } catch (IOException e) {
      err.println("cnnlab export: " + e.getMessage());
      return 1;
    }
  }
}
