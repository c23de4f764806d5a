"""impact_probability: distributions, reproducibility, analytic cases, errors, engines."""

from __future__ import annotations

import json
import math
import warnings
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest
import shapely
from scipy import stats

import launchgeo
from launchgeo import Normal, Uniform, impact_probability, impact_probability_from_statement
from launchgeo.errors import (
    CoordinateError,
    RangeError,
    TruncationWarning,
    UnknownSiteError,
    ValidationError,
)
from launchgeo.geodesy.core import HALF_MERIDIAN_KM, WGS84
from launchgeo.geodesy.fastgeod import FastForward
from launchgeo.probability._montecarlo import (
    RNG_BLOCK,
    choose_table,
    classify_counts,
    count_labels,
)
from launchgeo.probability.uncertainty import wilson_interval

SUNAN = (125.67, 39.22389)


class MeridianZones:
    """Stand-in zones: east or west of a meridian (a geodesic through the site)."""

    def __init__(self, lon: float) -> None:
        self.lon = lon

    def classify(self, lon, lat):
        return np.where(np.asarray(lon) > self.lon, "east", "west")


class PolygonZones:
    """Stand-in for launchgeo.zones.Zones: shapely polygons in (lon, lat), first match wins."""

    def __init__(self, polygons: dict[str, shapely.Geometry], default: str = "high_seas"):
        self.polygons = polygons
        self.default = default
        for geom in polygons.values():
            shapely.prepare(geom)

    def classify(self, lon, lat):
        lon, lat = np.asarray(lon), np.asarray(lat)
        width = max(len(self.default), *(len(k) for k in self.polygons))
        labels = np.full(lon.shape, self.default, dtype=f"<U{width}")
        free = np.ones(lon.shape, dtype=bool)
        for label, geom in self.polygons.items():
            hit = free & shapely.contains_xy(geom, lon, lat)
            labels[hit] = label
            free &= ~hit
        return labels


def _binomial_ok(p_hat: float, p: float, n: int, z: float = 5.0) -> bool:
    return abs(p_hat - p) <= z * math.sqrt(p * (1 - p) / n)


# --------------------------------------------------------------------------- analytic cases
def test_uniform_bearing_against_a_meridian_half_plane():
    """Bearings 0-270 from a site: exactly 180/270 of them go east of its meridian."""
    r = impact_probability(
        SUNAN,
        range_km=Normal(500, 50),
        bearing_deg=Uniform(0, 270),
        zones=MeridianZones(SUNAN[0]),
        n=200_000,
        seed=3,
    )
    assert _binomial_ok(r.probabilities["east"], 2 / 3, r.n)
    low, high = r.confidence_intervals["east"]
    assert low < 2 / 3 < high
    assert sum(r.probabilities.values()) == pytest.approx(1.0)


def test_normal_bearing_gives_the_normal_cdf():
    """Bearing N(80, 15): east of the meridian iff 0 < bearing < 180, P = Phi(80/15)-ish."""
    r = impact_probability(
        SUNAN,
        range_km=300,
        bearing_deg=(80, 15),
        zones=MeridianZones(SUNAN[0]),
        n=100_000,
        seed=4,
    )
    p = stats.norm.cdf(100 / 15) - stats.norm.cdf(-80 / 15)
    assert _binomial_ok(r.probabilities.get("east", 0.0), p, r.n)
    r2 = impact_probability(
        SUNAN,
        range_km=300,
        bearing_deg=(350, 40),
        zones=MeridianZones(SUNAN[0]),
        n=100_000,
        seed=4,
    )  # mean through north: east iff bearing in (0, 180) mod 360
    p2 = stats.norm.cdf(190 / 40) - stats.norm.cdf(10 / 40)
    assert _binomial_ok(r2.probabilities["east"], p2, r2.n)


def test_uniform_range_against_a_geodesic_disc():
    """Range U(0, 2R) in every direction: half the samples land inside the R disc."""
    radius_km = 200.0
    az = np.linspace(0, 360, 2001)
    lon, lat, _ = WGS84.fwd(
        np.full(az.size, 150.0), np.full(az.size, 20.0), az, np.full(az.size, radius_km * 1e3)
    )
    disc = shapely.Polygon(np.column_stack([lon, lat]))
    zones = PolygonZones({"disc": disc})
    r = impact_probability(
        (150.0, 20.0),
        range_km=Uniform(0, 2 * radius_km),
        bearing_deg=Uniform(0, 360),
        zones=zones,
        n=100_000,
        seed=5,
    )
    assert _binomial_ok(r.probabilities["disc"], 0.5, r.n)


# --------------------------------------------------------------------------- reproducibility
def _run(**kw):
    base = dict(
        range_km=Normal(600, 80),
        bearing_deg=Uniform(60, 140),
        zones=MeridianZones(130.0),
        n=3 * RNG_BLOCK + 123,
        seed=11,
    )
    base.update(kw)
    return impact_probability(SUNAN, **base)


def test_same_seed_same_result_for_any_chunk_size():
    a = _run(return_samples=True)
    b = _run(return_samples=True, chunk_size=RNG_BLOCK)
    c = _run(return_samples=True, chunk_size=5)  # rounded up to one block
    assert a == b == c
    assert a.samples.equals(b.samples) and a.samples.equals(c.samples)
    assert _run(seed=12) != a


def test_seed_none_is_recorded_and_reproduces():
    a = _run(seed=None, n=5000)
    assert isinstance(a.seed, int)
    assert _run(seed=a.seed, n=5000) == a
    assert _run(seed=np.random.SeedSequence(a.seed), n=5000) == a


@pytest.mark.parametrize("n", [2_000, 150_000])  # exact pyproj, then the FastForward table
def test_samples_match_the_counts_and_pyproj(n):
    r = _run(n=n, return_samples=True)
    s = r.samples
    assert list(s.columns) == ["bearing_deg", "range_km", "lon", "lat", "label"]
    assert s["label"].value_counts().to_dict() == dict(r.counts)
    lon, lat, _ = WGS84.fwd(
        np.full(len(s), SUNAN[0]),
        np.full(len(s), SUNAN[1]),
        s["bearing_deg"].to_numpy(),
        s["range_km"].to_numpy() * 1e3,
    )
    assert np.max(WGS84.inv(s["lon"], s["lat"], lon, lat)[2]) <= r.error_bound_m <= 1.0
    assert (r.error_bound_m > 0) == (n == 150_000)
    assert s["range_km"].mean() == pytest.approx(600, abs=3)
    assert _run(n=100).samples is None


# --------------------------------------------------------------------------- inputs
@pytest.mark.parametrize(
    ("value", "mean", "std"),
    [
        (350.0, 350.0, 0.0),
        ((350, 20), 350.0, 20.0),
        ([350, 20], 350.0, 20.0),
        (Normal(350, 20), 350.0, 20.0),
        (Uniform(340, 360), 350.0, 20 / math.sqrt(12)),
        (stats.lognorm(0.05, scale=350), 350 * math.exp(0.05**2 / 2), None),
        (stats.uniform(340, 20), 350.0, 20 / math.sqrt(12)),
    ],
)
def test_range_forms(value, mean, std):
    r = impact_probability(
        SUNAN,
        range_km=value,
        bearing_deg=90,
        zones=MeridianZones(0),
        n=40_000,
        seed=1,
        return_samples=True,
    )
    rng = r.samples["range_km"]
    assert rng.mean() == pytest.approx(mean, abs=0.5)
    if std is not None:
        assert rng.std() == pytest.approx(std, abs=0.5)


def test_statement_samples_its_rounding_region_from_the_landmark():
    """'About 200 km north of X': distance 195-205 km, bearing 348.75-11.25 through north."""
    landmark = launchgeo.LaunchSite("X", lon=139.5, lat=40.0)
    est = SimpleNamespace(
        landmark=landmark, distance_interval_km=(195.0, 205.0), bearing_interval_deg=(348.75, 11.25)
    )
    r = impact_probability_from_statement(
        est, zones=MeridianZones(139.5), n=50_000, seed=2, return_samples=True
    )
    s = r.samples
    assert s["range_km"].between(195, 205).all()
    b = s["bearing_deg"]
    assert ((b >= 348.75) | (b <= 11.25)).all()
    assert _binomial_ok(r.probabilities["east"], 0.5, r.n)
    assert r.inputs["center"].startswith("X (139.50000, 40.00000)")


def test_launch_site_object_and_site_sigma():
    site = launchgeo.get_site("Sunan")
    r = impact_probability(
        site,
        range_km=500,
        bearing_deg=90,
        site_sigma_km=10.0,
        zones=MeridianZones(0),
        n=20_000,
        seed=8,
        return_samples=True,
    )
    lon0, lat0, _ = WGS84.fwd(site.lon, site.lat, 90.0, 500e3)
    # Displaced sites move the impact by about the displacement: Rayleigh(10 km), mean 12.5.
    d_km = WGS84.inv(np.full(r.n, lon0), np.full(r.n, lat0), r.samples["lon"], r.samples["lat"])[2]
    assert np.mean(d_km) / 1e3 == pytest.approx(10 * math.sqrt(math.pi / 2), rel=0.05)
    assert r.error_bound_m == 0.0  # exact pyproj per sample


def test_truncation_of_negative_ranges_is_announced_and_conditional():
    with pytest.warns(TruncationWarning, match=r"probability 0.5 on negative ranges"):
        r = impact_probability(
            SUNAN,
            range_km=Normal(0, 100),
            bearing_deg=90,
            zones=MeridianZones(0),
            n=50_000,
            seed=1,
            return_samples=True,
        )
    rng = r.samples["range_km"]
    assert (rng >= 0).all()
    assert rng.mean() == pytest.approx(100 * math.sqrt(2 / math.pi), rel=0.02)  # half-normal
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # 1e-51 below zero is not worth a warning
        impact_probability(
            SUNAN, range_km=Normal(300, 20), bearing_deg=90, zones=MeridianZones(0), n=10, seed=1
        )


@pytest.mark.parametrize(
    ("mean", "sigma"),
    [(100.0, 80.0), (650.0, 60.0), (-150.0, 100.0), (20000.0, 30.0)],
)
def test_truncated_normal_ranges_follow_the_truncated_distribution(mean, sigma):
    """Both samplers (redraws when most mass is inside, inverse CDF otherwise) are exact."""
    from scipy import stats

    from launchgeo.probability.distributions import parse

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", TruncationWarning)
        sampler = parse(Normal(mean, sigma), "range_km", nonnegative=True)
    draws = sampler.sample(np.random.default_rng(7), 20_000)
    lo, hi = 0.0, HALF_MERIDIAN_KM
    assert draws.min() >= lo and draws.max() <= hi
    truth = stats.truncnorm((lo - mean) / sigma, (hi - mean) / sigma, loc=mean, scale=sigma)
    assert stats.kstest(draws, truth.cdf).pvalue > 0.001


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"range_km": Normal(1, 1), "n": 0}, ValidationError, "n must be an integer > 0"),
        ({"n": -5}, ValidationError, "n must be an integer > 0"),
        ({"n": 10.5}, ValidationError, "n must be an integer > 0"),
        ({"range_km": -5}, RangeError, r"range_km must be >= 0 km, got -5"),
        ({"range_km": Uniform(-10, -5)}, RangeError, "no probability on ranges >= 0"),
        ({"range_km": (1, 2, 3)}, ValidationError, r"launchgeo.Uniform\(low, high\)"),
        ({"range_km": "350"}, ValidationError, "must be a number, launchgeo.Normal"),
        ({"bearing_deg": float("nan")}, ValidationError, "bearing_deg must be finite"),
        ({"bearing_deg": True}, ValidationError, "bearing_deg must be a number"),
        ({"engine": "spark"}, ValidationError, "engine must be one of 'numpy', 'dask'"),
        ({"chunk_size": 0}, ValidationError, "chunk_size"),
        ({"seed": -1}, ValidationError, "seed must be None or an integer"),
        ({"site_sigma_km": -1}, ValidationError, "site_sigma_km"),
    ],
)
def test_bad_input(kwargs, error, match):
    base = dict(range_km=300, bearing_deg=90, zones=MeridianZones(0), n=100, seed=1)
    base.update(kwargs)
    with pytest.raises(error, match=match):
        impact_probability(SUNAN, **base)


def test_bad_distributions_and_center():
    with pytest.raises(ValidationError, match=r"Normal sigma must be >= 0, got -1\.0"):
        Normal(300, -1)
    with pytest.raises(ValidationError, match="empty interval"):
        Uniform(300, 300)
    with pytest.raises(ValidationError, match="Uniform high must be finite"):
        Uniform(0, math.inf)
    with pytest.raises(CoordinateError, match="lat must be within"):
        impact_probability((125.0, 95.0), range_km=1, bearing_deg=1, zones=MeridianZones(0))
    with pytest.raises(ValidationError, match="center must be a LaunchSite"):
        impact_probability((1.0, 2.0, 3.0), range_km=1, bearing_deg=1, zones=MeridianZones(0))
    with pytest.raises(UnknownSiteError, match="Atlantis"):
        impact_probability("Atlantis", range_km=1, bearing_deg=1, zones=MeridianZones(0))


def test_classify_must_return_one_label_per_point():
    class Broken:
        def classify(self, lon, lat):
            return np.array(["x"])

    with pytest.raises(ValidationError, match="one label per point"):
        impact_probability(SUNAN, range_km=1, bearing_deg=1, zones=Broken(), n=10)


# --------------------------------------------------------------------------- result object
@pytest.mark.parametrize(
    ("k", "n", "expected"),
    [  # Newcombe (1998), Statistics in Medicine 17:857, Table I, method 3 (Wilson score)
        (81, 263, (0.2553, 0.3662)),
        (15, 148, (0.0624, 0.1605)),
        (0, 20, (0.0, 0.1611)),
        (1, 29, (0.0061, 0.1718)),
    ],
)
def test_wilson_interval_reference_values(k, n, expected):
    low, high = wilson_interval(k, n)
    assert (round(low, 4), round(high, 4)) == expected


def test_wilson_interval_ends_are_exact():
    assert wilson_interval(0, 10)[0] == 0.0 and wilson_interval(10, 10)[1] == 1.0


def test_result_is_frozen_and_summarizes():
    r = _run(n=10_000)
    with pytest.raises(AttributeError):
        r.n = 5  # type: ignore[misc]
    with pytest.raises(TypeError):
        r.probabilities["east"] = 1.0  # type: ignore[index]
    text = r.summary()
    assert "10,000 samples (seed 11" in text
    for label, p in r.probabilities.items():
        assert f"{p:.4f}" in text and label in text
    p, (_, high) = r.probability_of(["east", "west"])
    assert p == 1.0 and high == 1.0


def test_count_labels_finds_rare_labels_beyond_the_prefix():
    labels = np.array(["a"] * 10_000 + ["rare"] + ["b"] * 3)
    assert count_labels(labels) == {"a": 10_000, "rare": 1, "b": 3}


def test_table_only_when_it_pays_and_never_because_of_the_cache():
    """Regression: n = 100,000 over the whole Earth rebuilt a 637x354 table on every call.

    The choice between the table and exact pyproj depends on n and the domain only: a table
    already in the cache is not used for a run too small to have paid for building it.
    """
    whole = ((0.0, 360.0), (0.0, 20_003.0))
    for n in (99_999, 100_000, 1_000_000):  # build cost ~225,000 cells x 20 evaluations
        assert choose_table(*SUNAN, *whole, n, 1.0) is None
    domain = ((0.0, 360.0), (0.0, 1500.0))  # 291 x 23 cells
    big = choose_table(*SUNAN, *domain, 1_000_000, 1.0)
    assert big is not None and big is choose_table(*SUNAN, *domain, 2_000_000, 1.0)
    cells = big.cells[0] * big.cells[1]
    assert choose_table(*SUNAN, *domain, cells * 20, 1.0) is None  # cached, still too small
    assert FastForward.cached(*SUNAN, bearing_deg=(0, 360), range_km=(0, 1500)) is big


class CodedZones(MeridianZones):
    """Stand-in with integer codes (like launchgeo's Zones): codes into code_labels."""

    code_labels = ("west", "east", "east")  # two codes may share a label

    def classify_codes(self, lon, lat):
        return np.where(np.asarray(lon) > self.lon, 2, 0).astype(np.int32)


def test_counts_from_codes_equal_counts_from_labels():
    coded = _run(zones=CodedZones(130.0), return_samples=True, n=5000)
    plain = _run(zones=MeridianZones(130.0), return_samples=True, n=5000)
    assert coded == plain and coded.samples.equals(plain.samples)
    lon = np.array([120.0, 140.0, 135.0])
    codes, names = classify_counts(CodedZones(130.0), lon, lon * 0)
    assert [names[c] for c in codes] == ["west", "east", "east"]


def test_real_zones_codes_match_their_labels():
    zones = launchgeo.load_zones()

    class LabelsOnly:
        def classify(self, lon, lat):
            return zones.classify(lon, lat)

    kw = dict(range_km=Normal(650, 60), bearing_deg=Uniform(60, 150), n=20_000, seed=5)
    fast = impact_probability(SUNAN, zones=zones, return_samples=True, **kw)
    slow = impact_probability(SUNAN, zones=LabelsOnly(), return_samples=True, **kw)
    assert fast == slow and fast.samples.equals(slow.samples)
    assert (fast.samples["label"] == zones.classify(fast.samples["lon"], fast.samples["lat"])).all()
    assert "JPN:eez" in fast.counts


def test_bad_codes_are_rejected():
    class BadCodes(CodedZones):
        def classify_codes(self, lon, lat):
            return np.full(np.shape(lon), 7)

    with pytest.raises(ValidationError, match=r"codes outside 0\.\.2"):
        _run(zones=BadCodes(130.0), n=100)


def test_progress_bar_only_when_asked(capsys):
    _run(n=1000)
    assert capsys.readouterr().err == ""
    _run(n=1000, progress=True)
    assert "impact_probability" in capsys.readouterr().err


# --------------------------------------------------------------------------- reference zones
@pytest.mark.reference
def test_labels_match_the_naive_pipeline_on_marine_regions_polygons(shared_dir: Path):
    """Same samples, same MR polygons: the fast pipeline labels exactly like Geod.fwd + shapely."""
    polygons = {}
    for code in ("jpn", "kor", "prk"):
        doc = json.loads((shared_dir / f"reference/eez/eez_{code}.geojson").read_text())
        polygons[f"{code.upper()}:eez"] = shapely.union_all(
            [shapely.geometry.shape(f["geometry"]) for f in doc["features"]]
        )
    zones = PolygonZones(polygons)
    r = impact_probability(
        SUNAN,
        range_km=Uniform(300, 1000),
        bearing_deg=Uniform(45, 135),
        zones=zones,
        n=100_000,
        seed=13,
        return_samples=True,
    )
    s = r.samples
    lon, lat, _ = WGS84.fwd(
        np.full(r.n, SUNAN[0]),
        np.full(r.n, SUNAN[1]),
        s["bearing_deg"].to_numpy(),
        s["range_km"].to_numpy() * 1e3,
    )
    naive = zones.classify(lon, lat)
    assert (naive == s["label"].to_numpy()).all()
    assert r.probabilities["JPN:eez"] > 0.2 and r.probabilities["PRK:eez"] > 0.1


# --------------------------------------------------------------------------- dask engine
@pytest.fixture(scope="module")
def dask_cluster():
    distributed = pytest.importorskip("distributed")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # dask's own start-up warnings (ports, resources)
        cluster = distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        )
        client = distributed.Client(cluster, set_as_default=False)
    yield client
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        client.close()
        cluster.close()


def test_dask_engine_equals_numpy_engine(dask_cluster):
    kw = dict(
        range_km=Normal(600, 80),
        bearing_deg=Uniform(60, 140),
        zones=MeridianZones(130.0),
        n=2 * RNG_BLOCK + 7,
        seed=21,
        chunk_size=RNG_BLOCK,
        return_samples=True,
    )
    local = impact_probability(SUNAN, **kw)
    remote = impact_probability(SUNAN, engine="dask", client=dask_cluster, **kw)
    assert remote == local
    assert remote.samples.equals(local.samples)
    by_address = impact_probability(
        SUNAN, engine="dask", client=dask_cluster.scheduler.address, **kw
    )
    assert by_address == local


def test_real_zones_same_counts_for_any_chunk_size_and_engine(dask_cluster):
    """The integer-code path (Zones.classify_codes + bincount) on both engines and chunkings."""
    kw = dict(
        range_km=Normal(650, 60),
        bearing_deg=Uniform(60, 150),
        zones=launchgeo.load_zones(),
        n=3 * RNG_BLOCK + 11,
        seed=3,
    )
    local = impact_probability(SUNAN, **kw)
    assert impact_probability(SUNAN, chunk_size=RNG_BLOCK, **kw) == local
    remote = impact_probability(
        SUNAN, engine="dask", client=dask_cluster, chunk_size=RNG_BLOCK, **kw
    )
    assert remote == local and local.error_bound_m > 0  # a table was used
    assert sum(local.counts.values()) == local.n and "JPN:eez" in local.counts


def test_dask_engine_needs_a_client():
    distributed = pytest.importorskip("distributed")
    try:
        distributed.get_client()
    except ValueError:
        with pytest.raises(ValidationError, match=r"needs a dask\.distributed cluster"):
            impact_probability(
                SUNAN, range_km=1, bearing_deg=1, zones=MeridianZones(0), engine="dask"
            )
    else:  # pragma: no cover - a client left over by another test
        pytest.skip("a default dask client exists in this process")
    with pytest.raises(ValidationError, match=r"client must be a distributed\.Client"):
        impact_probability(
            SUNAN, range_km=1, bearing_deg=1, zones=MeridianZones(0), engine="dask", client=42
        )


@pytest.mark.slow
def test_ten_million_samples_on_a_local_cluster(dask_cluster):
    """10^7 samples on 2 worker processes agree with one process (and within MC error)."""
    kw = dict(
        range_km=Normal(900, 150),
        bearing_deg=Normal(95, 20),
        zones=MeridianZones(134.0),
        n=10_000_000,
        seed=7,
        chunk_size=16 * RNG_BLOCK,
    )
    remote = impact_probability(SUNAN, engine="dask", client=dask_cluster, **kw)
    local = impact_probability(SUNAN, **kw)
    assert remote.n == 10_000_000
    p_local, p_remote = local.probabilities["east"], remote.probabilities["east"]
    assert abs(p_remote - p_local) <= 4 * math.sqrt(p_local * (1 - p_local) / remote.n)
    assert remote == local  # identical, as the random streams do not depend on the engine
