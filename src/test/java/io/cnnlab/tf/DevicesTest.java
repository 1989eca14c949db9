package io.cnnlab.tf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Device listing through the C API. */
class DevicesTest {
  @Test
  void theCpuIsAlwaysListed() {
    List<Devices.Device> devices = Devices.list();
    assertTrue(devices.stream().anyMatch(d -> d.type().equals("CPU") && d.name().endsWith("device:CPU:0")),
        devices.toString());
    String line = Devices.describe();
    assertTrue(line.contains("CPU:0"), line);
  }

  @Test
  void kindIsGpuOnlyWithAGpuDevice() {
    var cpu = new Devices.Device("/job:localhost/replica:0/task:0/device:CPU:0", "CPU", 0);
    var gpu = new Devices.Device("/job:localhost/replica:0/task:0/device:GPU:0", "GPU", 80L << 30);
    assertEquals("cpu", Devices.kind(List.of(cpu)));
    assertEquals("gpu", Devices.kind(List.of(cpu, gpu)));
  }
}
