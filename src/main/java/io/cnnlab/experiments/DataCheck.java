package io.cnnlab.experiments;

import io.cnnlab.data.DatasetId;
import io.cnnlab.data.Datasets;
import io.cnnlab.data.MissingDatasetException;
import io.cnnlab.data.Split;
import io.cnnlab.image.ImageFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Whether an experiment's data is installed, and if not, what installs it. */
public final class DataCheck {
  private DataCheck() {}

  /** Why {@code d} cannot run for lack of data (naming the install command), or empty when its data is there. */
  public static Optional<String> missing(Declaration d, Path dataRoot) {
    if (Declaration.PHOTOS.equals(d.dataset())) {
      Path dir = dataRoot.resolve(Declaration.PHOTOS);
      try {
        if (Files.isDirectory(dir) && !ImageFiles.list(dir).isEmpty()) {
          return Optional.empty();
        }
      } catch (IOException e) {
        // unreadable folder: reported as missing below
      }
      return Optional.of("photos are not installed: no photographs in " + dir + ". Install them with `make photos`");
    }
    DatasetId id = d.datasetId();
    if (id == null || Datasets.isInstalled(id, dataRoot)) {
      return Optional.empty();
    }
    try {
      for (Split split : Split.values()) {
        Datasets.resolve(id, dataRoot, split);
      }
    } catch (MissingDatasetException e) {
      return Optional.of(e.getMessage());
    }
    return Optional.of(id.cliName() + " is not installed under " + dataRoot + ": install it with `make datasets`");
  }
}
