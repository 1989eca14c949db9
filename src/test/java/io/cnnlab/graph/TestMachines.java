package io.cnnlab.graph;

import io.cnnlab.tf.Cpu;
import io.cnnlab.tf.OneDnn;
import java.util.List;

/** Machines made up for tests of what an execution resolves to: nothing is probed, no TensorFlow runs. */
public final class TestMachines {
  private TestMachines() {}

  /** A 2-core CPU with oneDNN on, like this project's machines. */
  public static Machine cpu() {
    return cpu(2, true);
  }

  public static Machine cpu(int cores, boolean onednn) {
    return new Machine("cpu", new Cpu("test cpu", List.of("AVX2")), new OneDnn.Status(onednn, "test"), cores);
  }

  public static Machine gpu(int cores) {
    return new Machine("gpu", new Cpu("test cpu", List.of("AVX2")), new OneDnn.Status(false, "test"), cores);
  }
}
