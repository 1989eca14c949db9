package io.cnnlab.ops.spec;

import io.cnnlab.ops.shape.ActivationShape;

/**
 * One row of a {@link ShapeReport}: a layer (by its token), the shape it outputs, its parameters and MACs.
 *
 * @param index 1-based position in the report, implied layers included
 * @param layer the layer's token, e.g. {@code conv:6,k5,p2}
 * @param implied whether the layer was not written but implied (a flatten before a dense layer)
 */
public record LayerRow(int index, String layer, boolean implied, ActivationShape output, long parameters, long macs) {}
