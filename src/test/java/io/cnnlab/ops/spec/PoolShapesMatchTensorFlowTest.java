package io.cnnlab.ops.spec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.cnnlab.ops.shape.ActivationShape.Spatial;
import io.cnnlab.ops.shape.Padding;
import io.cnnlab.ops.shape.Window;
import io.cnnlab.ops.spec.LayerSpec.Pool;
import io.cnnlab.ops.spec.LayerSpec.PoolKind;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * Pooling output shapes against TensorFlow's own shape inference for {@code MaxPool}/{@code AvgPool}
 * (SAME and VALID; TensorFlow's pools take no explicit padding or dilation). Convolution shapes are checked
 * against TensorFlow in {@code ConvMatchesTensorFlowTest}.
 */
class PoolShapesMatchTensorFlowTest {

  @Test
  void sameAndValidPoolingShapes() {
    Random random = new Random(99);
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      int checked = 0;
      while (checked < 200) {
        int h = 1 + random.nextInt(40);
        int w = 1 + random.nextInt(40);
        int c = 1 + random.nextInt(4);
        int kh = 1 + random.nextInt(5);
        int kw = 1 + random.nextInt(5);
        int sh = 1 + random.nextInt(4);
        int sw = 1 + random.nextInt(4);
        boolean same = random.nextBoolean();
        if (!same && (kh > h || kw > w)) {
          continue; // VALID with a window larger than the input: no output (our algebra rejects it)
        }
        Window window = new Window(kh, kw, sh, sw, 1, 1, same ? Padding.same() : Padding.valid());
        PoolKind kind = random.nextBoolean() ? PoolKind.MAX : PoolKind.AVG;
        Spatial ours = new Pool(kind, window).outputShape(new Spatial(h, w, c));

        Operand<TFloat32> in = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(2, h, w, c)));
        List<Long> size = List.of(1L, (long) kh, (long) kw, 1L);
        List<Long> strides = List.of(1L, (long) sh, (long) sw, 1L);
        String padding = same ? "SAME" : "VALID";
        Operand<TFloat32> out = kind == PoolKind.MAX
            ? tf.nn.maxPool(in, tf.constant(new int[] {1, kh, kw, 1}), tf.constant(new int[] {1, sh, sw, 1}), padding)
            : tf.nn.avgPool(in, size, strides, padding);
        assertArrayEquals(
            new long[] {2, ours.height(), ours.width(), ours.channels()},
            out.shape().asArray(),
            kind + " " + window + " on " + h + "x" + w + "x" + c);
        checked++;
      }
    }
  }
}
