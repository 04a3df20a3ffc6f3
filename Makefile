# Two commands set everything up on a fresh machine (Python 3.11 and make):
#   make site   - create .venv, install the package, build site/ from gazettes/
#   make test   - same setup, run the whole test suite
PYTHON ?= python3.11
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: site update test serve check bench clean browser axe screenshots lock golden archive archive-update

# Headless Chromium for the search test (tests/test_site.py drives it with Playwright).
# Playwright's own browser download is not used: Debian's chromium is installed when missing.
CHROMIUM ?= /usr/bin/chromium

$(STAMP): pyproject.toml constraints.txt
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "error: $(PYTHON) not found; install Python 3.11 or run 'make PYTHON=python3 ...'"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e '.[test]'
	touch $(STAMP)

site: $(STAMP)
	$(VENV)/bin/mkdocs build --strict

# Incremental: render again only the pages whose gazette changed (seconds instead of minutes on a
# large archive). Not --strict: MkDocs itself warns about every dirty build. After editing the theme
# or mkdocs.yml, run `make site`.
update: $(STAMP)
	@test -d site || { echo "error: no site/ yet: run 'make site' first"; exit 1; }
	$(VENV)/bin/mkdocs build --dirty

# and Noto CJK, the fonts the PDF tests typeset gazettes in (tests/pdf_support.py)
browser:
	@{ test -x $(CHROMIUM) || command -v chromium >/dev/null 2>&1; } && fc-list :lang=zh 2>/dev/null | grep -q . || { \
	  echo "installing Debian chromium and fonts-noto-cjk for the browser and PDF tests"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; }

# axe-core for the accessibility tests, from the npm registry (integrity-checked; no Node needed)
axe: $(STAMP)
	$(PY) tests/axe_support.py

test: $(STAMP) browser axe
	$(PY) -m pytest

# PNGs of the home, a document, search results and an issue page at 1280 px and 390 px, normal and
# 关怀版 (git-ignored), and the README's care-document-phone.png.
screenshots: site browser
	$(PY) tests/screenshots.py site screenshots

# An archive in parts (README, 档案分站): the catalogue, then the portal and every part declared in
# mkdocs.yml, each a whole site in archive/<name>/ (needs `archive:` in the gazette plugin's entry).
archive: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(PY) -m generator archive build --out archive

# The archive after an editor's correction: the catalogue again (only changed gazettes parsed), then
# every site built over the one in archive/, writing only the pages that changed (as make update).
archive-update: $(STAMP)
	@test -d archive/.catalogue || { echo "error: no archive/ yet: run 'make archive' first"; exit 1; }
	NO_MKDOCS_2_WARNING=1 $(PY) -m generator archive update --out archive

serve: $(STAMP)
	$(VENV)/bin/mkdocs serve

check: $(STAMP)
	$(PY) -m generator check gazettes

# make bench                 parse throughput on gazettes/, search quality on the sample site, and the
#                            archive-scale report at 1,000, 5,000 and 25,000 documents (bench/out/report.md,
#                            about 45 minutes on 2 cores); make bench SIZES=1000 for a quick one
SIZES ?= 1000 5000 25000
bench: site browser
	$(PY) bench/parse_throughput.py gazettes
	$(PY) bench/pdf_extract.py
	$(PY) bench/search_quality.py --site site
	$(PY) bench/run.py $(foreach n,$(SIZES),--docs $(n))

# Rewrite the golden manifest of the sample site's output (tests/golden/sample.sha256), on purpose only.
golden: $(STAMP)
	$(PY) tests/golden/manifest.py

# Re-resolve the dependency ranges of pyproject.toml into constraints.txt (then review the diff,
# run make test, and refresh the golden manifest with make golden if the output changed on purpose).
lock:
	rm -rf .lock-venv
	$(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet --upgrade pip
	.lock-venv/bin/python -m pip install --quiet -e '.[test]'
	{ head -3 constraints.txt; .lock-venv/bin/python -m pip freeze --exclude-editable | grep -v '^-e'; } > constraints.new
	mv constraints.new constraints.txt
	rm -rf .lock-venv

clean:
	rm -rf site .cache archive
