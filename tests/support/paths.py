"""Where the tests find the repository and the shared sample events."""

from __future__ import annotations

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
# CI clones the repository with the steering repo's shared/ beside it.
SHARED_EVENTS = REPO_ROOT.parent / "shared" / "events"
