package io.cnnlab.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cnnlab.cli.CnnlabCli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code cnnlab bench peers} end to end: cnnlab's CSV and a peer output file in, ratio table and summary out. */
class BenchPeersCommandTest {
  @TempDir Path dir;

  private int run(String... args) {
    return new CommandLine(new CnnlabCli()).execute(args);
  }

  @Test
  void writesRatiosPerModelModeAndBatchWithVerdicts() throws IOException {
    Files.writeString(dir.resolve("throughput-train.csv"), String.join("\n",
        "model,mode,batch,threads,towers,img_per_s,min_img_per_s,max_img_per_s,step_ms,steps_per_round,rounds,"
            + "flop_per_image,gflops,peak_gflops,peak_share",
        "lenet-textbook,train,256,2,2,24000,23000,25000,10.67,32,5,2499120,59.98,110.0,0.545",
        "lenet-textbook,train,64,2,2,12000,11000,13000,5.33,128,5,2499120,29.99,110.0,0.273",
        "lenet-textbook,train,256,1,1,15000,14000,16000,17.07,32,5,2499120,37.49,,", ""));
    Path peerOut = Files.writeString(dir.resolve("peers.txt"), String.join("\n",
        "# run-peers ... threads=2 malloc=inherit",
        "peer=djl-pytorch-2.7.1 djl=0.36.0 model=lenet-textbook mode=train bs=256 threads=2 img_per_s=16000.0"
            + " malloc=tuned",
        "peer=djl-pytorch-2.7.1 djl=0.36.0 model=lenet-textbook mode=train bs=64 threads=2 img_per_s=10000.0"
            + " malloc=tuned",
        "peer=python-pytorch-1.13.0a0 model=lenet-textbook mode=train bs=256 threads=2 img_per_s=16000.0 malloc=tuned",
        "peer=djl-mxnet status=unavailable reason=engine-load-failed:UnsatisfiedLinkError", ""));

    assertEquals(0, run("bench", "peers", "--out", dir.toString(), "--peer-output", peerOut.toString()));

    List<String> csv = Files.readAllLines(dir.resolve("peers.csv"));
    assertEquals("model,mode,batch,threads,peer,cnnlab_img_per_s,peer_img_per_s,ratio,target,verdict", csv.get(0));
    assertEquals("lenet-textbook,train,256,2,djl-pytorch-2.7.1,24000,16000,1.50,1.5,met", csv.get(1));
    assertEquals("lenet-textbook,train,64,2,djl-pytorch-2.7.1,12000,10000,1.20,,", csv.get(2));
    assertEquals("lenet-textbook,train,256,2,python-pytorch-1.13.0a0,24000,16000,1.50,2.0,missed", csv.get(3));
    assertEquals("-,,,,djl-mxnet,,,,,unavailable: engine-load-failed:UnsatisfiedLinkError", csv.get(4));
    assertEquals(5, csv.size());
    assertTrue(Files.size(dir.resolve("peers.png")) > 0);
    String section = Files.readString(dir.resolve("parts/peers.md"));
    assertTrue(section.contains("djl-mxnet could not run: engine-load-failed:UnsatisfiedLinkError"), section);
    assertTrue(section.contains("= 1.50x (target 2.0x: missed)"), section);
  }

  @Test
  void missingInputsAreUsageErrors() throws IOException {
    assertEquals(2, run("bench", "peers", "--out", dir.toString(), "--peer-output", dir.resolve("none.txt").toString()));
    Path peerOut = Files.writeString(dir.resolve("peers.txt"), "peer=x status=unavailable reason=r\n");
    assertEquals(2, run("bench", "peers", "--out", dir.toString(), "--peer-output", peerOut.toString()),
        "no throughput CSV in --out");
  }

  @Test
  void mallocSettingNames() {
    assertEquals("default", BenchPeersCommand.mallocSetting(null));
    assertEquals("default", BenchPeersCommand.mallocSetting(""));
    assertEquals("tuned", BenchPeersCommand.mallocSetting(BenchPeersCommand.TUNED_MALLOC));
    assertEquals("custom", BenchPeersCommand.mallocSetting("glibc.malloc.arena_max=2"));
  }
}
