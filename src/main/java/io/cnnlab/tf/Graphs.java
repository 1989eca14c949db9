package io.cnnlab.tf;

import java.lang.reflect.Field;
import org.tensorflow.Graph;
import org.tensorflow.internal.c_api.TF_Buffer;
import org.tensorflow.internal.c_api.TF_Graph;
import org.tensorflow.internal.c_api.TF_Status;
import org.tensorflow.internal.c_api.global.tensorflow;

/** Where cnnlab makes its graphs: oneDNN is set up ({@link OneDnn#ensure()}) before TensorFlow first loads. */
public final class Graphs {
  private Graphs() {}

  /** A new, empty graph. */
  public static Graph create() {
    OneDnn.ensure();
    return new Graph();
  }

  /**
   * {@code graph} as a serialized {@code GraphDef}, the bytes TensorFlow's C API writes. TF Java offers the graph
   * only parsed ({@link Graph#toGraphDef()}); parsing a training graph of a thousand nodes and serializing it again
   * costs far more in a fresh JVM than the C API's own serialization (bench/PERFORMANCE.md, issue 26), so the bytes
   * are read through the graph's native handle, a private field of TF Java's {@code Graph}. Should a later TF Java
   * rename that field, the parsed route is taken instead: the same graph, only slower.
   */
  public static byte[] graphDefBytes(Graph graph) {
    TF_Graph handle = nativeHandle(graph);
    if (handle == null) {
      return graph.toGraphDef().toByteArray();
    }
    TF_Buffer buffer = tensorflow.TF_NewBuffer();
    TF_Status status = tensorflow.TF_NewStatus();
    try {
      tensorflow.TF_GraphToGraphDef(handle, buffer, status);
      status.throwExceptionIfNotOK();
      return buffer.copyData();
    } finally {
      tensorflow.TF_DeleteBuffer(buffer);
      tensorflow.TF_DeleteStatus(status);
    }
  }

  /** The graph's {@code TF_Graph}, or null when TF Java does not hold it where 1.1.0 does. */
  static TF_Graph nativeHandle(Graph graph) {
    try {
      Field field = Graph.class.getDeclaredField("nativeHandle");
      field.setAccessible(true);
      return field.get(graph) instanceof TF_Graph handle ? handle : null;
    } catch (ReflectiveOperationException | RuntimeException e) { // a renamed field, or access refused
      return null;
    }
  }
}
