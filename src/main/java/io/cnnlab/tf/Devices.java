package io.cnnlab.tf;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.tensorflow.TensorFlow;
import org.tensorflow.internal.c_api.TF_DeviceList;
import org.tensorflow.internal.c_api.TF_Graph;
import org.tensorflow.internal.c_api.TF_Session;
import org.tensorflow.internal.c_api.TF_SessionOptions;
import org.tensorflow.internal.c_api.TF_Status;
import org.tensorflow.internal.c_api.global.tensorflow;

/**
 * The devices TensorFlow can run on in this process, for run manifests: the CPU always, a GPU when the
 * CUDA build of the native library ({@code mvn -Pgpu}) is on the class path and a GPU is present.
 *
 * <p>TensorFlow Java 1.1.0 has no public device listing, so this opens a throw-away session on an empty
 * graph through the C API ({@code TF_SessionListDevices}) — what a real session would see.
 */
public final class Devices {
  /** Class-path marker of the CUDA build of {@code tensorflow-core-native}. */
  public static final String GPU_CLASSIFIER = "linux-x86_64-gpu";

  private Devices() {}

  /**
   * One device.
   *
   * @param name TensorFlow's full name, e.g. {@code /job:localhost/replica:0/task:0/device:CPU:0}
   * @param type {@code CPU} or {@code GPU}
   * @param memoryBytes memory TensorFlow may use on it (0 when it does not say)
   */
  public record Device(String name, String type, long memoryBytes) {}

  /** Every device a session sees, CPU first as TensorFlow lists them. */
  public static List<Device> list() {
    OneDnn.ensure();
    TensorFlow.version(); // loads the native library
    TF_Status status = tensorflow.TF_NewStatus();
    TF_Graph graph = tensorflow.TF_NewGraph();
    TF_SessionOptions options = tensorflow.TF_NewSessionOptions();
    try {
      TF_Session session = tensorflow.TF_NewSession(graph, options, status);
      check(status, "open a session");
      try {
        TF_DeviceList list = tensorflow.TF_SessionListDevices(session, status);
        check(status, "list devices");
        try {
          List<Device> devices = new ArrayList<>();
          for (int i = 0; i < tensorflow.TF_DeviceListCount(list); i++) {
            String name = tensorflow.TF_DeviceListName(list, i, status).getString();
            String type = tensorflow.TF_DeviceListType(list, i, status).getString();
            long memory = tensorflow.TF_DeviceListMemoryBytes(list, i, status);
            check(status, "read device " + i);
            devices.add(new Device(name, type, memory));
          }
          return devices;
        } finally {
          tensorflow.TF_DeleteDeviceList(list);
        }
      } finally {
        tensorflow.TF_CloseSession(session, status);
        tensorflow.TF_DeleteSession(session, status);
      }
    } finally {
      tensorflow.TF_DeleteSessionOptions(options);
      tensorflow.TF_DeleteGraph(graph);
      tensorflow.TF_DeleteStatus(status);
    }
  }

  /**
   * True when the CUDA build of the native library is on the class path (it runs on CPU without a GPU), as a
   * folder of it or inside one jar ({@link Platform#nativesOnClassPath}).
   */
  public static boolean gpuBuildOnClassPath() {
    return Platform.nativesOnClassPath().contains(GPU_CLASSIFIER);
  }

  /** {@code gpu} when a GPU device is listed, else {@code cpu}. */
  public static String kind() {
    return kind(list());
  }

  static String kind(List<Device> devices) {
    return devices.stream().anyMatch(d -> d.type().equalsIgnoreCase("GPU")) ? "gpu" : "cpu";
  }

  /** One line for a manifest, e.g. {@code cpu (CPU:0; native build linux-x86_64)}: the natives on the class path. */
  public static String describe() {
    List<Device> devices = list();
    List<String> shortNames = new ArrayList<>();
    for (Device d : devices) {
      String n = d.name();
      shortNames.add(n.substring(n.lastIndexOf("device:") < 0 ? 0 : n.lastIndexOf("device:") + 7));
    }
    return String.format(Locale.ROOT, "%s (%s; native build %s)", kind(devices), String.join(", ", shortNames),
        String.join(", ", Platform.nativesOnClassPath()));
  }

  private static void check(TF_Status status, String what) {
    if (tensorflow.TF_GetCode(status) != tensorflow.TF_OK) {
      throw new IllegalStateException("TensorFlow could not " + what + ": "
          + tensorflow.TF_Message(status).getString());
    }
  }
}
