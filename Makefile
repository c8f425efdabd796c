# Verbs for the concurrency regression kit. `make help` lists them.
SWIFT ?= swift

.PHONY: help build test perf compare perf-debug rebaseline gate-selftest deadlocks abuse bench article models serve sanitize format ci clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

build: ## debug build, warnings shown
	$(SWIFT) build

test: ## correctness tests and the debug gate, then the release gate (make ci: all CI runs)
	$(SWIFT) test
	$(MAKE) perf

perf: ## the release gate: A/B against the baselines' commit, built and measured here
	$(SWIFT) test -c release --filter PerformanceTests

compare: ## the release gate against BASE (commit or branch), built here: make compare BASE=origin/main
	@test -n "$(BASE)" || { echo "make compare needs BASE=<commit or branch>, e.g. make compare BASE=origin/main"; exit 2; }
	PERF_BASE=$(BASE) $(SWIFT) test -c release --filter PerformanceTests

perf-debug: ## the performance gate on the debug build
	$(SWIFT) test --filter PerformanceTests

rebaseline: ## re-measure and rewrite baselines/ for this host (release and debug), then show the diff
	@git diff --quiet HEAD -- Sources Tests Package.swift || { \
	  echo "make rebaseline: baselines name the commit they measure, and make perf builds it as the reference:"; \
	  echo "commit or stash your changes to Sources, Tests or Package.swift first, and leave them alone until it ends."; \
	  exit 2; }
	PERF_RECORD=all $(SWIFT) test -c release --filter PerformanceTests
	PERF_RECORD=all $(SWIFT) test --filter PerformanceTests
	@git diff --stat -- baselines/ || true

gate-selftest: ## the gate on real source patches in a temporary clone (RUNS=10, SCENARIOS=..., MODE=baselines)
	scripts/gate-selftest.sh

deadlocks: ## bench deadlock RUNS times in a row (default 20): each must exit 0 and leave no child
	scripts/deadlock-runs.sh

abuse: ## try to break bench: flags, hostile requests and servers, special files, baselines, signals
	scripts/abuse.sh

bench: ## the article's experiment: every model, all three jobs, decision guide
	$(SWIFT) run -c release bench

article: ## the experiment with the seed article's exact parameters
	$(SWIFT) run -c release bench --article

models: ## issue-2 figures: K=4 x primes below 10^6 and K=100 x /delay/0.2, plus process start-up
	scripts/measure-models.sh

serve: ## only the delay server, on 127.0.0.1:8080
	$(SWIFT) run -c release bench serve --port 8080

sanitize: ## correctness tests under the thread and address sanitizers
	$(SWIFT) test --sanitize=thread --scratch-path .build-tsan --skip PerformanceTests --no-parallel
	LSAN_OPTIONS=suppressions=$(CURDIR)/scripts/lsan-suppressions.txt $(SWIFT) test --sanitize=address --scratch-path .build-asan --skip PerformanceTests --no-parallel

format: ## format the sources in place with the toolchain's swift-format
	$(SWIFT) format --in-place --recursive Package.swift Sources Tests

ci: ## what .ci/run does
	bash .ci/run

clean: ## remove build products and reference builds
	rm -rf .build .build-*
	git worktree prune
