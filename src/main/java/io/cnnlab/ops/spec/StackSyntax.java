package io.cnnlab.ops.spec;

import io.cnnlab.ops.shape.AxisPadding;
import io.cnnlab.ops.shape.Padding;
import io.cnnlab.ops.shape.Window;
import io.cnnlab.ops.spec.LayerSpec.Activation;
import io.cnnlab.ops.spec.LayerSpec.ActivationFunction;
import io.cnnlab.ops.spec.LayerSpec.Conv;
import io.cnnlab.ops.spec.LayerSpec.Dense;
import io.cnnlab.ops.spec.LayerSpec.Dropout;
import io.cnnlab.ops.spec.LayerSpec.Flatten;
import io.cnnlab.ops.spec.LayerSpec.Pool;
import io.cnnlab.ops.spec.LayerSpec.PoolKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The command-line syntax of a layer stack: one token per layer, see {@link #DESCRIPTION}.
 *
 * <p>{@link #format} writes a layer back as the shortest token that parses to it, so
 * {@code parse(format(layer))} equals {@code layer}.
 */
public final class StackSyntax {
  private StackSyntax() {}

  /** Expected form of a convolution token. */
  public static final String CONV_FORM = "conv:C,kK[,sS][,pP][,dD] (e.g. conv:6,k5,p2)";
  /** Expected form of a pooling token. */
  public static final String POOL_FORM = "maxpool:kK[,sS][,pP][,dD] or avgpool:... (e.g. maxpool:k3,s2)";
  /** Expected form of a dense token. */
  public static final String DENSE_FORM = "fc:N or dense:N (e.g. fc:120)";

  /** The syntax, for help texts. */
  public static final String DESCRIPTION =
      """
      One token per layer, applied in order to the input (HxWxC):
        conv:C,kK[,sS][,pP][,dD]   convolution, C filters, bias included
        maxpool:kK[,sS][,pP][,dD]  max pooling (stride defaults to the kernel)
        avgpool:kK[,sS][,pP][,dD]  average pooling (stride defaults to the kernel)
        fc:N  or  dense:N          fully connected, N units (flattens first)
        flatten                    feature map to vector (implied before fc)
        relu | sigmoid | tanh      activation, shape unchanged
        dropout[:R]                dropout, rate R (default 0.5), shape unchanged
      K kernel, S stride (default 1), D dilation (default 1):
        N for both axes or HxW, e.g. k5, k5x3, s2.
      P padding (default valid, i.e. none):
        N       N zeros on every side, e.g. p2
        B/A     B before (top, left), A after (bottom, right), e.g. p1/2
        HxW     per axis, each N or B/A, e.g. p1x2, p0/1x1/0
        same    TensorFlow SAME: ceil(in/S) outputs, the odd zero after
        valid   no padding
      Output size per axis: floor((in + before + after - D*(K-1) - 1) / S) + 1.""";

  /** Parses one token per layer. */
  public static List<LayerSpec> parse(List<String> tokens) {
    List<LayerSpec> layers = new ArrayList<>(tokens.size());
    for (String token : tokens) {
      layers.add(parseToken(token));
    }
    return layers;
  }

  /** Parses whitespace-separated tokens. */
  public static List<LayerSpec> parse(String text) {
    String trimmed = text.trim();
    return trimmed.isEmpty() ? List.of() : parse(Arrays.asList(trimmed.split("\\s+")));
  }

  /**
   * Parses one layer token.
   *
   * @throws SyntaxException naming the token, what is wrong and the expected form
   */
  public static LayerSpec parseToken(String token) {
    String t = token.trim().toLowerCase(Locale.ROOT);
    int colon = t.indexOf(':');
    String name = colon < 0 ? t : t.substring(0, colon);
    String args = colon < 0 ? null : t.substring(colon + 1);
    switch (name) {
      case "conv":
        return parseConv(token, args);
      case "maxpool":
        return parsePool(token, PoolKind.MAX, args);
      case "avgpool":
        return parsePool(token, PoolKind.AVG, args);
      case "fc":
      case "dense":
        if (args == null) {
          throw new SyntaxException(token, "missing the number of units", DENSE_FORM);
        }
        return new Dense(positive(token, args, "units", DENSE_FORM));
      case "dropout":
        return new Dropout(args == null ? 0.5 : rate(token, args));
      case "flatten":
        noArgs(token, args, "flatten");
        return new Flatten();
      default:
        for (ActivationFunction f : ActivationFunction.values()) {
          if (f.token().equals(name)) {
            noArgs(token, args, name);
            return new Activation(f);
          }
        }
        throw new SyntaxException(
            token,
            "unknown layer '" + name + "'",
            "one of conv:..., maxpool:..., avgpool:..., fc:N, flatten, relu, sigmoid, tanh, dropout[:R]");
    }
  }

  private static Conv parseConv(String token, String args) {
    if (args == null || args.isEmpty()) {
      throw new SyntaxException(token, "missing the number of filters and the kernel", CONV_FORM);
    }
    String[] parts = args.split(",", -1);
    int filters = positive(token, parts[0], "filters", CONV_FORM);
    Map<Character, String> options = options(token, Arrays.copyOfRange(parts, 1, parts.length), CONV_FORM);
    int[] kernel = dims(token, require(token, options, 'k', "kernel", CONV_FORM), "kernel", CONV_FORM);
    return new Conv(filters, window(token, options, kernel, new int[] {1, 1}, CONV_FORM));
  }

  private static Pool parsePool(String token, PoolKind kind, String args) {
    if (args == null || args.isEmpty()) {
      throw new SyntaxException(token, "missing the kernel", POOL_FORM);
    }
    Map<Character, String> options = options(token, args.split(",", -1), POOL_FORM);
    int[] kernel = dims(token, require(token, options, 'k', "kernel", POOL_FORM), "kernel", POOL_FORM);
    return new Pool(kind, window(token, options, kernel, kernel, POOL_FORM));
  }

  private static Window window(
      String token, Map<Character, String> options, int[] kernel, int[] defaultStride, String form) {
    int[] stride = options.containsKey('s') ? dims(token, options.get('s'), "stride", form) : defaultStride;
    int[] dilation = options.containsKey('d') ? dims(token, options.get('d'), "dilation", form) : new int[] {1, 1};
    Padding padding = options.containsKey('p') ? padding(token, options.get('p'), form) : Padding.valid();
    return new Window(kernel[0], kernel[1], stride[0], stride[1], dilation[0], dilation[1], padding);
  }

  /** Options {@code k.., s.., p.., d..}, each at most once. */
  private static Map<Character, String> options(String token, String[] parts, String form) {
    Map<Character, String> options = new HashMap<>();
    for (String part : parts) {
      if (part.isEmpty() || "kspd".indexOf(part.charAt(0)) < 0) {
        throw new SyntaxException(token, "unknown option '" + part + "' (options are k, s, p, d)", form);
      }
      if (options.put(part.charAt(0), part.substring(1)) != null) {
        throw new SyntaxException(token, "option '" + part.charAt(0) + "' given twice", form);
      }
    }
    return options;
  }

  private static String require(String token, Map<Character, String> options, char key, String what, String form) {
    String value = options.get(key);
    if (value == null) {
      throw new SyntaxException(token, "missing the " + what + " (" + key + "...)", form);
    }
    return value;
  }

  /** {@code N} or {@code HxW}, positive. */
  private static int[] dims(String token, String value, String what, String form) {
    String[] hw = value.split("x", -1);
    if (hw.length == 1) {
      int n = positive(token, value, what, form);
      return new int[] {n, n};
    }
    if (hw.length == 2) {
      return new int[] {positive(token, hw[0], what, form), positive(token, hw[1], what, form)};
    }
    throw new SyntaxException(token, what + " '" + value + "' is not N or HxW", form);
  }

  /** {@code same}, {@code valid}, or per-axis paddings {@code A} or {@code AxA}, each {@code N} or {@code B/A}. */
  private static Padding padding(String token, String value, String form) {
    if (value.equals("same")) {
      return Padding.same();
    }
    if (value.equals("valid")) {
      return Padding.valid();
    }
    String[] axes = value.split("x", -1);
    if (axes.length > 2) {
      throw new SyntaxException(token, "padding '" + value + "' has more than two axes", form);
    }
    AxisPadding height = axisPadding(token, axes[0], form);
    AxisPadding width = axes.length == 2 ? axisPadding(token, axes[1], form) : height;
    return new Padding.Explicit(height, width);
  }

  private static AxisPadding axisPadding(String token, String value, String form) {
    String[] ba = value.split("/", -1);
    if (ba.length > 2) {
      throw new SyntaxException(token, "padding '" + value + "' is not N or B/A", form);
    }
    int before = nonNegative(token, ba[0], "padding", form);
    int after = ba.length == 2 ? nonNegative(token, ba[1], "padding", form) : before;
    return new AxisPadding(before, after);
  }

  private static int positive(String token, String value, String what, String form) {
    int n = integer(token, value, what, form);
    if (n < 1) {
      throw new SyntaxException(token, what + " must be >= 1, got " + n, form);
    }
    return n;
  }

  private static int nonNegative(String token, String value, String what, String form) {
    int n = integer(token, value, what, form);
    if (n < 0) {
      throw new SyntaxException(token, what + " must be >= 0, got " + n, form);
    }
    return n;
  }

  private static int integer(String token, String value, String what, String form) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new SyntaxException(token, what + " '" + value + "' is not an integer", form);
    }
  }

  private static double rate(String token, String value) {
    String form = "dropout[:R] with 0 <= R < 1 (e.g. dropout:0.5)";
    try {
      double r = Double.parseDouble(value);
      if (r >= 0 && r < 1) {
        return r;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new SyntaxException(token, "dropout rate '" + value + "' is not a number in [0, 1)", form);
  }

  private static void noArgs(String token, String args, String name) {
    if (args != null) {
      throw new SyntaxException(token, name + " takes no arguments", name);
    }
  }

  /** The shortest token that {@link #parseToken} reads back as {@code layer}. */
  public static String format(LayerSpec layer) {
    if (layer instanceof Conv c) {
      return "conv:" + c.filters() + formatWindow(c.window(), 1, 1);
    }
    if (layer instanceof Pool p) {
      Window w = p.window();
      return p.kind().token() + ":" + formatWindow(w, w.kernelHeight(), w.kernelWidth()).substring(1);
    }
    if (layer instanceof Dense d) {
      return "fc:" + d.units();
    }
    if (layer instanceof Flatten) {
      return "flatten";
    }
    if (layer instanceof Activation a) {
      return a.function().token();
    }
    if (layer instanceof Dropout d) {
      return "dropout:" + d.rate();
    }
    throw new IllegalArgumentException("no syntax for layer " + layer);
  }

  private static String formatWindow(Window w, int defaultStrideH, int defaultStrideW) {
    StringBuilder sb = new StringBuilder(",k").append(formatDims(w.kernelHeight(), w.kernelWidth()));
    if (w.strideHeight() != defaultStrideH || w.strideWidth() != defaultStrideW) {
      sb.append(",s").append(formatDims(w.strideHeight(), w.strideWidth()));
    }
    if (!(w.padding() instanceof Padding.Valid)) {
      sb.append(",p").append(w.padding());
    }
    if (w.dilationHeight() != 1 || w.dilationWidth() != 1) {
      sb.append(",d").append(formatDims(w.dilationHeight(), w.dilationWidth()));
    }
    return sb.toString();
  }

  private static String formatDims(int h, int w) {
    return h == w ? Integer.toString(h) : h + "x" + w;
  }
}
