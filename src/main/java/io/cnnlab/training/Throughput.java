package io.cnnlab.training;

/**
 * A training-throughput measurement on random data.
 *
 * @param model the model's name
 * @param batchSize samples per step
 * @param steps timed steps (after warm-up)
 * @param threads TensorFlow intra-op threads
 * @param examplesPerSecond {@code batchSize * steps} / summed step time
 * @param medianStepMillis median time of one training step
 */
public record Throughput(
    String model, int batchSize, int steps, int threads, double examplesPerSecond, double medianStepMillis) {}
