package io.cnnlab.tf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;

class GraphsTest {
  @Test
  void theGraphsBytesFromTheCApiHoldTheNodesTfJavaParses() throws Exception {
    try (Graph graph = Graphs.create()) {
      Ops tf = Ops.create(graph);
      tf.withName("sum").math.add(tf.withName("a").constant(1f), tf.withName("b").constant(2f));
      assertNotNull(Graphs.nativeHandle(graph), "TF Java 1.1.0 keeps the handle where the fast route reads it");
      GraphDef fast = GraphDef.parseFrom(Graphs.graphDefBytes(graph));
      assertEquals(java.util.List.of("a", "b", "sum"), fast.getNodeList().stream().map(NodeDef::getName).sorted().toList());
      assertEquals(graph.toGraphDef().getNodeList(), fast.getNodeList());
    }
  }
}
