"""Fast loading of generated rows: COPY on PostgreSQL (psycopg 3), bulk_create elsewhere.

Rows are dicts of attribute names (`organisation_id`, not `organisation`) to Python values, with
their primary keys chosen by the generator, so that rows of other tables can point at them without
asking the database. Fields a row leaves out get the field's default (or NULL / "").
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Iterable, Iterator
from typing import Any

from django.core.management.color import no_style
from django.db import connection, models

BATCH = 2_000


class Progress:
    """A one-line progress bar on stderr (a plain line per step when it is not a terminal)."""

    def __init__(self, label: str, total: int, *, enabled: bool = True, stream=None) -> None:
        self.label, self.total, self.enabled = label, max(total, 1), enabled
        self.stream = stream or sys.stderr
        self.done = 0
        self.started = time.monotonic()
        self.shown = 0.0
        self.tty = getattr(self.stream, "isatty", lambda: False)()

    def step(self, count: int = 1) -> None:
        self.done += count
        now = time.monotonic()
        if self.enabled and self.tty and now - self.shown > 0.2:
            self.shown = now
            self._draw(now)

    def _draw(self, now: float, end: str = "") -> None:
        share = min(self.done / self.total, 1.0)
        bar = "#" * int(share * 30)
        rate = self.done / max(now - self.started, 1e-6)
        self.stream.write(
            f"\r  {self.label:<36} [{bar:<30}] {self.done:>10,} / {self.total:,} "
            f"{rate:>9,.0f}/s{end}"
        )
        self.stream.flush()

    def close(self) -> float:
        elapsed = time.monotonic() - self.started
        if self.enabled:
            if self.tty:
                self._draw(time.monotonic(), end=f"  {elapsed:.1f} s\n")
            else:
                self.stream.write(f"  {self.label:<36} {self.done:>10,} rows  {elapsed:.1f} s\n")
                self.stream.flush()
        return elapsed


def is_postgres() -> bool:
    return connection.vendor == "postgresql"


def next_id(model: type[models.Model]) -> int:
    last = model._default_manager.aggregate(last=models.Max("pk"))["last"]
    return (last or 0) + 1


class Loader:
    def __init__(self, *, progress: bool = True, stream=None) -> None:
        self.progress = progress
        self.stream = stream
        self.counts: dict[str, int] = {}
        self.loaded: set[type[models.Model]] = set()

    # -- the values of one row, in column order ---------------------------------------------

    @staticmethod
    def _fields(model: type[models.Model]) -> list[models.Field]:
        return list(model._meta.concrete_fields)

    @staticmethod
    def _value(field: models.Field, row: dict[str, Any]) -> Any:
        if field.attname in row:
            value = row[field.attname]
        elif field.has_default():
            value = field.get_default()
        elif field.null:
            value = None
        elif isinstance(field, models.CharField | models.TextField):
            value = ""
        else:
            raise ValueError(f"{field.model.__name__}.{field.name} needs a value")
        if isinstance(field, models.JSONField) and value is not None:
            return json.dumps(value)
        return value

    # -- loading -----------------------------------------------------------------------------

    def load(self, model: type[models.Model], rows: Iterable[dict], *, total: int) -> int:
        label = model._meta.label
        bar = Progress(label, total, enabled=self.progress, stream=self.stream)
        count = self._copy(model, rows, bar) if is_postgres() else self._bulk(model, rows, bar)
        bar.close()
        self.counts[label] = self.counts.get(label, 0) + count
        self.loaded.add(model)
        return count

    def _copy(self, model: type[models.Model], rows: Iterable[dict], bar: Progress) -> int:
        fields = self._fields(model)
        columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
        table = connection.ops.quote_name(model._meta.db_table)
        count = 0
        # (cursor.cursor: the psycopg 3 cursor under Django's wrapper)
        with (
            connection.cursor() as cursor,
            cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy,
        ):
            for row in rows:
                copy.write_row([self._value(f, row) for f in fields])
                count += 1
                if count % 1000 == 0:
                    bar.step(1000)
        bar.step(count % 1000)
        return count

    def _bulk(self, model: type[models.Model], rows: Iterable[dict], bar: Progress) -> int:
        fields = self._fields(model)
        count = 0
        for batch in _batches(rows, BATCH):
            objects = []
            for row in batch:
                obj = model()
                for field in fields:
                    value = self._value(field, row)
                    if isinstance(field, models.JSONField) and value is not None:
                        value = json.loads(value)
                    setattr(obj, field.attname, value)
                objects.append(obj)
            model._default_manager.bulk_create(objects)
            count += len(objects)
            bar.step(len(objects))
        return count

    def finish(self) -> None:
        """Move the id sequences past the ids we chose, and refresh the planner's statistics."""
        models_ = sorted(self.loaded, key=lambda m: m._meta.db_table)
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), models_):
                cursor.execute(sql)
            if is_postgres():
                for model in models_:
                    cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


def _batches(rows: Iterable[dict], size: int) -> Iterator[list[dict]]:
    batch: list[dict] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


class SecondaryIndexes:
    """Drop a big table's secondary indexes while it is loaded and build them once afterwards
    (PostgreSQL; indexes that back a constraint stay)."""

    def __init__(self, models_: Iterable[type[models.Model]], tables: Iterable[str] = ()) -> None:
        self.tables = [m._meta.db_table for m in models_] + list(tables)
        self.saved: list[tuple[str, str]] = []

    def __enter__(self) -> SecondaryIndexes:
        if not is_postgres():
            return self
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT i.indexname, i.indexdef FROM pg_indexes i "
                "WHERE i.schemaname = current_schema() AND i.tablename = ANY(%s) "
                "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)",
                [self.tables],
            )
            self.saved = cursor.fetchall()
            for name, _definition in self.saved:
                cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
        return self

    def __exit__(self, *exc: object) -> None:
        if not self.saved:
            return
        with connection.cursor() as cursor:
            # Deferred foreign-key checks of the load must run first: PostgreSQL builds no index
            # on a table with pending trigger events.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            for _name, definition in self.saved:
                cursor.execute(definition)
