"""Secrets for a demo or development install that was started with none set.

Production (LANTERN_MODE=production) must set SECRET_KEY, LANTERN_DATA_KEY and
LANTERN_INDEX_KEY itself; this module is used only in demo and test modes, where it keeps
generated keys in a file under the data directory so that a restarted demo can still read
what it encrypted.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
from pathlib import Path


def _new_secrets() -> dict[str, str]:
    return {
        "SECRET_KEY": secrets.token_urlsafe(50),
        "LANTERN_DATA_KEY": "k1:" + base64.b64encode(secrets.token_bytes(32)).decode(),
        "LANTERN_INDEX_KEY": base64.b64encode(secrets.token_bytes(32)).decode(),
    }


def local_secrets(data_dir: Path) -> dict[str, str]:
    """Read the generated secrets, creating them once (safe against concurrent starts)."""
    path = data_dir / "local-secrets.json"
    data_dir.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        pass
    else:
        with os.fdopen(fd, "w") as handle:
            json.dump(_new_secrets(), handle)
    for _ in range(50):
        text = path.read_text()
        if text:
            return dict(json.loads(text))
        # Another process created the file and is still writing it.
        import time

        time.sleep(0.05)
    raise RuntimeError(f"{path} stayed empty")
