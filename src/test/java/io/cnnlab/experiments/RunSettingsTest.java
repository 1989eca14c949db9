package io.cnnlab.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cnnlab.models.ModelSettings;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The kinds' setting groups name exactly the record's components, and bad values are named by their key. */
class RunSettingsTest {
  @Test
  void kindsAcceptExactlyTheRecordsSettings() {
    Set<String> components = Arrays.stream(RunSettings.class.getRecordComponents()).map(RecordComponent::getName)
        .collect(Collectors.toCollection(TreeSet::new));
    Set<String> grouped = Arrays.stream(Kind.values()).flatMap(k -> k.settingKeys().stream())
        .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(components, grouped);
  }

  @Test
  void outOfRangeCountsAndBadNamesAreNamedByTheirKey() {
    RunSettings lenet = new RunSettings(ModelSettings.of("lenet"), "adagrad", null, null, null, null, null, null,
        null, null, null, null, -1, null, null, null, null);
    IllegalArgumentException workers = assertThrows(IllegalArgumentException.class, lenet::check);
    assertTrue(workers.getMessage().startsWith("workers must be >= 0"), workers.getMessage());
    RunSettings optimizer = new RunSettings(ModelSettings.of("lenet"), "adagrad", null, null, null, null, null, null,
        null, null, null, null, null, null, null, null, null);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> optimizer.trainConfig(1));
    assertTrue(e.getMessage().startsWith("optimizer: unknown optimizer 'adagrad'"), e.getMessage());
    RunSettings form = new RunSettings(ModelSettings.of("lenet"), null, null, null, null, null, null, null, null, null,
        null, "nchw", null, null, null, null, null);
    IllegalArgumentException f = assertThrows(IllegalArgumentException.class, () -> form.trainConfig(1));
    assertEquals("convForm: unknown convolution form 'nchw': expected auto or plain", f.getMessage());
  }
}
