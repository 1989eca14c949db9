package io.cnnlab.reports.charts;

import io.cnnlab.reports.input.Predictions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Counts of (true class, predicted class) pairs. Rows are true classes, columns predicted classes.
 */
public final class ConfusionMatrix {
  /** An off-diagonal cell: {@code count} examples of class {@code actual} predicted as {@code predicted}. */
  public record ConfusedPair(int actual, int predicted, int count) {}

  private final int[][] counts;

  private ConfusionMatrix(int[][] counts) {
    this.counts = counts;
  }

  /** Tallies predictions over {@code classes} classes. */
  public static ConfusionMatrix of(int classes, Predictions predictions) {
    return of(classes, predictions.labels(), predictions.predicted());
  }

  /**
   * Tallies predictions over {@code classes} classes.
   *
   * @throws IllegalArgumentException when the arrays differ in length or hold a class outside [0, classes)
   */
  public static ConfusionMatrix of(int classes, int[] labels, int[] predicted) {
    if (classes < 1) {
      throw new IllegalArgumentException("classes must be >= 1, got " + classes);
    }
    if (labels.length != predicted.length) {
      throw new IllegalArgumentException(labels.length + " labels but " + predicted.length + " predictions");
    }
    int[][] counts = new int[classes][classes];
    for (int i = 0; i < labels.length; i++) {
      checkClass(labels[i], classes, "label", i);
      checkClass(predicted[i], classes, "prediction", i);
      counts[labels[i]][predicted[i]]++;
    }
    return new ConfusionMatrix(counts);
  }

  private static void checkClass(int value, int classes, String what, int index) {
    if (value < 0 || value >= classes) {
      throw new IllegalArgumentException(
          what + " of example " + index + " is " + value + ", expected a class in [0, " + classes + ")");
    }
  }

  public int classes() {
    return counts.length;
  }

  /** Examples of class {@code actual} predicted as {@code predicted}. */
  public int count(int actual, int predicted) {
    return counts[actual][predicted];
  }

  /** A copy of the counts, {@code [actual][predicted]}. */
  public int[][] counts() {
    int[][] copy = new int[counts.length][];
    for (int i = 0; i < counts.length; i++) {
      copy[i] = counts[i].clone();
    }
    return copy;
  }

  /** Number of examples tallied. */
  public long total() {
    long sum = 0;
    for (int[] row : counts) {
      for (int c : row) {
        sum += c;
      }
    }
    return sum;
  }

  /** Examples whose true class is {@code actual}. */
  public long rowTotal(int actual) {
    long sum = 0;
    for (int c : counts[actual]) {
      sum += c;
    }
    return sum;
  }

  /** Examples predicted as {@code predicted}. */
  public long columnTotal(int predicted) {
    long sum = 0;
    for (int[] row : counts) {
      sum += row[predicted];
    }
    return sum;
  }

  /** Each row divided by its total: entry {@code [a][p]} is the share of class a predicted as p. Empty rows stay 0. */
  public double[][] rowNormalized() {
    int n = counts.length;
    double[][] out = new double[n][n];
    for (int a = 0; a < n; a++) {
      long row = rowTotal(a);
      for (int p = 0; p < n && row > 0; p++) {
        out[a][p] = counts[a][p] / (double) row;
      }
    }
    return out;
  }

  /** Fraction of all examples on the diagonal; NaN when empty. */
  public double accuracy() {
    long correct = 0;
    for (int i = 0; i < counts.length; i++) {
      correct += counts[i][i];
    }
    long total = total();
    return total == 0 ? Double.NaN : correct / (double) total;
  }

  /** Of the examples predicted as {@code c}, the fraction truly of class c; NaN when nothing was predicted as c. */
  public double precision(int c) {
    long predictedAsC = columnTotal(c);
    return predictedAsC == 0 ? Double.NaN : counts[c][c] / (double) predictedAsC;
  }

  /** Of the examples of class {@code c}, the fraction predicted as c; NaN when the class has no examples. */
  public double recall(int c) {
    long ofC = rowTotal(c);
    return ofC == 0 ? Double.NaN : counts[c][c] / (double) ofC;
  }

  /**
   * The {@code k} largest off-diagonal cells with a nonzero count, largest first; ties broken by true class,
   * then predicted class, so the order is reproducible.
   */
  public List<ConfusedPair> mostConfused(int k) {
    List<ConfusedPair> pairs = new ArrayList<>();
    for (int a = 0; a < counts.length; a++) {
      for (int p = 0; p < counts.length; p++) {
        if (a != p && counts[a][p] > 0) {
          pairs.add(new ConfusedPair(a, p, counts[a][p]));
        }
      }
    }
    pairs.sort(
        Comparator.comparingInt(ConfusedPair::count)
            .reversed()
            .thenComparingInt(ConfusedPair::actual)
            .thenComparingInt(ConfusedPair::predicted));
    return List.copyOf(pairs.subList(0, Math.min(k, pairs.size())));
  }
}
