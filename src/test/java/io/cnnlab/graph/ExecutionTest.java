package io.cnnlab.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cnnlab.models.AlexNet;
import io.cnnlab.models.AlexNetConfig;
import io.cnnlab.models.LeNet;
import io.cnnlab.models.LeNetConfig;
import io.cnnlab.models.Model;
import io.cnnlab.runs.ExecutionRecord;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.proto.ConfigProto;

/** What a request resolves to on made-up machines: every rule of {@link ExecutionRules}, no TensorFlow run. */
class ExecutionTest {
  private static final Model LENET = new LeNet(LeNetConfig.textbook());
  private static final Model ALEXNET = new AlexNet(AlexNetConfig.textbook());
  /** Half the width: conv2 reads 48 channels, whose oneDNN NHWC input gradient is wrong. */
  private static final Model HALF_ALEXNET = new AlexNet(AlexNetConfig.textbook().withWidth(0.5).withDropout(0f));

  private static Execution resolve(Model model, ExecutionOptions options, Machine machine, int batch) {
    return Execution.resolve(options, machine, model.network(), batch);
  }

  private static List<ConvForm> forms(Execution e) {
    return e.stages().stream().map(StageForm::form).toList();
  }

  private static List<Integer> chunks(Execution e) {
    return e.stages().stream().map(StageForm::chunks).toList();
  }

  @Test
  void autoBlocksLeNetsStagesOnX86WhereOneDnnRuns() {
    Execution e = resolve(LENET, ExecutionOptions.DEFAULT, TestMachines.cpu(2, true), 256);
    assertEquals(List.of(ConvForm.BLOCKED, ConvForm.BLOCKED), forms(e));
    assertEquals(List.of("conv1", "conv2"), e.stages().stream().map(StageForm::layer).toList());
    // conv1 reads the images (no input gradient) and 32x32 padded pixels divide by 4; conv2 does not
    assertTrue(e.stage(1).why().contains("4x4") && e.stage(2).why().contains("2x2"), e.stages().toString());
    assertEquals(2, e.threads());
    assertEquals(2, e.towers());
    assertEquals("linux-x86_64", e.platform());
  }

  @Test
  void withoutOneDnnLeNetsStagesStayPlain() {
    Execution e = resolve(LENET, ExecutionOptions.DEFAULT, TestMachines.cpu(2, false), 256);
    assertEquals(List.of(ConvForm.PLAIN, ConvForm.PLAIN), forms(e));
    assertEquals("oneDNN off", e.stage(1).why());
    assertEquals(2, e.towers(), "towers do not depend on the forms");
  }

  @Test
  void armAndMacsGetThePlainOpsWithOrWithoutOneDnn() {
    // The blocked and gathered forms were measured faster only on x86-64 with oneDNN.
    for (Machine m : List.of(TestMachines.armLinux(4, true), TestMachines.armLinux(4, false),
        TestMachines.appleSilicon(8))) {
      for (Model model : List.of(LENET, ALEXNET)) {
        Execution e = resolve(model, ExecutionOptions.DEFAULT, m, 256);
        assertTrue(forms(e).stream().allMatch(f -> f == ConvForm.PLAIN), m.describe() + ": " + e.stages());
        assertTrue(e.stage(1).why().startsWith("on " + m.platform().classifier() + ": "), e.stage(1).why());
        assertEquals(m.platform().classifier(), e.platform());
      }
      assertEquals(Math.min(m.cores(), 256 / ExecutionRules.MIN_SLICE),
          resolve(LENET, ExecutionOptions.DEFAULT, m, 256).towers(), "towers: one per core, as on x86");
    }
    Execution mac = resolve(LENET, ExecutionOptions.DEFAULT, TestMachines.appleSilicon(8), 256);
    assertEquals("on macosx-arm64: the blocked and gathered forms were measured faster only on x86-64 with oneDNN",
        mac.stage(2).why());
  }

  @Test
  void onArmWithOneDnnItsWrongKernelIsStillAvoided() {
    // 48 input channels: NCHW, as oneDNN's NHWC input gradient is suspect wherever oneDNN runs.
    Execution arm = resolve(HALF_ALEXNET, ExecutionOptions.DEFAULT, TestMachines.armLinux(4, true), 128);
    assertEquals(List.of(ConvForm.PLAIN, ConvForm.CHANNELS_FIRST, ConvForm.PLAIN, ConvForm.PLAIN, ConvForm.PLAIN),
        forms(arm));
    Execution mac = resolve(HALF_ALEXNET, ExecutionOptions.DEFAULT, TestMachines.appleSilicon(8), 128);
    assertEquals(ConvForm.PLAIN, mac.stage(2).form(), "no oneDNN on macOS: its kernel never runs");
  }

  @Test
  void plainDeterministicAndGpuGiveThePlainOps() {
    Machine cpu = TestMachines.cpu();
    Execution plain = resolve(LENET, ExecutionOptions.DEFAULT.withConvForm(ConvFormChoice.PLAIN), cpu, 256);
    assertEquals(List.of(ConvForm.PLAIN, ConvForm.PLAIN), forms(plain));
    assertEquals("plain asked for", plain.stage(1).why());
    assertEquals(2, plain.towers(), "towers do not depend on the forms");

    Execution deterministic = resolve(LENET, ExecutionOptions.DEFAULT.withThreads(2).withDeterministic(true), cpu, 256);
    assertEquals(List.of(ConvForm.PLAIN, ConvForm.PLAIN), forms(deterministic));
    assertEquals("deterministic mode", deterministic.stage(2).why());
    assertEquals(1, deterministic.threads(), "one thread, whatever was asked");
    assertEquals(1, deterministic.towers());

    Execution gpu = resolve(ALEXNET, ExecutionOptions.DEFAULT, TestMachines.gpu(8), 256);
    assertTrue(forms(gpu).stream().allMatch(f -> f == ConvForm.PLAIN), gpu.stages().toString());
    assertEquals(1, gpu.towers(), "one tower on a GPU");
    assertEquals(1, resolve(LENET, ExecutionOptions.DEFAULT, TestMachines.gpu(8), 256).towers());
  }

  @Test
  void autoGathersAlexNetsWideConvolutionsWhereOneDnnRunsInChunksPerThread() {
    // conv1 reads 1 channel; conv2-conv5 96, 256, 384 and 384; the textbook AlexNet has dropout: one tower
    Execution two = resolve(ALEXNET, ExecutionOptions.DEFAULT, TestMachines.cpu(2, true), 256);
    assertEquals(List.of(ConvForm.PLAIN, ConvForm.GATHERED, ConvForm.GATHERED, ConvForm.GATHERED,
        ConvForm.GATHERED), forms(two));
    assertEquals(1, two.towers());
    assertEquals(32, two.chunkImages(), "2 threads in the tower: chunks of 32");
    assertEquals(List.of(1, 8, 8, 8, 8), chunks(two));
    Execution one = resolve(ALEXNET, ExecutionOptions.DEFAULT.withThreads(1), TestMachines.cpu(2, true), 256);
    assertEquals(64, one.chunkImages());
    assertEquals(List.of(1, 4, 4, 4, 4), chunks(one));
    Execution noOneDnn = resolve(ALEXNET, ExecutionOptions.DEFAULT, TestMachines.cpu(2, false), 256);
    assertTrue(forms(noOneDnn).stream().allMatch(f -> f == ConvForm.PLAIN), "no oneDNN: " + noOneDnn.stages());
  }

  @Test
  void aKnownWrongOneDnnKernelIsAvoidedInEveryMode() {
    Machine cpu = TestMachines.cpu(2, true);
    Execution auto = resolve(HALF_ALEXNET, ExecutionOptions.DEFAULT, cpu, 128);
    assertEquals(ConvForm.GATHERED, auto.stage(2).form(), "48 channels, stride 1: the gather uses no oneDNN kernel");
    for (ExecutionOptions plain : List.of(ExecutionOptions.DEFAULT.withConvForm(ConvFormChoice.PLAIN),
        ExecutionOptions.DEFAULT.withDeterministic(true))) {
      Execution e = resolve(HALF_ALEXNET, plain, cpu, 128);
      assertEquals(List.of(ConvForm.PLAIN, ConvForm.CHANNELS_FIRST, ConvForm.PLAIN, ConvForm.PLAIN, ConvForm.PLAIN),
          forms(e), plain.canonical());
      assertTrue(e.stage(2).why().contains("wrong for 48 input channels"), e.stage(2).why());
    }
    Execution noOneDnn = resolve(HALF_ALEXNET, ExecutionOptions.DEFAULT.withDeterministic(true),
        TestMachines.cpu(2, false), 128);
    assertEquals(ConvForm.PLAIN, noOneDnn.stage(2).form(), "without oneDNN its kernel never runs");
  }

  @Test
  void towersFollowThreadsBatchAndDropout() {
    Model bn = new LeNet(LeNetConfig.batchNormVariant());
    Model dropout = new LeNet(LeNetConfig.reluMaxVariant().withDropout(0.5f));
    assertEquals(1, towers(LENET, 1, 0, 256), "one thread: one tower");
    assertEquals(1, towers(LENET, 2, 0, 32), "slices of 16 are too small");
    assertEquals(4, towers(LENET, 16, 0, 128), "at least 32 images per slice");
    assertEquals(2, towers(bn, 2, 0, 256), "batch norm takes its statistics over all towers");
    assertEquals(1, towers(dropout, 2, 0, 256), "dropout: towers only when asked for");
    assertEquals(2, towers(dropout, 2, 2, 256), "dropout: the whole batch's mask, split");
    assertEquals(3, towers(LENET, 1, 3, 8), "an explicit count is taken as given");
    assertEquals(4, Execution.resolve(ExecutionOptions.DEFAULT, TestMachines.cpu(4, true), LENET.network(), 256)
        .towers(), "every core when no thread count is asked");
  }

  private static int towers(Model model, int threads, int towers, int batch) {
    return resolve(model, ExecutionOptions.DEFAULT.withThreads(threads).withTowers(towers), TestMachines.cpu(), batch)
        .towers();
  }

  @Test
  void sessionThreadsAreSharedByTheTowers() {
    assertPools(2, 2, 1, 2);
    assertPools(2, 1, 2, 1);
    assertPools(1, 2, 1, 1); // one thread: the towers run one after the other
    assertPools(16, 4, 4, 4);
  }

  private static void assertPools(int threads, int towers, int intra, int inter) {
    ConfigProto c = resolve(LENET, ExecutionOptions.DEFAULT.withThreads(threads).withTowers(towers),
        TestMachines.cpu(), 256).sessionConfig();
    String what = threads + " threads, " + towers + " towers";
    assertEquals(intra, c.getIntraOpParallelismThreads(), what + ": intra-op");
    assertEquals(inter, c.getInterOpParallelismThreads(), what + ": inter-op");
    assertTrue(c.getUsePerSessionThreads(), what + ": pools of its own");
  }

  @Test
  void theRecordSaysWhatWasAskedAndWhatItResolvedTo() {
    ExecutionRecord r = resolve(ALEXNET, ExecutionOptions.DEFAULT.withThreads(2), TestMachines.cpu(), 256).record();
    assertEquals(List.of("convForm", "threads", "towers", "deterministic"), List.copyOf(r.requested().keySet()));
    assertEquals(List.of("auto", "2", "auto", "false"), List.copyOf(r.requested().values()));
    assertEquals("cpu", r.device());
    assertEquals("linux-x86_64", r.platform());
    assertEquals("test cpu (AVX2)", r.cpu());
    assertTrue(r.onednn());
    assertEquals(List.of("plain", "gathered", "gathered", "gathered", "gathered"),
        r.stages().stream().map(ExecutionRecord.Stage::form).toList());
    assertEquals(8, r.stages().get(1).chunks());
  }

  @Test
  void anExecutionIsForTheNetworkItWasResolvedFor() {
    Execution lenet = resolve(LENET, ExecutionOptions.DEFAULT, TestMachines.cpu(), 256);
    var e = assertThrows(IllegalArgumentException.class, () -> lenet.stage(3));
    assertTrue(e.getMessage().contains("conv3") && e.getMessage().contains("2 convolutions"), e.getMessage());
    Execution inspecting = Execution.inspecting(ALEXNET.network());
    assertEquals(5, inspecting.stages().size());
    assertTrue(forms(inspecting).stream().allMatch(f -> f == ConvForm.PLAIN));
    assertEquals(1, inspecting.towers());
  }
}
