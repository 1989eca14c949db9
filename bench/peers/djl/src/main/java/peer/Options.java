package peer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Command-line options of the peer: {@code --key value} or {@code --key=value}, each with a default. */
final class Options {

    private static final String USAGE = String.join("\n",
            "usage: peer.LeNetPeer --data DIR [options]",
            "  --mode throughput|accuracy   throughput: training img/s per batch size; accuracy: train, then test",
            "  --data DIR                   {train,t10k}-{images-idx3,labels-idx1}-ubyte[.gz] (Fashion-MNIST)",
            "  --model M[,M]                lenet-textbook (sigmoid, avg pool), lenet-relu-max or lenet-relu-max-bn",
            "  --batch N[,N...]             batch sizes (throughput); the first one is used by accuracy",
            "  --phases train[,infer]       throughput: what to time (infer = forward pass only)",
            "  --threads N                  intra-op threads (libtorch; MXNet reads OMP_NUM_THREADS)",
            "  --warmup N --steps N --rounds N   throughput: untimed steps, then rounds of timed steps",
            "  --epochs N --lr X --seed N   accuracy: epochs of SGD; lr and seed apply to both modes");

    private final Map<String, String> values = new LinkedHashMap<>();

    private Options() {
        values.put("mode", "throughput");
        values.put("data", "");
        values.put("model", "lenet-textbook");
        values.put("batch", "256");
        values.put("phases", "train");
        values.put("threads", "2");
        values.put("warmup", "10");
        values.put("steps", "50");
        values.put("rounds", "3");
        values.put("epochs", "10");
        values.put("lr", "0.9");
        values.put("seed", "42");
    }

    /** Parses the arguments; an unknown option or a missing value is an {@link IllegalArgumentException}. */
    static Options parse(String[] args) {
        Options o = new Options();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                throw new IllegalArgumentException(USAGE);
            }
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "'\n" + USAGE);
            }
            String key = arg.substring(2);
            String value;
            int eq = key.indexOf('=');
            if (eq >= 0) {
                value = key.substring(eq + 1);
                key = key.substring(0, eq);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("option --" + key + " needs a value");
            }
            if (!o.values.containsKey(key)) {
                throw new IllegalArgumentException("unknown option --" + key + "\n" + USAGE);
            }
            o.values.put(key, value);
        }
        if (o.get("data").isEmpty()) {
            throw new IllegalArgumentException("--data DIR is required\n" + USAGE);
        }
        return o;
    }

    String get(String key) {
        return values.get(key);
    }

    int positiveInt(String key) {
        return positive(key, get(key));
    }

    float number(String key) {
        try {
            return Float.parseFloat(get(key));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + key + " expects a number, got '" + get(key) + "'");
        }
    }

    /** A comma-separated list of positive integers, e.g. {@code --batch 64,128,256}. */
    List<Integer> positiveInts(String key) {
        List<Integer> out = new ArrayList<>();
        for (String s : list(key)) {
            out.add(positive(key, s));
        }
        return out;
    }

    /** A comma-separated list of words, blanks dropped. */
    List<String> list(String key) {
        List<String> out = new ArrayList<>();
        for (String s : get(key).split(",")) {
            if (!s.isBlank()) {
                out.add(s.trim());
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("--" + key + " expects a comma-separated list, got '" + get(key) + "'");
        }
        return out;
    }

    private static int positive(String key, String s) {
        try {
            int v = Integer.parseInt(s.trim());
            if (v > 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--" + key + " expects a positive integer, got '" + s + "'");
    }
}
