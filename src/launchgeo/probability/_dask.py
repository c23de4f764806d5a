"""The ``engine="dask"`` runner of :func:`launchgeo.impact_probability` (private).

dask is an optional dependency (``pip install launchgeo[dask]``) imported only here, when
the dask engine is asked for. The plan (origin, input distributions and the fast-forward
table, about 1 MB) is scattered once to every worker; each task runs a chunk of whole
random-number blocks and returns only its label counts (and its samples if asked for), so
the result is identical to the numpy engine's for the same seed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from launchgeo.errors import EngineError, ValidationError
from launchgeo.probability._montecarlo import ChunkResult, Plan, ZonesLike, run_chunk

__all__ = ["run_dask"]

#: Seconds to wait for a scheduler given by address (distributed's default is 30).
_CONNECT_TIMEOUT_S = 5


def _client(client: Any) -> tuple[Any, bool]:
    """Return the distributed client to use and whether we created it (and must close it)."""
    try:
        import distributed
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError(
            "engine='dask' needs dask.distributed: pip install 'launchgeo[dask]'"
        ) from exc
    if client is None:
        try:
            return distributed.get_client(), False
        except ValueError:
            raise ValidationError(
                "engine='dask' needs a dask.distributed cluster: create a "
                "distributed.Client(...) first, or pass client= (a Client or a scheduler "
                "address such as 'tcp://host:8786')"
            ) from None
    if isinstance(client, str):
        if not re.fullmatch(r"[a-z][a-z0-9+.-]*://\S+:\d{1,5}", client):
            raise ValidationError(
                f"client must be a scheduler address such as 'tcp://10.0.0.5:8786', got {client!r}"
            )
        try:
            return distributed.Client(client, timeout=_CONNECT_TIMEOUT_S), True
        except (OSError, TimeoutError) as exc:  # refused, unreachable, timed out
            raise EngineError(
                f"cannot reach the dask scheduler at {client!r} within {_CONNECT_TIMEOUT_S} s: "
                f"{exc}"
            ) from exc
    if isinstance(client, distributed.Client):
        return client, False
    raise ValidationError(
        f"client must be a distributed.Client, a scheduler address or None, got {client!r}"
    )


def run_dask(
    plan: Plan,
    ranges: list[tuple[int, int]],
    zones: ZonesLike | None,
    return_samples: bool,
    progress: Callable[[int], None] | None,
    client: Any,
) -> list[ChunkResult]:
    """Run the chunks as dask tasks; return their results in chunk order."""
    dclient, owned = _client(client)
    try:
        # hash=False: a fresh key per call, so a plan scattered before a cluster restart (same
        # content, same hash) is never taken for one the workers still hold.
        plan_f = dclient.scatter(plan, broadcast=True, hash=False)
        zones_f = (
            dclient.scatter(zones, broadcast=True, hash=False) if zones is not None else None
        )
        futures = [
            dclient.submit(run_chunk, plan_f, r, zones_f, return_samples, pure=False)
            for r in ranges
        ]
        # Collected in submission order (the client need not be the default one, which
        # distributed.as_completed would require); chunks finish roughly in that order anyway.
        results = []
        for fut in futures:
            res = fut.result()
            results.append(res)
            if progress is not None:
                progress(res.n)
            fut.release()
        return results
    finally:
        if owned:
            dclient.close()
