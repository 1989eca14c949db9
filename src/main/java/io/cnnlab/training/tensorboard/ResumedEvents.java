package io.cnnlab.training.tensorboard;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.tensorflow.proto.Event;
import org.tensorflow.proto.Summary;

/**
 * What the event files of an interrupted run keep when it resumes: the records of the epochs its checkpoint
 * restored, so that the resumed run's records continue them and no step is written twice. An epoch after the last
 * checkpoint (or part of one) is trained again, so its records are dropped; so is a record cut short when the
 * run was killed. A fresh start drops every earlier event file of its folder.
 */
final class ResumedEvents {
  private ResumedEvents() {}

  /**
   * Rewrites each event file in {@code dir} without the records after the restored ones: of tags on the global
   * step axis ({@link TensorBoardWriter#STEP_PREFIX}) those after step {@code steps}, of the others (one per
   * epoch) those after epoch {@code epochs}. With {@code epochs} 0 the files are deleted.
   *
   * @return whether a kept record holds the training graph (then it is not written again)
   */
  static boolean keep(Path dir, long epochs, long steps) {
    boolean graph = false;
    try {
      for (Path file : EventFile.in(dir)) {
        if (epochs == 0) {
          Files.delete(file);
          continue;
        }
        List<byte[]> records = TfRecords.readIntact(Files.readAllBytes(file));
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        int dropped = 0;
        for (byte[] record : records) {
          Event e = Event.parseFrom(record);
          if (restored(e, epochs, steps)) {
            TfRecords.write(kept, record);
            graph |= e.hasGraphDef();
          } else {
            dropped++;
          }
        }
        if (dropped > 0 || kept.size() != Files.size(file)) {
          Path tmp = dir.resolve("rewriting.tmp"); // a name TensorBoard does not read
          Files.write(tmp, kept.toByteArray());
          Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (InvalidProtocolBufferException e) {
      throw new UncheckedIOException("a TensorBoard event file in " + dir + " holds a record that is not an Event"
          + " (is it cnnlab's?): " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot rewrite the TensorBoard event files in " + dir + " for the resumed run",
          e);
    }
    return graph;
  }

  private static boolean restored(Event e, long epochs, long steps) {
    if (!e.hasSummary()) {
      return true; // the file version, the graph
    }
    for (Summary.Value v : e.getSummary().getValueList()) {
      long cutoff = v.getTag().startsWith(TensorBoardWriter.STEP_PREFIX) ? steps : epochs;
      if (e.getStep() > cutoff) {
        return false;
      }
    }
    return true;
  }
}
