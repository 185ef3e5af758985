#!/usr/bin/env bash
# Quick start: set up, build the demo meeting (Beijiao, 11 branches) and open it.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
exec .venv/bin/python main.py demo demo-meeting.sqlite "$@"
