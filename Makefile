# Two entry points: `make plan` (offline plan, check and render of the bundled stacks) and `make test`.
# Both create the environment from pyproject.toml + uv.lock when it is missing or stale.
PYTHON ?= python3
UV_VERSION := 0.13.9
UV := .tools/bin/uv
VENV := .venv
SYNCED := $(VENV)/.icekit-synced
STACKS := dev staging prod
OUT ?= build

.PHONY: plan test lint env clean

$(UV):
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet "uv==$(UV_VERSION)"

$(SYNCED): pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen --python $(PYTHON)
	@touch $(SYNCED)

env: $(SYNCED)

plan: $(SYNCED)
	@for stack in $(STACKS); do \
		$(VENV)/bin/icekit plan $$stack --out $(OUT) || exit $$?; \
	done

lint: $(SYNCED)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

test: lint
	$(VENV)/bin/python -m pytest -q -n 2

clean:
	rm -rf $(OUT) .pytest_cache .mypy_cache .ruff_cache
