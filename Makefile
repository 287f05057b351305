.PHONY: build test test-deps demo bench fuzz fmt lint docs clean-demo

build:
	swift build

test-deps:
	scripts/install-test-deps.sh

test: test-deps
	swift test

demo:
	swift run steady demo

bench:
	STEADY_ENABLE_BENCHMARKS=1 swift package --scratch-path .build-bench benchmark

fuzz:
	scripts/fuzz.sh exposition 60
	scripts/fuzz.sh selector 60

fmt:
	swift format --in-place --recursive Sources Tests Benchmarks Fuzz Package.swift

lint:
	swift format lint --recursive Sources Tests Benchmarks Fuzz Package.swift

docs:
	swift package generate-documentation --target SteadyModel

clean-demo:
	rm -rf .steady-demo
