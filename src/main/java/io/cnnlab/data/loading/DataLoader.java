package io.cnnlab.data.loading;

import io.cnnlab.data.ImageSet;
import java.util.function.IntFunction;

/**
 * Batches an {@link ImageSet} epoch after epoch: shuffled per epoch from (seed, epoch) alone, every sample
 * exactly once per epoch (or all but the incomplete last batch with drop-last), normalized into flat NHWC
 * floats, optionally assembled ahead by worker threads. Cheap to create and re-iterable: each
 * {@link #epoch(int)} opens an independent stream.
 */
public final class DataLoader implements BatchSource {
  private final ImageSet data;
  private final LoaderOptions options;
  private final BatchAssembler assembler;

  public DataLoader(ImageSet data, LoaderOptions options) {
    this.data = data;
    this.options = options;
    this.assembler = new BatchAssembler(data, options.normalization());
  }

  public ImageSet data() {
    return data;
  }

  public LoaderOptions options() {
    return options;
  }

  /** The sample indices of epoch {@code epoch} in delivery order (before drop-last). */
  public int[] order(int epoch) {
    if (epoch < 0) {
      throw new IllegalArgumentException("epoch " + epoch + ", expected >= 0");
    }
    return options.shuffle()
        ? EpochOrder.shuffled(data.count(), options.seed(), epoch)
        : EpochOrder.identity(data.count());
  }

  @Override
  public BatchStream epoch(int epoch) {
    int[] order = order(epoch);
    int batches = batchesPerEpoch();
    int samples = samplesPerEpoch();
    int size = options.batchSize();
    IntFunction<Batch> make = i -> assembler.assemble(order, i * size, Math.min(size, samples - i * size));
    String description = data.name() + " epoch " + epoch;
    return options.workers() == 0
        ? new SynchronousBatchStream(description, batches, make)
        : new PrefetchingBatchStream(description, batches, make, options.workers(), options.lookAhead());
  }

  @Override
  public int batchesPerEpoch() {
    int size = options.batchSize();
    return options.dropLast() ? data.count() / size : (data.count() + size - 1) / size;
  }

  @Override
  public int samplesPerEpoch() {
    return options.dropLast() ? batchesPerEpoch() * options.batchSize() : data.count();
  }

  @Override
  public String toString() {
    return "DataLoader(" + data + ", " + options + ")";
  }
}
