package io.cnnlab.models;

import io.cnnlab.nn.Activation;
import io.cnnlab.nn.Pooling;
import io.cnnlab.ops.shape.Padding;
import io.cnnlab.ops.shape.Window;
import io.cnnlab.ops.spec.LayerSpec;
import io.cnnlab.ops.spec.LayerStack;
import io.cnnlab.ops.spec.StackSyntax;
import java.util.List;
import java.util.Locale;

/**
 * Reads a {@link LeNetConfig} from a layer stack, so that the textbook LeNet is described once, as
 * {@link io.cnnlab.ops.spec.Preset#LENET} (which {@code cnnlab shapes} prints), and the model, the shape
 * check and the bench's forward pass derive from that description.
 */
final class LeNetLayout {
  /** The kinds of layer a LeNet stack holds, in order. */
  private static final List<Class<? extends LayerSpec>> KINDS = List.of(
      LayerSpec.Conv.class, LayerSpec.Activation.class, LayerSpec.Pool.class,
      LayerSpec.Conv.class, LayerSpec.Activation.class, LayerSpec.Pool.class, LayerSpec.Flatten.class,
      LayerSpec.Dense.class, LayerSpec.Activation.class, LayerSpec.Dense.class, LayerSpec.Activation.class,
      LayerSpec.Dense.class);

  private LeNetLayout() {}

  /**
   * The LeNet {@code stack} describes: conv, activation, pool, conv, activation, pool, flatten, then dense and
   * activation twice and a last dense layer; both convolutions {@value LeNetConfig#KERNEL}x{@value
   * LeNetConfig#KERNEL} with stride 1 (the second unpadded), both poolings {@value LeNetConfig#POOL}x{@value
   * LeNetConfig#POOL} with stride {@value LeNetConfig#POOL} and of one kind, one activation throughout.
   *
   * @throws IllegalArgumentException naming the first layer that does not fit that layout
   */
  static LeNetConfig read(LayerStack stack) {
    List<LayerSpec> layers = stack.layers();
    if (layers.size() != KINDS.size()) {
      throw new IllegalArgumentException("a LeNet stack has " + KINDS.size() + " layers, got " + layers.size()
          + ": " + stack);
    }
    for (int i = 0; i < KINDS.size(); i++) {
      if (!KINDS.get(i).isInstance(layers.get(i))) {
        throw notLeNet(layers, i, "a " + KINDS.get(i).getSimpleName().toLowerCase(Locale.ROOT) + " layer");
      }
    }
    LayerSpec.Conv conv1 = (LayerSpec.Conv) layers.get(0);
    LayerSpec.Conv conv2 = (LayerSpec.Conv) layers.get(3);
    int padding = padding(layers, 0, conv1.window());
    if (padding(layers, 3, conv2.window()) != 0) {
      throw notLeNet(layers, 3, "an unpadded convolution");
    }
    LayerSpec.PoolKind kind = ((LayerSpec.Pool) layers.get(2)).kind();
    for (int i : new int[] {2, 5}) {
      LayerSpec.Pool pool = (LayerSpec.Pool) layers.get(i);
      if (pool.kind() != kind || !square(pool.window(), LeNetConfig.POOL, LeNetConfig.POOL)) {
        throw notLeNet(layers, i, kind.token() + ":k" + LeNetConfig.POOL + ",s" + LeNetConfig.POOL);
      }
    }
    LayerSpec.ActivationFunction function = ((LayerSpec.Activation) layers.get(1)).function();
    for (int i : new int[] {4, 8, 10}) {
      if (((LayerSpec.Activation) layers.get(i)).function() != function) {
        throw notLeNet(layers, i, function.token() + ", the activation of the first layer");
      }
    }
    return new LeNetConfig(Activation.parse(function.token()), Pooling.parse(kind.name().toLowerCase(Locale.ROOT)),
        false, 0f, conv1.filters(), conv2.filters(), ((LayerSpec.Dense) layers.get(7)).units(),
        ((LayerSpec.Dense) layers.get(9)).units(), padding, ((LayerSpec.Dense) layers.get(11)).units(),
        side(stack), stack.input().channels());
  }

  private static int side(LayerStack stack) {
    if (stack.input().height() != stack.input().width()) {
      throw new IllegalArgumentException("LeNet takes square images, got " + stack.input());
    }
    return stack.input().height();
  }

  /** The same zero padding on every side of a {@value LeNetConfig#KERNEL}-wide, stride-1 convolution. */
  private static int padding(List<LayerSpec> layers, int i, Window w) {
    if (!square(w, LeNetConfig.KERNEL, 1)) {
      throw notLeNet(layers, i, "a " + LeNetConfig.KERNEL + "x" + LeNetConfig.KERNEL + " convolution, stride 1");
    }
    if (w.padding() instanceof Padding.Valid) {
      return 0;
    }
    if (w.padding() instanceof Padding.Explicit e && e.height().equals(e.width())
        && e.height().before() == e.height().after()) {
      return e.height().before();
    }
    throw notLeNet(layers, i, "explicit padding, the same on every side");
  }

  private static boolean square(Window w, int kernel, int stride) {
    return w.kernelHeight() == kernel && w.kernelWidth() == kernel && w.strideHeight() == stride
        && w.strideWidth() == stride && w.dilationHeight() == 1 && w.dilationWidth() == 1;
  }

  private static IllegalArgumentException notLeNet(List<LayerSpec> layers, int i, String expected) {
    return new IllegalArgumentException("layer " + (i + 1) + " '" + StackSyntax.format(layers.get(i))
        + "' of the stack is not LeNet's: expected " + expected);
  }
}
