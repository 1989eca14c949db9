package io.cnnlab.training.tensorboard;

import com.google.protobuf.ByteString;
import org.tensorflow.proto.HistogramProto;
import org.tensorflow.proto.Summary;

/**
 * The summary values TensorBoard reads, in the forms TensorFlow's own summary ops write: a scalar as the value's
 * {@code simple_value}, a histogram as a {@code HistogramProto}, an image as an encoded PNG.
 */
final class Summaries {
  private Summaries() {}

  /** Buckets of a histogram, as many as TensorBoard's histogram view draws by default. */
  static final int BUCKETS = 30;

  /** A scalar, stored as float32 as TensorFlow stores it. */
  static Summary.Value scalar(String tag, double value) {
    return Summary.Value.newBuilder().setTag(tag).setSimpleValue((float) value).build();
  }

  /**
   * A histogram of the finite {@code values}: {@link #BUCKETS} buckets of equal width from their minimum to their
   * maximum, each {@code bucket_limit} a bucket's right edge (the last is the maximum, as TensorBoard reads it);
   * one bucket when all are equal, none when no value is finite.
   */
  static Summary.Value histogram(String tag, float[] values) {
    float[] range = finiteRange(values);
    float min = range[0];
    float max = range[1];
    int buckets = max > min ? BUCKETS : 1;
    double width = ((double) max - min) / buckets;
    double perWidth = max > min ? 1 / width : 0;
    long[] counts = new long[buckets];
    double sum = 0;
    double squares = 0;
    long n = 0;
    for (float v : values) {
      if (v - v == 0) {
        int b = (int) ((v - (double) min) * perWidth);
        counts[b < buckets ? b : buckets - 1]++;
        sum += v;
        squares += (double) v * v;
        n++;
      }
    }
    HistogramProto.Builder h = HistogramProto.newBuilder().setNum(n).setSum(sum).setSumSquares(squares);
    if (n > 0) {
      h.setMin(min).setMax(max);
      for (int b = 0; b < buckets; b++) {
        h.addBucketLimit(b == buckets - 1 ? max : (double) min + (b + 1) * width).addBucket(counts[b]);
      }
    }
    return Summary.Value.newBuilder().setTag(tag).setHisto(h).build();
  }

  /**
   * The minimum and maximum of the finite {@code values} (the minimum above the maximum when there is none). Plain
   * arithmetic in the loops ({@code v - v} is 0 exactly for finite {@code v}): they run once per epoch or run,
   * mostly before the JIT compiler has compiled them, where a call per value counts.
   */
  static float[] finiteRange(float[] values) {
    float min = Float.POSITIVE_INFINITY;
    float max = Float.NEGATIVE_INFINITY;
    for (float v : values) {
      if (v - v == 0) {
        if (v < min) {
          min = v;
        }
        if (v > max) {
          max = v;
        }
      }
    }
    return new float[] {min, max};
  }

  /**
   * A PNG image.
   *
   * @param channels 1 (gray) or 3 (RGB), as the PNG holds them
   */
  static Summary.Value image(String tag, int width, int height, int channels, byte[] png) {
    return Summary.Value.newBuilder().setTag(tag).setImage(Summary.Image.newBuilder().setWidth(width)
        .setHeight(height).setColorspace(channels).setEncodedImageString(ByteString.copyFrom(png))).build();
  }
}
