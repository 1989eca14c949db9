package io.cnnlab.models;

/**
 * A classification network: a configuration and the layers it describes ({@link #network()}). How the layers
 * become a graph (which ops, how a batch is split) is decided per run by its execution, not here.
 */
public interface Model {
  /** Short identifier, e.g. {@code lenet} or {@code alexnet}. */
  String name();

  int classes();

  /** The layers, on images of the network's input shape (resizing, if any, is a layer). */
  Network network();

  /** Height of the images the model takes (NHWC). */
  default int inputHeight() {
    return network().height();
  }

  default int inputWidth() {
    return network().width();
  }

  default int inputChannels() {
    return network().channels();
  }
}
