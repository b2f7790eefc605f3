"""A few open PostgreSQL connections reused across calls and Streamlit's threads.

Opening a connection costs a server process and an authentication round trip;
the app asks the store for its revision on every rerun and every kiosk tick. A
connection is used by one thread at a time: it is taken from the pool for one
transaction and given back only when that transaction has ended cleanly.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

KEEP_IDLE = 4


class ConnectionPool:
    """Idle connections kept for reuse (at most ``keep``); more are opened when threads need them at once."""

    def __init__(self, connect: Callable[[], Any], keep: int = KEEP_IDLE):
        self._connect = connect
        self._keep = keep
        self._idle: list[Any] = []
        self._lock = threading.Lock()
        self._pid = os.getpid()
        self.opened = 0  # connections opened so far (the tests read it)

    def _new(self) -> Any:
        connection = self._connect()
        with self._lock:
            self.opened += 1
        return connection

    def _take(self) -> Any:
        with self._lock:
            if self._pid != os.getpid():  # a forked child must not share its parent's sockets
                self._idle.clear()
                self._pid = os.getpid()
            while self._idle:
                connection = self._idle.pop()
                if not connection.closed:
                    return connection
        return self._new()

    def _give(self, connection: Any) -> None:
        from psycopg.pq import TransactionStatus

        reusable = not connection.closed and connection.info.transaction_status == TransactionStatus.IDLE
        with self._lock:
            if reusable and self._pid == os.getpid() and len(self._idle) < self._keep:
                self._idle.append(connection)
                return
        connection.close()

    @contextmanager
    def connection(self, first_statement: str) -> Iterator[Any]:
        """A connection whose transaction has begun with ``first_statement``.

        A pooled connection the server has dropped meanwhile (restart, idle
        timeout) fails on that first statement; it is replaced once, so a caller
        sees an error only when the server really is unreachable.
        """
        import psycopg

        connection = self._take()
        try:
            connection.execute(first_statement)
        except psycopg.OperationalError:
            connection.close()
            connection = self._new()
            connection.execute(first_statement)
        try:
            yield connection
        finally:
            self._give(connection)

    def close(self) -> None:
        """Close the idle connections (connections in use close when given back)."""
        with self._lock:
            idle, self._idle, self._keep = self._idle, [], 0
        for connection in idle:
            connection.close()
