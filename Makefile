# cnnlab — see README.md. Every target here runs something real; none is a placeholder.
SHELL := /bin/bash
.SHELLFLAGS := -o pipefail -ec
MVN ?= mvn -B -ntp -Dstyle.color=never
export TF_CPP_MIN_LOG_LEVEL ?= 2
DEMO_OUT ?= reports/demo

.PHONY: build test demo photos datasets clean

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

demo: build photos ## edge detection on the photographs, then the convolution shape table
	bin/cnnlab edges --input datasets/photos --output $(DEMO_OUT)/edges
	bin/cnnlab shapes

clean:
	$(MVN) -q clean
