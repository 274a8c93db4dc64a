# Lantai: `make run` serves the web app (and the bot when BOT_TOKEN is set); `make test` runs the suite.
# Both create .venv and install what they need on a fresh Debian machine with Python 3.11.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
export LANTAI_DATA_DIR ?= $(CURDIR)/instance
export PORT ?= 8000

.PHONY: run test install demo clean cjk-font chromium

$(PY):
	@$(PYTHON) -m venv $(VENV) 2>/dev/null || { \
	  echo "python venv is missing: installing Debian's python3-venv"; rm -rf $(VENV); \
	  $(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q python3-venv && $(PYTHON) -m venv $(VENV); }

$(VENV)/.installed-run: requirements.txt | $(PY)
	$(PY) -m pip install -q --disable-pip-version-check -r requirements.txt
	@touch $@

$(VENV)/.installed-test: requirements-dev.txt $(VENV)/.installed-run
	$(PY) -m pip install -q --disable-pip-version-check -r requirements-dev.txt
	@touch $@

# Certificate PDFs embed a Chinese TrueType font (core/certificates/fonts.py); LANTAI_CJK_FONT may name another.
CJK_FONT := /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc
cjk-font:
	@[ -n "$$LANTAI_CJK_FONT" ] || [ -f $(CJK_FONT) ] || { \
	  echo "Chinese font for certificates is missing: installing Debian's fonts-wqy-zenhei"; \
	  $(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q fonts-wqy-zenhei; }

# The browser tests (tests/e2e) drive Debian's chromium through Playwright; never `playwright install`.
CHROMIUM := /usr/bin/chromium
chromium:
	@[ -x $(CHROMIUM) ] || { \
	  echo "chromium for the browser tests is missing: installing Debian's chromium"; \
	  $(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q chromium; }

install: $(VENV)/.installed-run

run: $(VENV)/.installed-run cjk-font
	@bash scripts/run.sh

# pytest exits 5 when it collects no test; that is reported, not hidden as a pass of something.
test: $(VENV)/.installed-test cjk-font chromium
	@$(PY) -m pytest $(PYTEST_ARGS) || { rc=$$?; if [ $$rc -eq 5 ]; then echo "pytest: no tests collected"; fi; exit $$rc; }

demo: $(VENV)/.installed-run
	$(PY) -m core demo --records $${RECORDS:-20000}

clean:
	rm -rf $(VENV) .pytest_cache
