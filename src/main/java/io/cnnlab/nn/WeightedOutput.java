package io.cnnlab.nn;

import org.tensorflow.Operand;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Output of a layer with weights.
 *
 * @param output the layer's output
 * @param kernel the weight matrix or convolution filter (what weight decay applies to)
 * @param bias the bias vector
 */
public record WeightedOutput(Operand<TFloat32> output, Variable<TFloat32> kernel, Variable<TFloat32> bias) {}
