package io.cnnlab.training;

import io.cnnlab.graph.Execution;
import io.cnnlab.graph.Machine;
import io.cnnlab.models.Model;
import org.tensorflow.Graph;

/** Training graphs as the trainer builds them: the configuration's execution resolved on this machine. */
final class TrainGraphs {
  private TrainGraphs() {}

  static Execution execution(Model model, TrainConfig config) {
    return new Trainer(model, config, "test").execution(Machine.detect());
  }

  static TrainGraph build(Graph graph, Model model, TrainConfig config) {
    return TrainGraph.build(graph, model, config, execution(model, config));
  }
}
