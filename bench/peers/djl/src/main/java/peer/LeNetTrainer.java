package peer;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;

/**
 * A freshly initialised LeNet with its SGD trainer. Every step works on a contiguous slice
 * {@code [from, from + size)} of data arrays that already live in the engine, so no step pays for
 * host-to-engine copies, and every step ends with a value read back on the host: the definition of
 * a step shared by all peers (an asynchronous engine such as MXNet's cannot run ahead of the clock).
 */
final class LeNetTrainer implements AutoCloseable {

    private final Model model;
    private final Trainer trainer;

    /**
     * @param name {@link LeNetBlock#TEXTBOOK}, {@link LeNetBlock#RELU_MAX} or {@link LeNetBlock#RELU_MAX_BN}
     * @param learningRate fixed SGD learning rate, no momentum or weight decay (d2l uses 0.9)
     * @param seed engine seed for the Xavier-uniform weights (biases start at zero)
     */
    LeNetTrainer(String name, float learningRate, int seed) {
        Engine.getInstance().setRandomSeed(seed);
        model = Model.newInstance(name, Device.cpu());
        model.setBlock(LeNetBlock.build(name));
        DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .optOptimizer(Optimizer.sgd().setLearningRateTracker(Tracker.fixed(learningRate)).build())
                // uniform on +-sqrt(6 / (fan_in + fan_out)): PyTorch's xavier_uniform_, as d2l initialises
                .optInitializer(new XavierInitializer(
                        XavierInitializer.RandomType.UNIFORM, XavierInitializer.FactorType.AVG, 3),
                        Parameter.Type.WEIGHT)
                .optDevices(new Device[] {Device.cpu()});
        trainer = model.newTrainer(config);
        trainer.initialize(new Shape(1, 1, IdxSplit.SIDE, IdxSplit.SIDE));
    }

    /** A manager for data arrays that outlive single steps; closed with this trainer at the latest. */
    NDManager dataManager() {
        return trainer.getManager().newSubManager();
    }

    /** Forward, loss, backward and one SGD update on one slice; returns the mean loss of the slice. */
    float trainStep(NDArray images, NDArray labels, int from, int size) {
        // everything the step creates lands in this sub-manager and is freed when it closes
        try (NDManager step = trainer.getManager().newSubManager()) {
            NDIndex slice = new NDIndex("{}:{}", from, from + size);
            NDArray x = images.get(step, slice);
            NDArray y = labels.get(step, slice);
            NDArray loss;
            try (GradientCollector gc = trainer.newGradientCollector()) {
                NDArray logits = trainer.forward(new NDList(x)).singletonOrThrow();
                loss = trainer.getLoss().evaluate(new NDList(y), new NDList(logits));
                gc.backward(loss);
            }
            trainer.step();
            return loss.getFloat();
        }
    }

    /** Forward pass in inference mode on one slice; returns the predicted class of its first image. */
    int inferStep(NDArray images, int from, int size) {
        try (NDManager step = trainer.getManager().newSubManager()) {
            NDArray x = images.get(step, new NDIndex("{}:{}", from, from + size));
            NDArray predicted = trainer.evaluate(new NDList(x)).singletonOrThrow().argMax(1);
            return (int) predicted.toType(DataType.INT64, false).toLongArray()[0];
        }
    }

    /** Share of correctly classified images, evaluated in chunks of {@code chunk}. */
    double accuracy(NDArray images, NDArray labels, int chunk) {
        long n = labels.getShape().get(0);
        double correct = 0;
        for (int from = 0; from < n; from += chunk) {
            int size = (int) Math.min(chunk, n - from);
            try (NDManager step = trainer.getManager().newSubManager()) {
                NDIndex slice = new NDIndex("{}:{}", from, from + size);
                NDArray x = images.get(step, slice);
                NDArray y = labels.get(step, slice);
                NDArray predicted = trainer.evaluate(new NDList(x)).singletonOrThrow().argMax(1);
                NDArray hits = predicted.toType(DataType.FLOAT32, false).eq(y);
                correct += hits.toType(DataType.FLOAT32, false).sum().getFloat();
            }
        }
        return correct / n;
    }

    @Override
    public void close() {
        trainer.close();
        model.close();
    }
}
