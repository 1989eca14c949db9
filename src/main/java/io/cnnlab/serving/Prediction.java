package io.cnnlab.serving;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * What an exported model made of one picture.
 *
 * @param probabilities per class, in class-index order
 * @param classNames the model's class names, in the same order
 * @param inverted whether the picture was inverted before the model saw it
 */
public record Prediction(float[] probabilities, List<String> classNames, boolean inverted) {
  /** A class and its probability. */
  public record Ranked(int index, String name, float probability) {}

  /** The {@code k} most probable classes, most probable first (ties: the lower class index first). */
  public List<Ranked> top(int k) {
    List<Ranked> ranked = new ArrayList<>();
    IntStream.range(0, probabilities.length).boxed()
        .sorted(Comparator.comparingDouble((Integer i) -> -probabilities[i]).thenComparingInt(i -> i))
        .limit(k).forEach(i -> ranked.add(new Ranked(i, classNames.get(i), probabilities[i])));
    return ranked;
  }

  /** The most probable class. */
  public int predicted() {
    return top(1).get(0).index();
  }
}
