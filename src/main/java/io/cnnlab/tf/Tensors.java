package io.cnnlab.tf;

import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TUint8;

/**
 * Moves flat Java arrays in and out of tensors.
 *
 * <p>A flat array through a {@code DataBuffer} costs microseconds; the nd-array copy helpers
 * ({@code StdArrays}) and per-element setters cost as much as a training step.
 */
public final class Tensors {
  private Tensors() {}

  /** A float tensor of {@code shape} holding a copy of {@code values} (row-major). */
  public static TFloat32 floats(float[] values, long... shape) {
    Shape s = checked(values.length, shape);
    return TFloat32.tensorOf(s, DataBuffers.of(values, true, false));
  }

  /** An int tensor of {@code shape} holding a copy of {@code values} (row-major). */
  public static TInt32 ints(int[] values, long... shape) {
    Shape s = checked(values.length, shape);
    return TInt32.tensorOf(s, DataBuffers.of(values, true, false));
  }

  /** A uint8 tensor of {@code shape} holding a copy of {@code values} (row-major): images as stored. */
  public static TUint8 bytes(byte[] values, long... shape) {
    Shape s = checked(values.length, shape);
    return TUint8.tensorOf(s, DataBuffers.of(values, true, false));
  }

  private static Shape checked(int length, long... shape) {
    Shape s = Shape.of(shape);
    if (s.size() != length) {
      throw new IllegalArgumentException("shape " + s + " needs " + s.size() + " values, got " + length);
    }
    return s;
  }

  /** All values of a float tensor, row-major. */
  public static float[] toFloats(Tensor tensor) {
    TFloat32 t = (TFloat32) tensor;
    float[] out = new float[Math.toIntExact(t.shape().size())];
    t.asRawTensor().data().asFloats().read(out);
    return out;
  }

  /** All values of an int tensor, row-major. */
  public static int[] toInts(Tensor tensor) {
    TInt32 t = (TInt32) tensor;
    int[] out = new int[Math.toIntExact(t.shape().size())];
    t.asRawTensor().data().asInts().read(out);
    return out;
  }

  /** The single value of a scalar float tensor. */
  public static float scalar(Tensor tensor) {
    return ((TFloat32) tensor).getFloat();
  }
}
