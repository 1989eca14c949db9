package io.cnnlab.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cnnlab.models.AlexNet;
import io.cnnlab.models.AlexNetConfig;
import io.cnnlab.models.Model;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.GraphOperation;

/**
 * AlexNet with its wide convolutions as a gather and a product ({@code io.cnnlab.nn.GatheredConv}; NCHW where
 * the stride is not 1, and for some channel counts in deterministic mode), cut into batch chunks, trains like
 * AlexNet built with the plain
 * NHWC ops (the reference, {@code --conv-form plain}): one SGD step's loss, logits, every variable after
 * it and the evaluation logits, for one and two towers, with and without LRN (which runs in NHWC between).
 * A 67-pixel input and a third of the width keep it small: conv1 15x15 with 32 channels, conv2 7x7 with 85,
 * conv3-conv5 3x3, the last pooling 1x1. Not half or two thirds of the width: with 48 channels into conv2 (7x7)
 * or 171 into conv4 (3x3), TensorFlow's oneDNN NHWC backward-data kernel, the reference here, is wrong on
 * AVX-512 ({@code io.cnnlab.nn.ChannelsFirstConvTest}).
 */
class ChannelsFirstAlexNetTest {
  private static final List<AlexNetConfig> VARIANTS = List.of(
      AlexNetConfig.textbook().withInputSize(67).withWidth(1.0 / 3).withDropout(0f),
      AlexNetConfig.textbook().withInputSize(67).withWidth(1.0 / 3).withDropout(0f).withLrn(true));

  @Test
  void channelsFirstTrainsLikeThePlainOps() {
    int n = 10; // not a multiple of the chunk count: the padding rows must drop out again
    float[] x = TowersTest.randomImages(n, 5);
    int[] y = TowersTest.randomLabels(n, 5);
    for (AlexNetConfig config : VARIANTS) {
      PlainBuilds.assertTrainsLikeThePlainOps(new AlexNet(config), x, y, config.toString());
    }
  }

  @Test
  void theWideConvolutionsRunInChunksAsGathers() {
    // Guards the comparison above: the default build must differ from the plain one. conv3-conv5 have 85
    // and 128 input channels (conv2 32, fewer than ChannelsFirst.MIN_CHANNELS); the default configuration
    // (TrainConfig) is 2 towers of 128 images: 2 chunks per convolution and tower.
    Model model = new AlexNet(VARIANTS.get(0));
    List<String> fast = gatheredConvolutions(model, TrainConfig.builder().threads(2).build(), false);
    assertEquals(3 * 2 * 2, fast.size(), "conv3-conv5, 2 towers x 2 chunks each: " + fast);
    assertTrue(fast.stream().allMatch(name -> name.matches("(tower1/)?conv[345]/.*")), fast.toString());
    assertTrue(nchwConvolutions(model, false).isEmpty(), "no NCHW convolution left in the default build");
    assertTrue(gatheredConvolutions(model, TrainConfig.builder().threads(2).build(), true).isEmpty(), "plain build");
    assertFalse(PlainBuilds.operations(model, true, GraphOperation::type).contains("Transpose"),
        "plain build has no layout changes");
  }

  @Test
  void channelCountsWithWrongNhwcGradientsRunInNchwEvenInDeterministicMode() {
    // Half the width: conv2 reads 48 channels at 7x7, where oneDNN's NHWC input gradient was wrong
    // (ChannelsFirstConvTest checks the NCHW one on that shape); conv3-conv5 read 128 and 192, which are
    // right in NHWC and so stay plain in deterministic mode and with --conv-form plain.
    Model half = new AlexNet(AlexNetConfig.textbook().withInputSize(67).withWidth(0.5).withDropout(0f));
    // deterministic: 1 thread, 1 tower of 256 images, chunks of 64
    TrainConfig deterministic = TrainConfig.builder().batchSize(256).threads(2).deterministic(true).build();
    List<String> nchw = PlainBuilds.operations(half, deterministic, false, ChannelsFirstAlexNetTest::nchw);
    assertEquals(4, nchw.size(), "conv2 alone, 1 tower x 4 chunks: " + nchw);
    assertTrue(nchw.stream().allMatch(name -> name.matches("conv2/.*")), nchw.toString());
    // --conv-form plain, default configuration: 2 towers of 128 images on 2 threads, 2 chunks each
    List<String> plain = nchwConvolutions(half, true);
    assertEquals(4, plain.size(), "conv2 alone, 2 towers x 2 chunks: " + plain);
    assertTrue(plain.stream().allMatch(name -> name.matches("(tower1/)?conv2/.*")), plain.toString());
  }

  @Test
  void chunksAreSmallerWithTwoThreads() {
    // The textbook AlexNet (dropout: one tower) at batch 256: chunks of 64 images on 1 thread, of 32 on 2
    // (ChannelsFirst.chunkSize), one gather each for conv2-conv5 (96 input channels and more)
    Model textbook = new AlexNet(AlexNetConfig.textbook());
    for (int threads : new int[] {1, 2}) {
      TrainConfig config = TrainConfig.builder().batchSize(256).threads(threads).build();
      List<String> convs = gatheredConvolutions(textbook, config, false);
      assertEquals(4 * 256 / (threads == 1 ? 64 : 32), convs.size(), threads + " threads: " + convs);
    }
  }

  private static List<String> gatheredConvolutions(Model model, TrainConfig config, boolean plain) {
    return PlainBuilds.operations(model, config, plain,
        op -> op.type().equals("GatherV2") && op.name().contains("/im2col") ? op.name() : null);
  }

  private static List<String> nchwConvolutions(Model model, boolean plain) {
    return PlainBuilds.operations(model, TrainConfig.builder().threads(2).build(), plain, ChannelsFirstAlexNetTest::nchw);
  }

  private static String nchw(GraphOperation op) {
    return op.type().equals("Conv2D") && op.attributes().getAttrString("data_format").equals("NCHW") ? op.name() : null;
  }
}
