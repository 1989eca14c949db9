package io.cnnlab.data;

import java.io.IOException;
import java.nio.file.Path;

/** A data set that is not installed: names the file looked for and the command that installs it. */
public final class MissingDatasetException extends IOException {
  private static final long serialVersionUID = 1L;
  private final transient Path path;

  public MissingDatasetException(DatasetId id, Path path) {
    super(
        id.directory() + " is not installed: " + path + " does not exist. Install it with `make datasets"
            + (id.isCifar100() ? " CIFAR100=PATH` (PATH: cifar-100-binary.tar.gz, cifar-100-python.tar.gz, either unpacked, or a torchvision"
                + " root; ~/.keras/datasets is looked in too. CIFAR-100 has no registry source)" : "`")
            + ", or point the data root at the folder that holds " + id.directory() + "/");
    this.path = path;
  }

  /** The file that was looked for. */
  public Path path() {
    return path;
  }
}
