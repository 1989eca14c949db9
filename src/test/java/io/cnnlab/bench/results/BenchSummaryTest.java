package io.cnnlab.bench.results;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cnnlab.bench.BenchEnvironment;
import io.cnnlab.bench.BenchExecution;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The summary's header reads back the manifest the bench wrote (both through the runs' JSON codec). */
class BenchSummaryTest {
  @Test
  void theSummaryHeaderListsWhatTheManifestRecorded(@TempDir Path dir) throws Exception {
    Map<String, Object> written = BenchEnvironment.write(dir.resolve("manifest.json"), BenchExecution.auto());
    String md = BenchSummary.write(dir);
    for (String key : new String[] {"cpu", "onednn", "cores", "conv_form"}) {
      assertTrue(written.containsKey(key), "the manifest records " + key);
      assertTrue(md.contains("- " + key + ": " + written.get(key) + "\n"), key + " in:\n" + md);
    }
  }
}
