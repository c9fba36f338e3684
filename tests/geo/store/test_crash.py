"""A real crash in the middle of an import: the process is SIGKILLed inside the write transaction."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from geo.paths import REPO_ROOT
from geo.store import SqlStore, open_store

ROWS = 60_000
KILL_AFTER_BATCHES = 50  # of 1,000 rows: 50,000 rows written, uncommitted, when the process dies

CHILD = textwrap.dedent(
    """
    import os, signal, sys

    import pandas as pd

    from geo.store import open_store, sql
    from geo.userdata.model import Column, Dataset, DatasetMeta

    url, rows, kill_after = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    store = open_store(url)
    batches = 0
    real = sql.SqlStore._write_batch

    def write_then_die(self, conn, statement, batch):
        global batches
        real(self, conn, statement, batch)
        batches += 1
        if batches == kill_after:
            print("killing myself after", batches * len(batch), "rows", flush=True)
            os.kill(os.getpid(), signal.SIGKILL)  # no cleanup, no rollback, no atexit

    sql.SqlStore._write_batch = write_then_die
    values = pd.DataFrame(
        {
            "adcode": [str(110000 + i % 1000) for i in range(rows)],
            "column": ["c1"] * rows,
            "year": pd.array([1950 + i // 1000 for i in range(rows)], dtype="Int64"),
            "value": [i * 0.5 for i in range(rows)],
        }
    )
    meta = DatasetMeta(
        id=DatasetMeta.new_id(), name="崩溃中的导入", source="测试", imported_at=DatasetMeta.now(), kind="table",
        filename="big.csv", columns=(Column("c1", "指标"),), rows=rows,
    )
    store.save(Dataset(meta, values))
    print("saved: the crash did not happen", flush=True)
    """
)


def test_killed_mid_import_leaves_no_half_dataset(store_url: str, make_dataset, tmp_path: Path) -> None:
    store = open_store(store_url)
    store.save(make_dataset("崩溃前已保存"))
    revision = store.revision()
    wal = Path(store_url.removeprefix("sqlite:///") + "-wal") if store.backend == "sqlite" else None
    wal_before = wal.stat().st_size if wal and wal.exists() else 0
    store.close()

    script = tmp_path / "crash_child.py"
    script.write_text(CHILD, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    child = subprocess.run(
        [sys.executable, str(script), store_url, str(ROWS), str(KILL_AFTER_BATCHES)],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert child.returncode == -signal.SIGKILL, (child.returncode, child.stdout, child.stderr)
    assert f"after {KILL_AFTER_BATCHES * 1000} rows" in child.stdout
    if wal is not None:
        # The premise: uncommitted pages of the big transaction had already reached the disk.
        assert wal.stat().st_size > wal_before + 1_000_000, (wal_before, wal.stat().st_size)

    reopened = open_store(store_url)  # a new engine: the process that wrote is gone
    try:
        assert isinstance(reopened, SqlStore)
        assert [meta.name for meta in reopened.list_datasets()] == ["崩溃前已保存"]
        assert len(reopened.values()) == 6
        assert reopened.revision() == revision
        if reopened.backend == "sqlite":
            with reopened.engine.connect() as conn:
                assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        reopened.save(make_dataset("崩溃中的导入"))  # no lock or half row left behind
        assert reopened.revision() == revision + 1
    finally:
        reopened.close()
