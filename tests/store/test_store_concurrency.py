"""Two real processes on one store file: a clear error or a wait, never a corrupt file."""
from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from eventwire.errors import StoreLocked
from eventwire.store import DuckDBStore

HERE = Path(__file__).parent

# Holds the store open for writing for HOLD seconds after storing the fixtures.
HOLDER = textwrap.dedent("""
    import sys, time
    sys.path.insert(0, {here!r})
    from store_fixtures import all_results
    from eventwire.store.duckdb import DuckDBStore
    store = DuckDBStore({path!r})
    store.add_results(all_results())
    print("ready", flush=True)
    time.sleep({hold})
    store.close()
""")

# Writes batch after batch of fresh articles, reporting each commit, until killed.
WRITER = textwrap.dedent("""
    import sys
    sys.path.insert(0, {here!r})
    from store_fixtures import strike_result
    from eventwire.ingest import article_id
    from eventwire.store.duckdb import DuckDBStore
    store = DuckDBStore({path!r})
    n = 0
    while True:
        batch = []
        for _ in range({batch}):
            r = strike_result()
            text = r.article.text + " Update %d." % n
            r.id = r.article.id = article_id(text)
            r.article.text = text
            batch.append(r)
            n += 1
        store.add_results(batch)
        print(n, flush=True)
""")


def start(script: str) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    proc.lines = queue.Queue()  # type: ignore[attr-defined]
    # a reader thread, so that a silent child fails the test instead of hanging it
    threading.Thread(target=lambda: [proc.lines.put(line) for line in proc.stdout] + [proc.lines.put("")],
                     daemon=True).start()
    return proc


def wait_for_line(proc: subprocess.Popen, timeout: float = 120) -> str:
    try:
        line = proc.lines.get(timeout=timeout)  # type: ignore[attr-defined]
    except queue.Empty:
        line = ""
    if not line:
        proc.kill()
        raise AssertionError(f"the child process said nothing: {proc.stderr.read()}")
    return line.strip()


@pytest.fixture
def path(tmp_path):
    return str(tmp_path / "shared.duckdb")


def test_a_second_process_gets_store_locked_naming_the_holder(path):
    holder = start(HOLDER.format(here=str(HERE), path=path, hold=20))
    try:
        assert wait_for_line(holder) == "ready"
        for read_only in (False, True):
            started = time.monotonic()
            with pytest.raises(StoreLocked) as info:
                DuckDBStore(path, read_only=read_only)
            assert time.monotonic() - started < 5  # no wait asked: fail fast
            message = str(info.value)
            assert message.startswith(f"[EW301] {path}: the store is in use by another process")
            assert f"PID {holder.pid}" in message and "--wait" in message
        started = time.monotonic()
        with pytest.raises(StoreLocked, match="still held after waiting 1s"):
            DuckDBStore(path, wait=1.0)
        assert 0.9 < time.monotonic() - started < 10
    finally:
        holder.kill()
        holder.wait()


def test_a_writer_that_waits_gets_in_when_the_other_finishes(path):
    holder = start(HOLDER.format(here=str(HERE), path=path, hold=2))
    try:
        assert wait_for_line(holder) == "ready"
        with DuckDBStore(path, wait=60) as store:  # blocks until the holder exits
            assert store.con.execute("SELECT count(*) FROM articles").fetchone()[0] == 3
        assert holder.wait(timeout=30) == 0
    finally:
        holder.kill()
        holder.wait()


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_a_writer_killed_mid_batch_leaves_whole_batches(path):
    batch = 25
    writer = start(WRITER.format(here=str(HERE), path=path, batch=batch))
    try:
        committed = 0
        while committed < 3 * batch:
            committed = int(wait_for_line(writer))
    finally:
        os.kill(writer.pid, signal.SIGKILL)  # likely inside the next batch's transaction
        writer.wait()
    with DuckDBStore(path) as store:
        con = store.con
        articles = con.execute("SELECT count(*) FROM articles").fetchone()[0]
        assert articles >= committed and articles % batch == 0
        # every committed article has all its rows, and no row lost its article
        assert con.execute("SELECT count(*) FROM event_mentions").fetchone()[0] == 2 * articles
        assert con.execute("SELECT count(*) FROM event_quantities").fetchone()[0] == 2 * articles
        assert con.execute("SELECT count(*) FROM entities e ANTI JOIN articles a "
                           "ON a.id = e.article_id").fetchone()[0] == 0
        assert store.add_results([]) == 0 and store.events(limit=1)
