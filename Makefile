# cnnlab — see README.md. Every target here runs something real; none is a placeholder.
SHELL := /bin/bash
.SHELLFLAGS := -o pipefail -ec
MVN ?= mvn -B -ntp -Dstyle.color=never
export TF_CPP_MIN_LOG_LEVEL ?= 2

.PHONY: build test demo photos datasets fashion-mnist reproduce-all reproduce-smoke clean

build: ## compile and write the launcher classpath (target/classpath.txt)
	$(MVN) -q compile

test: ## unit tests (no data sets needed)
	$(MVN) test 2>&1 | bin/filter-native-log

# CIFAR-100 has no registry source: make datasets CIFAR100=/path/to/cifar-100-binary.tar.gz (or a folder).
CIFAR100 ?=
datasets: ## MNIST, Fashion-MNIST, CIFAR-100 (if reachable or CIFAR100=path) and the photos, verified, into datasets/
	datasets/install-all.sh datasets --cifar100 "$(CIFAR100)"

photos: ## the edge-detection photographs (Debian's mate-backgrounds) into datasets/photos
	datasets/install-photos.sh datasets/photos

fashion-mnist: ## Fashion-MNIST into datasets/fashion-mnist, unless it is already there
	@if ls datasets/fashion-mnist/train-images-idx3-ubyte* datasets/fashion-mnist/t10k-labels-idx1-ubyte* >/dev/null 2>&1; \
	then echo "datasets/fashion-mnist: present"; else datasets/install-fashion-mnist.sh datasets/fashion-mnist; fi

demo: build fashion-mnist ## d2l's LeNet on Fashion-MNIST, 3 seeds, with its verdict and report (a few minutes on two cores)
	bin/cnnlab reproduce lenet-fmnist-textbook

# The AlexNet experiments at 224x224 take hours each on a CPU: HEAVY=1 includes them (see reproductions/README.md).
HEAVY ?=
reproduce-all: build ## every declared experiment, real runs, into reports/ (about an hour on two cores without HEAVY=1)
	bin/cnnlab reproduce --all $(if $(HEAVY),--include-heavy,)

reproduce-smoke: build ## every declaration end to end on a tiny subset and one epoch, into reports/smoke/ (CI)
	bin/cnnlab reproduce --all --smoke --include-heavy

clean:
	$(MVN) -q clean
