package io.cnnlab.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cnnlab.data.DatasetId;
import io.cnnlab.models.Model;
import io.cnnlab.models.ModelSettings;
import io.cnnlab.training.TrainConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The model a job builds once for its data set, and the job's value semantics. No training here. */
class TrainingJobTest {
  private static final Path ROOT = Path.of("datasets");
  private static final TrainConfig CONFIG = TrainConfig.builder().build();

  @Test
  void theModelIsBuiltForTheDataSetAndTheIdentityDescribesIt() {
    TrainingJob job = new TrainingJob(ModelSettings.of("lenet"), DatasetId.CIFAR100_FINE, ROOT, 500, 0, CONFIG, 0);
    Model m = job.buildModel();
    // CIFAR-100: 32x32 RGB images, 100 fine classes.
    assertEquals(32, m.inputHeight());
    assertEquals(3, m.inputChannels());
    assertEquals(100, m.classes());
    assertEquals(m + ";data=cifar100-fine;train=500;test=0", job.identity());
    assertTrue(job.identity().contains("classes=100"), job.identity());
  }

  @Test
  void settingsThatDoNotFitFailWhenTheJobIsMade() {
    ModelSettings lenetWithWidth = new ModelSettings("lenet", null, null, null, null, null, null, 2.0, null, null, null);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new TrainingJob(lenetWithWidth, DatasetId.FASHION_MNIST, ROOT, 0, 0, CONFIG, 0));
    assertTrue(e.getMessage().contains("width"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> new TrainingJob(ModelSettings.of("lenet"), DatasetId.MNIST, ROOT, -1, 0, CONFIG, 0));
  }

  @Test
  void jobsWithEqualSettingsAreEqualThoughEachBuiltItsOwnModel() {
    TrainingJob a = new TrainingJob(ModelSettings.of("alexnet"), DatasetId.MNIST, ROOT, 0, 100, CONFIG, 2);
    TrainingJob b = new TrainingJob(ModelSettings.of("alexnet"), DatasetId.MNIST, ROOT, 0, 100, CONFIG, 2);
    assertNotSame(a.buildModel(), b.buildModel());
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertEquals(a.identity(), b.identity());
    assertNotEquals(a, new TrainingJob(ModelSettings.of("alexnet"), DatasetId.MNIST, ROOT, 0, 100, CONFIG, 1));
  }
}
