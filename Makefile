# Toegang Assistent. The two commands of the README: `make run` and `make test`.
SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-print-directory

VENV      := .venv
RASA_VENV := .venv-rasa
PY        := $(VENV)/bin/python
RASA      := $(RASA_VENV)/bin/rasa
MODEL     := models/toegang.tar.gz

PYTHON311 ?= python3.11
# Rasa 3.6 runs on Python 3.10 only: take python3.10 from PATH, else from pyenv.
PYTHON310 ?= $(shell for p in python3.10 "$$(pyenv root 2>/dev/null)"/versions/3.10*/bin/python3.10; do \
  "$$p" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 10))' >/dev/null 2>&1 && { command -v "$$p"; break; }; done)

export PYTHONPATH := $(CURDIR)
export RASA_TELEMETRY_ENABLED := false
export TF_CPP_MIN_LOG_LEVEL := 2
export SQLALCHEMY_SILENCE_UBER_WARNING := 1
export PYTHONWARNINGS := ignore
RASA_PATHS := --config bot/config.yml --domain bot/domain

.PHONY: help setup model run test lint typecheck validate test-gateway test-rasa-env \
        test-stories test-e2e test-clocks eval eval-languages b1 b1-eval call bench chromium faketime clean

help:
	@echo "make run    start the whole intake stack (sets everything up first)"
	@echo "make test   set up what is needed and run every test"
	@echo "make model  train the Rasa model when the training data changed"
	@echo "make eval   the model on the held-out set: per-route precision and recall"
	@echo "make b1     check every bot text for B1 Dutch (chat and phone)"
	@echo "make b1-eval  the B1 checker on texts judged by B1 editors (right per side)"
	@echo "make call   call the running assistant from this terminal (plays Twilio)"
	@echo "make bench  print speed figures: the agenda, and residents at once through the stack"
	@echo "make clean  remove environments, models and runtime data"

# --- environments -------------------------------------------------------------------------
$(VENV)/.installed: integrations/requirements.txt integrations/requirements.lock tests/requirements.txt pyproject.toml
	rm -rf $(VENV)
	$(PYTHON311) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check \
	  -r integrations/requirements.txt -r tests/requirements.txt -c integrations/requirements.lock
	# the project itself, editable: the `b1-check` command
	$(VENV)/bin/pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

$(RASA_VENV)/.installed: bot/requirements.txt bot/requirements.lock
	@[ -n "$(PYTHON310)" ] || { echo "Python 3.10 is needed for Rasa 3.6: install it (pyenv install 3.10) or set PYTHON310=/path/to/python3.10"; exit 1; }
	rm -rf $(RASA_VENV)
	$(PYTHON310) -m venv $(RASA_VENV)
	$(RASA_VENV)/bin/pip install --quiet --disable-pip-version-check \
	  -r bot/requirements.txt -c bot/requirements.lock
	touch $@

setup: $(VENV)/.installed $(RASA_VENV)/.installed

# Browser tests drive Debian's chromium with Playwright (`playwright install` cannot download).
chromium:
	@command -v chromium >/dev/null || { echo "Installing Debian's chromium for the browser tests ..."; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

# libfaketime for the time-dependent suites under faked clocks (make test-clocks).
faketime:
	@command -v faketime >/dev/null || { echo "Installing Debian's faketime for the clock tests ..."; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq faketime >/dev/null; }

# axe-core (npm) for the accessibility checks of the browser tests, pinned by its lock file.
AXE := tests/e2e/axe/node_modules/axe-core/axe.min.js
$(AXE): tests/e2e/axe/package.json tests/e2e/axe/package-lock.json
	cd tests/e2e/axe && npm ci --no-audit --no-fund --loglevel=error
	touch $(AXE)

# --- model: trained only when Rasa's fingerprint says the training data changed -----------
model: $(RASA_VENV)/.installed
	@if [ -f $(MODEL) ] && [ -z "$$(find bot/config.yml bot/domain nlu_data -name '*.yml' -newer $(MODEL))" ] \
	    && $(RASA) train $(RASA_PATHS) --data nlu_data --dry-run >/dev/null 2>&1; then \
	  echo "Model $(MODEL) is up to date (Rasa fingerprint): not retraining."; \
	else \
	  echo "Training the Rasa model ..."; \
	  $(RASA) train $(RASA_PATHS) --data nlu_data --out models --fixed-model-name toegang; \
	fi

# --- run ----------------------------------------------------------------------------------
run: setup model
	$(PY) -m integrations.stack

# A phone simulator: signed Twilio webhooks to the gateway that `make run` started.
call: $(VENV)/.installed
	$(PY) -m integrations.phone.simulator $(ARGS)

# Figures, not pass/fail: each benchmark starts its own Redis. Printed, and written with the
# machine's core count to docs/bench-<cores>-cores.txt (docs/benchmarks.md explains them).
BENCH_FILE = docs/bench-$(shell nproc)-cores.txt
bench: setup model
	@{ echo "make bench on $$(date -u '+%Y-%m-%d %H:%M UTC'): $$(nproc) cores" \
	    "($$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs))," \
	    "$$(free -g | awk '/^Mem:/ {print $$2}') GB memory, load average at the start" \
	    "$$(cut -d' ' -f1-3 /proc/loadavg)"; \
	  $(PY) tests/bench/safety.py && $(PY) tests/bench/agenda.py && $(PY) tests/bench/load.py; \
	} 2>&1 | tee $(BENCH_FILE)

# --- tests --------------------------------------------------------------------------------
test: setup lint typecheck b1 validate model test-gateway test-clocks test-rasa-env test-stories test-e2e
	@echo "All checks passed."

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check integrations actions bot tests
	$(VENV)/bin/ruff format --check integrations actions bot tests

typecheck: $(VENV)/.installed
	$(VENV)/bin/mypy integrations

b1: $(VENV)/.installed
	$(VENV)/bin/b1-check --quiet integrations/nlg/content/*.yml

# The B1 checker on texts judged by B1 editors, written apart from the product: the
# development sets (look at their misses with --misses), then the final check sets
# (tests/eval/b1_texts_v3.tsv and v5): only their figures are read, never tune on their rows.
B1_EVAL_SETS := $(wildcard ../shared/eval/b1_texts_*.tsv) tests/eval/b1_texts_v2.tsv \
                tests/eval/b1_texts_v4.tsv
B1_FINAL_SETS := tests/eval/b1_texts_v3.tsv tests/eval/b1_texts_v5.tsv
b1-eval: $(VENV)/.installed
	$(PY) -m integrations.b1.evaluate $(B1_EVAL_SETS)
	@echo "Final check sets (figures only):"
	$(PY) -m integrations.b1.evaluate $(B1_FINAL_SETS)

validate: $(RASA_VENV)/.installed
	$(RASA) data validate $(RASA_PATHS) --data nlu_data --fail-on-warnings

test-gateway: $(VENV)/.installed
	$(PY) -m pytest tests --ignore=tests/actions --ignore=tests/bot --ignore=tests/e2e

# The time-dependent suites (agenda, spoken dates, office hours, case and handoff expiry) once
# more under a faked system clock (UTC), for the test process and the Redis it starts alike:
# a Sunday night, New Year's Eve 23.59, the nights the clocks change, a leap day, Koningsdag,
# Christmas Day, the minute the aanmeldteam closes, and New Year in Assen while UTC is still in
# the old year (feedback and figures count on the municipality's day).
CLOCK_DAYS := "2026-12-06 22:59:00" "2026-12-31 22:59:00" "2027-03-28 00:59:00" \
              "2026-10-25 00:29:00" "2028-02-29 08:00:00" "2027-04-27 08:00:00" \
              "2026-12-25 09:00:00" "2026-12-03 16:00:00" "2026-12-31 23:30:00"
CLOCK_SUITES := tests/integrations/agenda tests/integrations/appointments \
                tests/integrations/staff/test_office_hours.py \
                tests/integrations/cases tests/integrations/handoff tests/integrations/feedback
test-clocks: $(VENV)/.installed faketime
	@for day in $(CLOCK_DAYS); do \
	  echo "Time-dependent tests with the clock at $$day UTC"; \
	  TZ=UTC faketime "$$day" $(PY) -m pytest -q -p no:cacheprovider $(CLOCK_SUITES) || exit 1; \
	done

# The actions, the safety lexicon and the triage rules run in the Rasa environment;
# tests/bot/triage/test_heldout.py checks the trained model against the held-out set.
test-rasa-env: model
	$(RASA_VENV)/bin/python -m pytest tests/actions tests/bot

# The model on the held-out set, then the gateway's safety detector on first messages written
# apart from the training data (../shared/eval/ when it is there, and tests/eval/).
EVAL_SETS := $(wildcard ../shared/eval/first_turn_routes_*.tsv) $(wildcard tests/eval/first_turns_*.tsv)
eval: model $(VENV)/.installed
	$(RASA_VENV)/bin/python -m bot.triage.evaluate --model $(MODEL) --data tests/nlu/heldout.yml
	$(PY) -m integrations.safety.evaluate $(EVAL_SETS)
	$(PY) -m integrations.b1.evaluate $(B1_EVAL_SETS)
	$(MAKE) --no-print-directory eval-languages

# Language recognition (integrations/languages): the other languages of Assen, and Dutch
# first messages that must stay Dutch (the English rows of a set are labelled by line).
eval-languages: $(VENV)/.installed
	$(PY) -m integrations.languages.evaluate --other tests/eval/other_languages_v1.tsv \
	  --labels tests/eval/first_turn_languages_v1.tsv \
	  tests/eval/first_turns_v5.tsv $(wildcard ../shared/eval/first_turn_routes_v1.tsv)

test-stories: model
	$(RASA) test core --model $(MODEL) --stories tests/stories \
	  --fail-on-prediction-errors --out var/rasa-test-results

test-e2e: setup model chromium $(AXE)
	$(PY) -m pytest tests/e2e

clean:
	rm -rf $(VENV) $(RASA_VENV) models var .rasa tests/e2e/axe/node_modules
