"""PostgreSQL connections reused across calls and Streamlit's threads: a ``psycopg_pool`` pool per process.

Opening a connection costs a server process and an authentication round trip; the app asks the store for
its revision on every rerun and every kiosk tick. A connection serves one transaction of one thread at a
time; the pool checks it before handing it out, so one the server dropped (restart, idle timeout) is
replaced rather than failing the caller. What the pool alone would not give:

* a server that cannot be reached is reported at once, with the server's own reason: the pool is opened
  after a first direct connection succeeds (its error is the caller's), and when no pooled connection
  comes within ``WAIT_S`` one direct connection either says why or, the pool being only full, serves
  that transaction;
* a forked child opens a pool of its own: it never writes to its parent's sockets.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # psycopg is imported only when a server store is used
    import psycopg
    from psycopg_pool import ConnectionPool

# Connections kept open at most (more threads wait for one, then get a direct connection).
MAX_SIZE = 8
# How long a transaction waits for a pooled connection before it connects directly.
WAIT_S = 5.0
# Pools of a parent process, kept referenced in a forked child so that nothing of theirs runs there.
_INHERITED: list[object] = []


class ServerPool:
    """The pooled connections to one server; ``unreachable`` turns psycopg's connection error into the caller's."""

    def __init__(
        self,
        conninfo: str,
        options: Mapping[str, Any],
        unreachable: Callable[[Exception], Exception],
    ) -> None:
        self._conninfo = conninfo
        self._options = dict(options)
        self._unreachable = unreachable
        self._lock = threading.Lock()
        self._pool: ConnectionPool[psycopg.Connection[tuple[Any, ...]]] | None = None
        self._pid = os.getpid()

    def connect(self) -> psycopg.Connection[tuple[Any, ...]]:
        """A direct connection (not pooled); raises ``unreachable(error)`` with the server's reason."""
        import psycopg

        try:
            return psycopg.Connection.connect(self._conninfo, **self._options)
        except psycopg.OperationalError as exc:
            raise self._unreachable(exc) from exc

    def _current(self) -> ConnectionPool[psycopg.Connection[tuple[Any, ...]]]:
        with self._lock:
            if self._pid != os.getpid():  # a forked child: its parent's pool is left alone
                _INHERITED.append(self._pool)
                self._pool, self._pid = None, os.getpid()
            if self._pool is None:
                from psycopg_pool import ConnectionPool

                self.connect().close()  # reachable? (else the server's reason, now)
                self._pool = ConnectionPool(
                    self._conninfo,
                    kwargs=self._options,
                    min_size=1,
                    max_size=MAX_SIZE,
                    timeout=WAIT_S,
                    check=ConnectionPool.check_connection,
                    name="dashboard-store",
                    open=True,
                )
            return self._pool

    @contextmanager
    def connection(self, first_statement: str) -> Iterator[psycopg.Connection[tuple[Any, ...]]]:
        """A connection whose transaction has begun with ``first_statement``; the caller ends the transaction."""
        from psycopg_pool import PoolTimeout

        pool = self._current()
        try:
            connection, pooled = pool.getconn(), True
        except PoolTimeout:
            connection, pooled = self.connect(), False
        try:
            connection.execute(first_statement)
            yield connection
        finally:
            if pooled:
                pool.putconn(connection)  # a broken or unfinished one is discarded and replaced
            else:
                connection.close()

    def close(self) -> None:
        """Close the pooled connections (connections in use close when given back)."""
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None and self._pid == os.getpid():
            pool.close()
