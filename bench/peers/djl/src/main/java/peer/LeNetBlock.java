package peer;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;

/**
 * The LeNet of d2l.ai 2.0 section 6.6: conv 6@5x5 (padding 2), pool 2/2, conv 16@5x5, pool 2/2,
 * dense 120, 84, 10. {@code lenet-textbook} uses sigmoid and average pooling as the book does;
 * {@code lenet-relu-max} swaps in ReLU and max pooling, the book's suggested modernisation;
 * {@code lenet-relu-max-bn} adds batch norm before every hidden activation (d2l 7.5's placement),
 * as cnnlab's {@code lenet-relu-max-bn}.
 */
final class LeNetBlock {

    static final String TEXTBOOK = "lenet-textbook";
    static final String RELU_MAX = "lenet-relu-max";
    static final String RELU_MAX_BN = "lenet-relu-max-bn";

    private LeNetBlock() {}

    /** The block for a model name; unknown names are an {@link IllegalArgumentException}. */
    static Block build(String model) {
        if (!model.equals(TEXTBOOK) && !model.equals(RELU_MAX) && !model.equals(RELU_MAX_BN)) {
            throw new IllegalArgumentException("--model expects " + TEXTBOOK + ", " + RELU_MAX + " or "
                    + RELU_MAX_BN + ", got '" + model + "'");
        }
        boolean modern = !model.equals(TEXTBOOK);
        boolean norm = model.equals(RELU_MAX_BN);
        SequentialBlock net = new SequentialBlock();
        net.add(conv(6, 2));
        hidden(net, modern, norm).add(pool(modern));
        net.add(conv(16, 0));
        hidden(net, modern, norm).add(pool(modern));
        net.add(Blocks.batchFlattenBlock());
        net.add(Linear.builder().setUnits(120).build());
        hidden(net, modern, norm);
        net.add(Linear.builder().setUnits(84).build());
        hidden(net, modern, norm);
        net.add(Linear.builder().setUnits(10).build());
        return net;
    }

    /** Batch norm (when asked) and the activation after a convolution or dense layer. */
    private static SequentialBlock hidden(SequentialBlock net, boolean relu, boolean norm) {
        if (norm) {
            net.add(BatchNorm.builder().build());
        }
        return net.add(activation(relu));
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
