package io.cnnlab.runs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentRecordJsonTest {
  @TempDir Path tmp;

  private static ExperimentRecord record() {
    return new ExperimentRecord("lenet-fmnist", "LeNet on Fashion-MNIST", "train", "fashion-mnist", List.of("a", "b"), true,
        new ExperimentRecord.Reference("d2l 6.6", "test_accuracy", 0.78, 0.84, Map.of("PyTorch", 0.779)),
        new ExperimentRecord.Verdict(ExperimentRecord.Status.OUTSIDE_BAND, 0.75, new double[] {0.74, 0.76}, -0.03, "short run"),
        List.of(new ExperimentRecord.RunRecord("seed1", "textbook", 1, "seed1", "abc", true, List.of("extra.csv"))),
        List.of("curves", "confusion"), Map.of("lr", "0.9"));
  }

  @Test
  void writtenRecordsReadBackField() throws IOException {
    Path file = ExperimentRecordJson.write(tmp.resolve("x/experiment.json"), record());

    ExperimentRecord back = ExperimentRecordJson.read(file);

    ExperimentRecord r = record();
    assertEquals(List.of(r.id(), r.title(), r.kind(), r.dataset(), r.classNames(), r.smoke(), r.reference(), r.runs(),
        r.render(), r.settings()), List.of(back.id(), back.title(), back.kind(), back.dataset(), back.classNames(),
        back.smoke(), back.reference(), back.runs(), back.render(), back.settings()));
    assertEquals(ExperimentRecord.Status.OUTSIDE_BAND, back.verdict().status());
    assertArrayEquals(new double[] {0.74, 0.76}, back.verdict().spread());
    assertEquals(-0.03, back.verdict().gap());
    assertTrue(Files.readString(file).contains("\"status\" : \"OUTSIDE_BAND\""), "enum written by name");
  }

  @Test
  void missingFileIsNamed() {
    Path file = tmp.resolve("nope/experiment.json");
    RunFileException e = assertThrows(RunFileException.class, () -> ExperimentRecordJson.read(file));
    assertEquals(file, e.file());
    assertTrue(e.getMessage().startsWith(file + ": no such file"), e.getMessage());
  }

  @Test
  void brokenJsonIsNamedWithItsLine() throws IOException {
    Path file = tmp.resolve("experiment.json");
    Files.writeString(file, "{\n  \"id\": \"x\",\n  \"title\": \n}\n");
    RunFileException e = assertThrows(RunFileException.class, () -> ExperimentRecordJson.read(file));
    assertTrue(e.getMessage().startsWith(file + ": not a valid experiment record (line 4,"), e.getMessage());
  }

  @Test
  void unknownKeysAndMissingFieldsAreRefused() throws IOException {
    Path file = tmp.resolve("experiment.json");
    String json = Files.readString(ExperimentRecordJson.write(file, record()));
    Files.writeString(file, json.replace("\"kind\"", "\"colour\" : \"red\", \"kind\""));
    RunFileException e = assertThrows(RunFileException.class, () -> ExperimentRecordJson.read(file));
    assertTrue(e.getMessage().contains("\"colour\""), e.getMessage());

    Files.writeString(file, "{\"title\": \"t\", \"kind\": \"train\", \"runs\": []}");
    e = assertThrows(RunFileException.class, () -> ExperimentRecordJson.read(file));
    assertEquals(file + ": lacks id, verdict.status; every experiment record has them", e.getMessage());
  }
}
