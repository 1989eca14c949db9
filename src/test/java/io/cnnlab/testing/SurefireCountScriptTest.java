package io.cnnlab.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code .ci/surefire-count}, which {@code .ci/run} ends its tests with: the totals, and a failure for zero tests. */
class SurefireCountScriptTest {
  @TempDir Path tmp;

  private ChildProcess.Result count(Path dir) throws IOException, InterruptedException {
    return ChildProcess.run(new ProcessBuilder("bash", ".ci/surefire-count", dir.toString()), Duration.ofSeconds(30));
  }

  /** A report as Surefire 3 writes it: the suite's totals on its first element. */
  private void report(String name, int tests, int failures, int errors, int skipped) throws IOException {
    Files.writeString(tmp.resolve("TEST-" + name + ".xml"), "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<testsuite xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" version=\"3.0.2\" name=\"" + name
        + "\" time=\"1.5\" tests=\"" + tests + "\" errors=\"" + errors + "\" skipped=\"" + skipped + "\" failures=\""
        + failures + "\">\n  <properties><property name=\"tests\" value=\"99\"/></properties>\n"
        + "  <testcase name=\"a\" classname=\"" + name + "\" time=\"0.1\"/>\n</testsuite>\n");
  }

  @Test
  void theTotalsOfEveryClassArePrinted() throws Exception {
    report("io.cnnlab.AaTest", 3, 0, 0, 1);
    report("io.cnnlab.BbTest", 4, 1, 2, 0);

    ChildProcess.Result r = count(tmp);

    assertEquals(0, r.status(), r.err());
    assertEquals("ci: Surefire ran 7 tests in 2 classes: 1 failures, 2 errors, 1 skipped\n", r.out());
  }

  @Test
  void zeroTestsOrNoReportFails() throws Exception {
    ChildProcess.Result none = count(tmp);
    assertEquals(1, none.status());
    assertTrue(none.err().contains("no Surefire report in " + tmp), none.err());

    report("io.cnnlab.EmptyTest", 0, 0, 0, 0);
    ChildProcess.Result zero = count(tmp);
    assertEquals(1, zero.status());
    assertTrue(zero.out().contains("ran 0 tests in 1 classes"), zero.out());
    assertTrue(zero.err().contains("Surefire reports zero tests"), zero.err());
  }
}
