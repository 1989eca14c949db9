package io.cnnlab.training.optim;

/** The update rules a run can use; each constant builds its own optimizer. */
public enum OptimizerKind {
  /** Plain SGD; {@code momentum} is ignored. */
  SGD {
    @Override
    public GradientOptimizer create(double momentum) {
      return new SgdOptimizer();
    }
  },
  /** Heavy-ball momentum. */
  MOMENTUM {
    @Override
    public GradientOptimizer create(double momentum) {
      return new MomentumOptimizer(momentum, false);
    }
  },
  /** Nesterov momentum. */
  NESTEROV {
    @Override
    public GradientOptimizer create(double momentum) {
      return new MomentumOptimizer(momentum, true);
    }
  },
  /** Adam with beta1 0.9, beta2 0.999, epsilon 1e-8; {@code momentum} is ignored. */
  ADAM {
    @Override
    public GradientOptimizer create(double momentum) {
      return new AdamOptimizer();
    }
  };

  /** A fresh optimizer of this kind (a new instance per graph: Adam keeps graph state). */
  public abstract GradientOptimizer create(double momentum);

  /** Whether the {@code momentum} setting changes what this optimizer does. */
  public boolean usesMomentum() {
    return this == MOMENTUM || this == NESTEROV;
  }

  /** Parses a name case-insensitively ({@code sgd}, {@code momentum}, {@code nesterov}, {@code adam}). */
  public static OptimizerKind parse(String name) {
    for (OptimizerKind kind : values()) {
      if (kind.name().equalsIgnoreCase(name.trim())) {
        return kind;
      }
    }
    throw new IllegalArgumentException(
        "unknown optimizer '" + name + "'; expected one of sgd, momentum, nesterov, adam");
  }
}
