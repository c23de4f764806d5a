"""The data build of launchgeo's embedded world maritime zones and map land (developer-only).

Run by developers, never at install or import time (about 4-5 minutes on 2 shared cores)::

    make data           # build into src/launchgeo/zones/data/ with the pinned toolchain
    make data-check     # rebuild in a temp dir, compare sha256 with the shipped files

Inputs, all pinned: Natural Earth 4.1.0 admin-0 (10m, 50m, 110m) as TopoJSON in the npm package
``world-atlas`` (sha256 in ``sources``), fetched with ``npm pack`` into ``<repo>/cache/``; the
cited tables in ``data/`` (island basepoints, GSHHG islands, agreed boundaries).

Steps, one module each, run in this order by :func:`zonebuild.build.build`: ``sources`` (pinned
inputs and checksums), ``claims`` (territories, sovereigns, disputed features, special regimes),
``basepoints`` (coastline sites), ``equidistance`` (Voronoi cells on the conformal sphere, across
±180 and the poles; distance limits), ``boundaries`` (agreed lines replacing medians),
``partition`` (all boundary lines noded onto the output grid at once and polygonized into an
exact coverage), ``slivers`` (tiny sea polygons merged into a neighbour) and ``write``
(deterministic files). Method and measured accuracy:
``src/launchgeo/zones/data/ZONES_PROVENANCE.md``.
"""
