package peer;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Properties;
import java.util.Random;
import java.util.function.IntConsumer;

/**
 * cnnlab's peer benchmark on Deep Java Library: LeNet on Fashion-MNIST with whichever engine the
 * Maven profile put on the classpath. Prints one result per line in the format all cnnlab peers share
 * (see bench/peers/README.md); lines starting with '#' are context only.
 */
public final class LeNetPeer {

    /** The malloc setting cnnlab compares all engines under (see bench/peers/README.md). */
    static final String TUNED_MALLOC =
            "glibc.malloc.mmap_threshold=33554432:glibc.malloc.trim_threshold=2147483648";
    private static final int EVAL_CHUNK = 1000;

    private final Options options;
    private final String tag;

    private LeNetPeer(Options options, String tag) {
        this.options = options;
        this.tag = tag;
    }

    /** Exit codes: 0 done, 2 bad arguments or data, 3 engine unavailable (a status line says why). */
    public static void main(String[] args) {
        Options options;
        IdxSplit train;
        IdxSplit test;
        try {
            options = Options.parse(args);
            Path dir = Path.of(options.get("data"));
            train = IdxSplit.read(dir, "train");
            test = IdxSplit.read(dir, "t10k");
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("djl peer: " + e.getMessage());
            System.exit(2);
            return;
        }
        int threads = options.positiveInt("threads");
        // libtorch reads these when the engine loads; MXNet only honours OMP_NUM_THREADS (checked below)
        setIfAbsent("ai.djl.pytorch.num_threads", Integer.toString(threads));
        setIfAbsent("ai.djl.pytorch.num_interop_threads", "1");
        setIfAbsent("ai.djl.offline", "true");
        Engine engine;
        try {
            engine = Engine.getInstance();
        } catch (RuntimeException | LinkageError e) {
            String name = "djl-" + Engine.getDefaultEngineName().toLowerCase(Locale.ROOT);
            System.out.println("peer=" + name + " status=unavailable reason=engine-load-failed:"
                    + e.getClass().getSimpleName());
            e.printStackTrace();
            System.exit(3);
            return;
        }
        String engineName = engine.getEngineName().toLowerCase(Locale.ROOT);
        String omp = System.getenv("OMP_NUM_THREADS");
        if (engineName.equals("mxnet") && !Integer.toString(threads).equals(omp)) {
            System.err.println("djl peer: MXNet takes its thread count from the environment; start the JVM with"
                    + " OMP_NUM_THREADS=" + threads + " (found " + omp + ")");
            System.exit(2);
        }
        String tag = "peer=djl-" + engineName + "-" + engine.getVersion() + " djl=" + Engine.getDjlVersion()
                + " native=" + nativeBuild(engineName);
        System.out.printf(Locale.ROOT, "# %s java=%s cores=%d train=%d test=%d OMP_NUM_THREADS=%s GLIBC_TUNABLES=%s%n",
                tag, System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                train.count, test.count, omp, System.getenv("GLIBC_TUNABLES"));
        try {
            LeNetPeer peer = new LeNetPeer(options, tag);
            switch (options.get("mode")) {
                case "throughput" -> peer.throughput(train);
                case "accuracy" -> peer.accuracy(train, test);
                default -> throw new IllegalArgumentException(
                        "--mode expects throughput or accuracy, got '" + options.get("mode") + "'");
            }
        } catch (IllegalArgumentException e) {
            System.err.println("djl peer: " + e.getMessage());
            System.exit(2);
        }
    }

    /**
     * Per model and batch size: a fresh network, then per phase {@code --warmup} untimed steps and
     * {@code --rounds} rounds of {@code --steps} timed steps over consecutive full batches of the
     * (once) shuffled training set; prints the median and the range of the rounds.
     */
    private void throughput(IdxSplit train) {
        int seed = options.positiveInt("seed");
        IdxSplit data = train.shuffled(new Random(seed));
        for (String model : options.list("model")) {
            for (int bs : options.positiveInts("batch")) {
                if (bs > data.count) {
                    throw new IllegalArgumentException(
                            "--batch " + bs + " exceeds the " + data.count + " training images");
                }
                try (LeNetTrainer net = new LeNetTrainer(model, options.number("lr"), seed);
                        NDManager arrays = net.dataManager()) {
                    NDArray x = arrays.create(data.images, imageShape(data.count));
                    NDArray y = arrays.create(data.labels);
                    for (String phase : options.list("phases")) {
                        double[] rates = timeRounds(phaseStep(net, x, y, phase, bs, data.count / bs), bs);
                        System.out.printf(Locale.ROOT,
                                "%s model=%s mode=%s bs=%d threads=%d img_per_s=%.1f rounds=%d steps=%d warmup=%d"
                                        + " min_img_per_s=%.1f max_img_per_s=%.1f malloc=%s%n",
                                tag, model, phase, bs, threads(), median(rates), rates.length,
                                options.positiveInt("steps"), options.positiveInt("warmup"), rates[0],
                                rates[rates.length - 1], mallocLabel());
                        System.out.flush();
                    }
                }
            }
        }
    }

    /** {@code --warmup} untimed steps, then images per second of each of {@code --rounds} rounds, sorted. */
    private double[] timeRounds(IntConsumer step, int bs) {
        int warmup = options.positiveInt("warmup");
        int steps = options.positiveInt("steps");
        double[] rates = new double[options.positiveInt("rounds")];
        int k = 0;
        while (k < warmup) {
            step.accept(k++);
        }
        for (int r = 0; r < rates.length; r++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < steps; i++) {
                step.accept(k++);
            }
            rates[r] = (double) steps * bs / ((System.nanoTime() - t0) / 1e9);
        }
        Arrays.sort(rates);
        return rates;
    }

    /**
     * d2l's training run: {@code --epochs} epochs of SGD at the first {@code --batch} size over the
     * training set reshuffled every epoch (the last, partial batch kept), test accuracy after each.
     */
    private void accuracy(IdxSplit train, IdxSplit test) {
        int epochs = options.positiveInt("epochs");
        int seed = options.positiveInt("seed");
        int bs = options.positiveInts("batch").get(0);
        Random shuffle = new Random(seed);
        for (String model : options.list("model")) {
            try (LeNetTrainer net = new LeNetTrainer(model, options.number("lr"), seed);
                    NDManager testArrays = net.dataManager()) {
                NDArray tx = testArrays.create(test.images, imageShape(test.count));
                NDArray ty = testArrays.create(test.labels);
                double trainSeconds = 0;
                double loss = Double.NaN;
                double acc = Double.NaN;
                for (int epoch = 1; epoch <= epochs; epoch++) {
                    IdxSplit data = train.shuffled(shuffle);
                    try (NDManager arrays = net.dataManager()) {
                        NDArray x = arrays.create(data.images, imageShape(data.count));
                        NDArray y = arrays.create(data.labels);
                        double lossSum = 0;
                        long t0 = System.nanoTime();
                        for (int from = 0; from < data.count; from += bs) {
                            int size = Math.min(bs, data.count - from);
                            lossSum += (double) net.trainStep(x, y, from, size) * size;
                        }
                        trainSeconds += (System.nanoTime() - t0) / 1e9;
                        loss = lossSum / data.count;
                    }
                    acc = net.accuracy(tx, ty, EVAL_CHUNK);
                    System.out.printf(Locale.ROOT, "# %s model=%s epoch=%d train_loss=%.4f test_acc=%.4f%n",
                            tag, model, epoch, loss, acc);
                }
                System.out.printf(Locale.ROOT,
                        "%s model=%s bs=%d threads=%d epochs=%d lr=%s seed=%d train_loss=%.4f test_acc=%.4f"
                                + " train_s=%.1f malloc=%s%n",
                        tag, model, bs, threads(), epochs, Float.toString(options.number("lr")), seed, loss,
                        acc, trainSeconds, mallocLabel());
                System.out.flush();
            }
        }
    }

    /** Step number k of a phase: works on batch k modulo the number of full batches. */
    private static IntConsumer phaseStep(LeNetTrainer net, NDArray x, NDArray y, String phase, int bs, int batches) {
        return switch (phase) {
            case "train" -> k -> net.trainStep(x, y, (k % batches) * bs, bs);
            case "infer" -> k -> net.inferStep(x, (k % batches) * bs, bs);
            default -> throw new IllegalArgumentException("--phases expects train and/or infer, got '" + phase + "'");
        };
    }

    private static Shape imageShape(int count) {
        return new Shape(count, 1, IdxSplit.SIDE, IdxSplit.SIDE);
    }

    private int threads() {
        return options.positiveInt("threads");
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** default (GLIBC_TUNABLES unset or empty), tuned (cnnlab's setting) or custom. */
    static String mallocLabel() {
        String t = System.getenv("GLIBC_TUNABLES");
        if (t == null || t.isEmpty()) {
            return "default";
        }
        return t.equals(TUNED_MALLOC) ? "tuned" : "custom";
    }

    /** The build of the native library, from the properties file its classified jar carries. */
    private static String nativeBuild(String engineName) {
        Properties p = new Properties();
        try (InputStream in = LeNetPeer.class.getResourceAsStream("/native/lib/" + engineName + ".properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // reported as unknown
        }
        return p.getProperty("version", "unknown");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
