# Two commands do everything on a fresh clone (Python 3.11+ and make):
#   make book   - set up .venv if missing, prove the notebooks' stored outputs with nbval, build _build/html strictly
#   make test   - everything: unit and data tests, nbval, the strict build, then tests of the built book in Chromium
# After changing data or code, `make execute` re-runs the notebooks in place and reports what changed (_build/impact.md);
# then commit them with their outputs.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
NOTEBOOKS := $(wildcard book/*.ipynb)
JOBS ?= 2
# What nbval's run of the notebooks rewrites: "svg" (what the pages show: SVG, CSV, sidecar) for `make book`,
# "all" (also PNG, PDF, thumbnails) for `make test`, so CI proves every download byte-identical to the committed one.
EXPORT ?= svg

.PHONY: book test unit nbval html built pdf release lab execute bench clean

$(STAMP): requirements.lock pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

# The proof and the build run side by side (they read the same committed files; figure files are replaced whole);
# the book counts as built only when both succeed.
book: $(STAMP)
	@$(MAKE) --no-print-directory -j2 nbval html
	@echo "The book is at $(CURDIR)/_build/html/index.html"

# Stored outputs must be what the code and data give today; notebooks also rewrite their figure downloads,
# which must then equal the committed ones byte for byte.
nbval: $(STAMP)
	NEARABROAD_EXPORT=$(EXPORT) $(PY) -m nearabroad.prove -n $(JOBS) --dist loadfile $(NOTEBOOKS)
	@test -z "$$(git status --porcelain -- book/_extra/figures)" || (git status --short -- book/_extra/figures | head; echo "Figure files differ from the committed ones: run make execute, look at them, commit."; exit 1)

# Rebuilt from scratch whenever any source of the book changed since the last build (stamps.py), else left as it is.
html: $(STAMP)
	@$(PY) -m nearabroad.stamps check html || ( rm -rf _build/html && \
	  $(VENV)/bin/jupyter-book build . -W -n --keep-going --quiet && $(PY) -m nearabroad.stamps write html )

unit: $(STAMP)
	$(PY) -m pytest -q -m "not built" -n $(JOBS)

built: $(STAMP)
	$(PY) -m pytest -q -m built -n $(JOBS)

test: $(STAMP)
	$(MAKE) --no-print-directory unit
	$(MAKE) --no-print-directory book EXPORT=all
	$(MAKE) --no-print-directory pdf
	$(MAKE) --no-print-directory built

# JupyterLab on the project's environment, this machine only (127.0.0.1, with a token; root allowed, as in containers);
# the notebooks run top to bottom from book/
lab: $(STAMP)
	$(VENV)/bin/jupyter lab --ip=127.0.0.1 --no-browser --allow-root --ServerApp.root_dir=$(CURDIR) --LabApp.default_url=/lab/tree/book/intro.ipynb

# Everything a release needs in dist/: the site as a tarball, the PDF edition, the data archive, SHA256SUMS
release: book pdf
	$(PY) -m nearabroad.release

# The PDF edition (after `make book`): the book on one page, printed by headless Chromium into _build/html/downloads/
pdf: $(STAMP)
	$(PY) -m nearabroad.pdf

execute: $(STAMP)
	$(PY) -m nearabroad.impact

bench: $(STAMP)
	$(PY) -m nearabroad.bench

clean:
	rm -rf _build dist
