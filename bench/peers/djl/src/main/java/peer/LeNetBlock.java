package peer;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;

/**
 * The LeNet of d2l.ai 2.0 section 6.6: conv 6@5x5 (padding 2), pool 2/2, conv 16@5x5, pool 2/2,
 * dense 120, 84, 10. {@code lenet-textbook} uses sigmoid and average pooling as the book does;
 * {@code lenet-relu-max} swaps in ReLU and max pooling, the book's suggested modernisation.
 */
final class LeNetBlock {

    static final String TEXTBOOK = "lenet-textbook";
    static final String RELU_MAX = "lenet-relu-max";

    private LeNetBlock() {}

    /** The block for a model name; unknown names are an {@link IllegalArgumentException}. */
    static Block build(String model) {
        boolean modern;
        if (model.equals(TEXTBOOK)) {
            modern = false;
        } else if (model.equals(RELU_MAX)) {
            modern = true;
        } else {
            throw new IllegalArgumentException(
                    "--model expects " + TEXTBOOK + " or " + RELU_MAX + ", got '" + model + "'");
        }
        SequentialBlock net = new SequentialBlock();
        net.add(conv(6, 2)).add(activation(modern)).add(pool(modern));
        net.add(conv(16, 0)).add(activation(modern)).add(pool(modern));
        net.add(Blocks.batchFlattenBlock());
        net.add(Linear.builder().setUnits(120).build()).add(activation(modern));
        net.add(Linear.builder().setUnits(84).build()).add(activation(modern));
        net.add(Linear.builder().setUnits(10).build());
        return net;
    }

    private static Block conv(int filters, int padding) {
        return Conv2d.builder()
                .setKernelShape(new Shape(5, 5))
                .optPadding(new Shape(padding, padding))
                .setFilters(filters)
                .build();
    }

    private static Block activation(boolean relu) {
        return relu ? Activation.reluBlock() : Activation.sigmoidBlock();
    }

    private static Block pool(boolean max) {
        Shape two = new Shape(2, 2);
        return max ? Pool.maxPool2dBlock(two, two) : Pool.avgPool2dBlock(two, two);
    }
}
