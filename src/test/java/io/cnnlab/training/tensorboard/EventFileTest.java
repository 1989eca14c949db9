package io.cnnlab.training.tensorboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cnnlab.testing.EventFileReader;
import io.cnnlab.training.TrainListener;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.Event;
import org.tensorflow.proto.Summary;

/** The framing of the event files, read back by the tests' own reader; what a crash or a fresh start leaves. */
class EventFileTest {
  @TempDir Path tmp;

  private static Event scalar(long step, String tag, float value) {
    return Event.newBuilder().setStep(step).setWallTime(1.5)
        .setSummary(Summary.newBuilder().addValue(Summaries.scalar(tag, value))).build();
  }

  @Test
  void recordsReadBackEventForEventAndADamagedOneIsNamed() throws IOException {
    EventFile file = EventFile.create(tmp, 1_700_000_000.25);
    file.write(scalar(7, "step/loss", 0.5f));
    file.close();
    assertTrue(file.file().getFileName().toString().startsWith("events.out.tfevents.1700000000.cnnlab."));
    List<Event> events = EventFileReader.read(file.file());
    assertEquals(2, events.size());
    assertEquals("brain.Event:2", events.get(0).getFileVersion());
    assertEquals(1_700_000_000.25, events.get(0).getWallTime());
    assertEquals(List.of(new EventFileReader.Scalar("step/loss", 7, 0.5f)), EventFileReader.scalars(events));

    byte[] bytes = Files.readAllBytes(file.file());
    bytes[bytes.length - 6] ^= 1; // a bit of the last record's data
    Path damaged = Files.write(tmp.resolve("damaged.tfevents"), bytes);
    IOException e = assertThrows(IOException.class, () -> EventFileReader.read(damaged));
    assertTrue(e.getMessage().contains("the data's CRC does not match"), e.getMessage());
    assertEquals(1, TfRecords.readIntact(bytes).size(), "the writer's own reader keeps the intact first record");
  }

  @Test
  void aResumedRunKeepsOnlyTheRestoredRecordsAndDropsOneCutShort() throws IOException {
    EventFile file = EventFile.create(tmp, 100);
    file.write(scalar(8, "step/loss", 1));   // epoch 1 of 8 steps: kept
    file.write(scalar(1, "epoch/test_accuracy", 0.5f)); // kept
    file.write(scalar(11, "step/loss", 2));  // epoch 2, trained again: dropped
    file.write(scalar(2, "epoch/test_accuracy", 0.6f)); // after the checkpoint: dropped
    file.close();
    ByteArrayOutputStream next = new ByteArrayOutputStream();
    TfRecords.write(next, scalar(14, "step/loss", 3).toByteArray());
    // The first 20 bytes of the next record, as a run killed while writing it leaves them.
    Files.write(file.file(), Arrays.copyOf(next.toByteArray(), 20), StandardOpenOption.APPEND);

    assertEquals(false, ResumedEvents.keep(tmp, 1, 8), "no graph was written");
    assertEquals(List.of(new EventFileReader.Scalar("step/loss", 8, 1), new EventFileReader.Scalar(
        "epoch/test_accuracy", 1, 0.5f)), EventFileReader.scalars(EventFileReader.read(file.file())));
  }

  @Test
  void aFreshStartRemovesTheEventFilesOfAnEarlierRun() throws IOException {
    EventFile.create(tmp, 100).close();
    Files.writeString(tmp.resolve("notes.txt"), "kept");
    TensorBoardWriter writer = new TensorBoardWriter(tmp, 5, 0);
    writer.onStart(new TrainListener.RunStart(2, 1, 8, 120, List.of()));
    writer.onFailure(new IllegalStateException("stopped"));
    List<Path> files = EventFileReader.files(tmp);
    assertEquals(1, files.size());
    assertTrue(files.get(0).getFileName().toString().compareTo("events.out.tfevents.0000000100") > 0, files.toString());
    assertTrue(Files.exists(tmp.resolve("notes.txt")));
  }
}
