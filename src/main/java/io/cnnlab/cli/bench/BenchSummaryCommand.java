package io.cnnlab.cli.bench;

import io.cnnlab.bench.results.BenchSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code cnnlab bench summary}: assembles summary.md from the parts the other bench commands wrote. */
@Command(name = "summary", mixinStandardHelpOptions = true,
    description = "Assembles --out/summary.md from manifest.json and the sections under --out/parts and prints it.")
final class BenchSummaryCommand implements Callable<Integer> {
  @Mixin BenchOptions bench = new BenchOptions();

  @Override
  public Integer call() throws IOException {
    if (!Files.isDirectory(bench.out)) {
      System.err.println("cnnlab bench summary: " + bench.out + " is not a folder (run cnnlab bench all first)");
      return 2;
    }
    System.out.print(BenchSummary.write(bench.out));
    System.out.println("summary written to " + bench.out.resolve("summary.md"));
    return 0;
  }
}
