"""Probability: input distributions, the Monte Carlo engine (numpy and dask), impact probabilities.

Lives here: ``impact_probability``, ``Normal``/``Uniform``, chunked sampling and label counting.
May import: ``launchgeo.geodesy``, ``launchgeo.zones`` and the lowest layers; not its peers.
"""

from launchgeo.probability.distributions import Normal, Uniform
from launchgeo.probability.uncertainty import (
    ImpactProbability,
    impact_probability,
    impact_probability_from_statement,
)

__all__ = [
    "ImpactProbability",
    "Normal",
    "Uniform",
    "impact_probability",
    "impact_probability_from_statement",
]
