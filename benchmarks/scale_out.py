"""impact_probability on a dask LocalCluster: 10^6 to 10^8 samples, memory flat in n.

Run from the repository root (needs ``launchgeo[dask]``):

    .venv/bin/python benchmarks/scale_out.py [--sizes 1000000,10000000,100000000] [--rounds 5]

A LocalCluster of ``--workers`` processes (one thread each) runs ``impact_probability`` with
``engine="dask"``: the same chunk kernel as the numpy engine (draw, FastForward, classify codes,
``bincount``), each task returning only its label counts. Workers are restarted before each n,
so their peak resident memory (``getrusage`` max RSS, read on every worker after the runs)
belongs to that n. The numpy engine in this process runs the same n (up to ``--numpy-max``)
for the speed-up and to check that both engines give the same counts.
"""

from __future__ import annotations

import argparse
import resource
import sys
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _common import compare, load_average, machine, print_section, skip

SUNAN = (125.67, 39.22389)


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000000,10000000,100000000")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=None)
    parser.add_argument("--numpy-max", type=int, default=10_000_000)
    args = parser.parse_args()
    try:
        import distributed
    except ImportError:
        skip("dask.distributed is not installed (pip install 'launchgeo[dask]')")

    import launchgeo

    kw = dict(range_km=launchgeo.Normal(650, 60), bearing_deg=launchgeo.Uniform(60, 150), seed=7)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        cluster = distributed.LocalCluster(
            n_workers=args.workers, threads_per_worker=1, processes=True, dashboard_address=None
        )
        client = distributed.Client(cluster, set_as_default=False)
    rows = []
    try:
        for n in [int(x) for x in args.sizes.split(",")]:
            client.restart()
            client.wait_for_workers(args.workers)
            sides = {
                "dask": lambda n=n: launchgeo.impact_probability(
                    SUNAN, n=n, engine="dask", client=client, **kw
                )
            }
            if n <= args.numpy_max:
                sides["numpy"] = lambda n=n: launchgeo.impact_probability(SUNAN, n=n, **kw)
            t = compare(sides, rounds=args.rounds)
            rss = client.run(peak_rss_mib)
            same = "numpy" not in t or t["numpy"].result == t["dask"].result
            print(
                f"n={n:>12,}  dask {t['dask'].median:8.2f} s"
                + (f"  numpy {t['numpy'].median:8.2f} s" if "numpy" in t else "")
                + f"  peak RSS per worker {', '.join(f'{v:.0f}' for v in rss.values())} MiB"
                f"  same counts: {same}"
            )
            rows.append((n, t, sorted(rss.values()), same))
    finally:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            client.close()
            cluster.close()

    lines = [
        f'`impact_probability(engine="dask")` on a LocalCluster of {args.workers} worker '
        f"processes (1 thread each) on this {machine()} machine, load {load_average()}; the "
        "embedded zones loaded once per worker; workers restarted before each n; median "
        f"(min–max) of {len(rows[0][1]['dask'].times)} rounds after one warm-up, interleaved "
        "with the numpy engine in one process where it runs.",
        "",
        "| n | dask | numpy engine (1 process) | peak RSS per worker | same counts |",
        "|---:|---:|---:|---:|:---:|",
    ]
    for n, t, rss, same in rows:
        np_cell = t["numpy"].cell() if "numpy" in t else "—"
        lines.append(
            f"| {n:,} | {t['dask'].cell()} | {np_cell} | "
            f"{' / '.join(f'{v:.0f}' for v in rss)} MiB | {'yes' if same else 'NO'} |"
        )
    first, last = rows[0], rows[-1]
    lines += [
        "",
        f"- Memory flat in n: peak RSS per worker {max(first[2]):.0f} MiB at {first[0]:,} and "
        f"{max(last[2]):.0f} MiB at {last[0]:,} samples (tasks return only label counts). "
        f"Throughput at {last[0]:,}: {last[0] / last[1]['dask'].median / 1e6:.1f} M samples/s.",
    ]
    print_section("Scale-out on dask", __file__, lines)


if __name__ == "__main__":
    main()
