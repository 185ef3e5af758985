#!/usr/bin/env bash
# Quick start: set up and run the whole test suite, with the linters CI runs.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh test
.venv/bin/ruff check .
.venv/bin/lint-imports
.venv/bin/python scripts/ui_cycles.py   # no import cycle in ui/, even inside functions
# A real print queue for the printing tests (CUPS with a PDF printer).
if [ -x tests/reports/cups_setup.sh ]; then
  tests/reports/cups_setup.sh || echo "CUPS could not be started; print tests will say so"
fi
exec .venv/bin/python -m pytest "$@"
