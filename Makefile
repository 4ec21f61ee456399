PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
BENCH_STAMP := $(VENV)/.installed-bench

.PHONY: validate test lint lint-ci bench browser clean

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

validate: $(STAMP)
	$(BIN)/validate data/

test: $(STAMP) browser lint-ci
	$(BIN)/ruff check validator tests benchmarks
	$(BIN)/pytest -n auto --dist loadfile

# The composite action and the example workflow, as shipped: zizmor (offline: no GitHub API)
# and actionlint.
CI_FILES := action.yml ci/github/validate-data.yml
lint-ci: $(STAMP)
	$(BIN)/zizmor --offline --no-progress $(CI_FILES)
	$(BIN)/actionlint ci/github/validate-data.yml

# The browser test uses Debian's Chromium; install it when missing and we may (root with apt).
# Without it the browser test is skipped, unless REQUIRE_BROWSER=1 (as in CI).
browser:
	@command -v chromium >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null \
	  && (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-noto-cjk) \
	  >/dev/null 2>&1 && echo "installed chromium"; } || echo "chromium not installed: the browser test will be skipped"

lint: $(STAMP)
	$(BIN)/ruff check validator tests benchmarks

# The DuckDB peer and the profiler are benchmark-only dependencies (the `bench` extra).
$(BENCH_STAMP): $(STAMP)
	$(BIN)/pip install --quiet -e '.[dev,bench]'
	touch $(BENCH_STAMP)

# BENCH_ARGS, e.g. make bench BENCH_ARGS="--sizes 100k,1m,3m,10m"
bench: $(BENCH_STAMP)
	$(BIN)/python benchmarks/bench.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) build *.egg-info site artifacts
