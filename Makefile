# Two entry points: `make plan` (offline plan, check and render of the bundled stacks) and `make test`.
# Both create the environment from pyproject.toml + uv.lock when it is missing or stale.
# The environment is made with its bytecode compiled (the packages' and icekit's own sources'), so that where
# Python may not write .pyc files (PYTHONDONTWRITEBYTECODE=1, read-only images, CI) a first run does not
# compile some 800 modules again; bench/bytecode.py measures it.
PYTHON ?= python3
UV_VERSION := 0.13.9
UV := .tools/bin/uv
VENV := .venv
SYNCED := $(VENV)/.icekit-synced
STACKS := dev staging prod
OUT ?= build
# The official SARIF 2.1.0 JSON Schema (OASIS, final rtm.5), which the tests validate icekit's SARIF against.
# No PyPI package ships it; Microsoft's npm package @microsoft/jest-sarif does. Pinned by version and digest.
SARIF_PACKAGE := @microsoft/jest-sarif@1.0.0-beta.0
SARIF_SCHEMA := .tools/sarif/sarif-2.1.0-rtm.5.json
SARIF_SHA256 := 2d99159ae54a3eea97f81781cff48780548657c35949f4b7f25e99a2ba4de4f8

.PHONY: plan test lint env clean own-bytecode

$(UV):
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet "uv==$(UV_VERSION)"

# Makefile too: an environment synced with other options (before --compile-bytecode) is synced again.
$(SYNCED): pyproject.toml uv.lock Makefile | $(UV)
	$(UV) sync --frozen --compile-bytecode --python $(PYTHON)
	@touch $(SYNCED)

# icekit's own sources are installed editable (uv compiles site-packages only): compiled here, on every call,
# since they change between calls (a no-op when the bytecode is fresh).
own-bytecode: $(SYNCED)
	@$(VENV)/bin/python -m compileall -q icekit components

$(SARIF_SCHEMA):
	@mkdir -p .tools/sarif
	cd .tools/sarif && npm pack --silent "$(SARIF_PACKAGE)" > package-name.txt \
		&& tar -xzf "$$(cat package-name.txt)" --strip-components=3 package/lib/schemas/sarif-2.1.0-rtm.5.json
	echo "$(SARIF_SHA256)  $(SARIF_SCHEMA)" | sha256sum --check --quiet

env: $(SYNCED) own-bytecode

plan: $(SYNCED) own-bytecode
	@for stack in $(STACKS); do \
		$(VENV)/bin/icekit plan $$stack --out $(OUT) || exit $$?; \
	done

lint: $(SYNCED) own-bytecode
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

test: lint $(SARIF_SCHEMA)
	ICEKIT_SARIF_SCHEMA=$(SARIF_SCHEMA) $(VENV)/bin/python -m pytest -q -n 2

clean:
	rm -rf $(OUT) .pytest_cache .mypy_cache .ruff_cache
