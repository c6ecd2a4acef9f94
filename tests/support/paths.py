"""Where the tests find the repository and its sample events; nothing outside the repository is read."""

from __future__ import annotations

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
FIXTURE_EVENTS = REPO_ROOT / "tests" / "fixtures" / "events"
