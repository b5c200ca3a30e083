"""Per-site secret keys, kept in the private data folder and created on first use.

One key signs certificates; another turns trainee ids into stable pseudonyms for exports. They live
beside the database, readable only by the account that runs the site, and never leave the machine.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from workbook import config


def site_key(name: str, data_dir: Path | None = None) -> bytes:
    path = (data_dir or config.data_dir()) / f"{name}.key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        try:
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass  # another kernel made it first
        else:
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(secrets.token_bytes(32))
    return path.read_bytes()
