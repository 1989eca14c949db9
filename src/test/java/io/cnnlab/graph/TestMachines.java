package io.cnnlab.graph;

import io.cnnlab.tf.Cpu;
import io.cnnlab.tf.OneDnn;
import io.cnnlab.tf.Platform;
import java.util.List;

/** Machines made up for tests of what an execution resolves to: nothing is probed, no TensorFlow runs. */
public final class TestMachines {
  private static final Platform LINUX_X86 = new Platform("linux", "x86_64");

  private TestMachines() {}

  /** A 2-core x86-64 Linux CPU with oneDNN on, like this project's machines. */
  public static Machine cpu() {
    return cpu(2, true);
  }

  public static Machine cpu(int cores, boolean onednn) {
    return new Machine("cpu", LINUX_X86, new Cpu("test cpu", List.of("AVX2")), new OneDnn.Status(onednn, "test"),
        cores);
  }

  /** An ARM64 Linux CPU (a Graviton, a Raspberry Pi) where oneDNN's kernels run or not. */
  public static Machine armLinux(int cores, boolean onednn) {
    return new Machine("cpu", new Platform("linux", "arm64"), new Cpu("test arm", List.of("NEON")),
        new OneDnn.Status(onednn, "test"), cores);
  }

  /** An Apple Silicon Mac: TensorFlow's macOS build has no oneDNN. */
  public static Machine appleSilicon(int cores) {
    return new Machine("cpu", new Platform("macosx", "arm64"), new Cpu("Apple M3", List.of("NEON", "BF16", "I8MM")),
        new OneDnn.Status(false, "test"), cores);
  }

  public static Machine gpu(int cores) {
    return new Machine("gpu", LINUX_X86, new Cpu("test cpu", List.of("AVX2")), new OneDnn.Status(false, "test"),
        cores);
  }
}
