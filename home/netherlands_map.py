"""The map of the Netherlands: CBS/PDOK 2026 boundaries projected to SVG path data, and neighbours.

The TopoJSON files in `home/data/` are read and projected once per process (`geometry()` is cached);
a request only picks the shading for each municipality.
"""

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
MUNICIPALITY_FILE = DATA_DIR / "gemeente_2026.topojson"
PROVINCE_FILE = DATA_DIR / "provincie_2026.topojson"

# One SVG unit is 0.0025 degrees of latitude (about 280 m): integer coordinates stay small and
# are still finer than the boundaries' own 0.001° quantisation allows on a phone-sized map.
UNIT_DEGREES = 0.0025
# The Netherlands lies around 52.2° N; scaling longitude by cos(52.2°) keeps the shapes familiar.
LONGITUDE_SCALE = math.cos(math.radians(52.2))
MARGIN = 4

# Shading steps: (lowest count in the step, CSS level). The legend and the table repeat them.
LEVELS = ((1, 1), (2, 2), (3, 3), (5, 4))


@dataclass(frozen=True)
class MapGeometry:
    width: int
    height: int
    areas: dict  # CBS code -> SVG path data
    names: dict  # CBS code -> name as CBS writes it
    provinces: str  # one path with every province outline
    neighbours: dict  # CBS code -> frozenset of CBS codes sharing a border
    bounds: dict  # CBS code -> (min x, min y, max x, max y) in SVG units


def _decode(topology):
    """Absolute quantised coordinates of every arc (TopoJSON stores deltas)."""
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x, y))
        arcs.append(points)
    return arcs


def _projector(topology, origin):
    (scale_x, scale_y), (translate_x, translate_y) = (
        topology["transform"]["scale"],
        topology["transform"]["translate"],
    )
    west, north = origin

    def project(point):
        longitude = translate_x + point[0] * scale_x
        latitude = translate_y + point[1] * scale_y
        return (
            round((longitude - west) * LONGITUDE_SCALE / UNIT_DEGREES) + MARGIN,
            round((north - latitude) / UNIT_DEGREES) + MARGIN,
        )

    return project


def _rings(geometry):
    if geometry["type"] == "Polygon":
        return list(geometry["arcs"])
    if geometry["type"] == "MultiPolygon":
        return [ring for polygon in geometry["arcs"] for ring in polygon]
    return []


def _ring_points(ring, arcs):
    points = []
    for index in ring:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc if not points else arc[1:])
    return points


def _ring_bounds(rings, arcs, project):
    xs, ys = [], []
    for ring in rings:
        for point in _ring_points(ring, arcs):
            x, y = project(point)
            xs.append(x)
            ys.append(y)
    return (min(xs), min(ys), max(xs), max(ys)) if xs else (0, 0, 0, 0)


def _path_data(rings, arcs, project):
    """Compact SVG path data: an absolute move, then relative lines, one subpath per ring."""
    parts = []
    for ring in rings:
        projected = []
        for point in _ring_points(ring, arcs):
            xy = project(point)
            if not projected or projected[-1] != xy:
                projected.append(xy)
        if len(projected) < 3:
            continue
        (x0, y0), rest = projected[0], projected[1:]
        segment = [f"M{x0} {y0}l"]
        previous = (x0, y0)
        steps = []
        for x, y in rest:
            steps.append(f"{x - previous[0]} {y - previous[1]}")
            previous = (x, y)
        segment.append(" ".join(steps).replace(" -", "-"))
        segment.append("z")
        parts.append("".join(segment))
    return "".join(parts)


def _bounds(topology):
    (scale_x, scale_y), (translate_x, translate_y) = (
        topology["transform"]["scale"],
        topology["transform"]["translate"],
    )
    xs, ys = [], []
    for arc in _decode(topology):
        for x, y in arc:
            xs.append(x)
            ys.append(y)
    return (
        translate_x + min(xs) * scale_x,
        translate_x + max(xs) * scale_x,
        translate_y + min(ys) * scale_y,
        translate_y + max(ys) * scale_y,
    )


@cache
def geometry():
    """Project the boundaries once; later calls return the same object."""
    with MUNICIPALITY_FILE.open(encoding="utf-8") as handle:
        municipalities = json.load(handle)
    with PROVINCE_FILE.open(encoding="utf-8") as handle:
        provinces = json.load(handle)

    west, east, south, north = _bounds(municipalities)
    project = _projector(municipalities, (west, north))
    width = round((east - west) * LONGITUDE_SCALE / UNIT_DEGREES) + 2 * MARGIN
    height = round((north - south) / UNIT_DEGREES) + 2 * MARGIN

    arcs = _decode(municipalities)
    areas, names, bounds, arc_owners = {}, {}, {}, {}
    for item in municipalities["objects"]["gemeente_2026"]["geometries"]:
        code = item["properties"]["statcode"]
        rings = _rings(item)
        areas[code] = _path_data(rings, arcs, project)
        bounds[code] = _ring_bounds(rings, arcs, project)
        names[code] = item["properties"]["statnaam"]
        for ring in rings:
            for index in ring:
                arc_owners.setdefault(index if index >= 0 else ~index, set()).add(code)

    # Two municipalities are neighbours when their outlines share an arc: TopoJSON stores a
    # common border once, so shared arcs are exactly the land borders between them.
    neighbours = {code: set() for code in areas}
    for owners in arc_owners.values():
        for code in owners:
            neighbours[code] |= owners - {code}

    province_arcs = _decode(provinces)
    province_project = _projector(provinces, (west, north))
    province_rings = [
        ring
        for item in provinces["objects"]["provincie_2026"]["geometries"]
        for ring in _rings(item)
    ]
    return MapGeometry(
        width=width,
        height=height,
        areas=areas,
        names=names,
        provinces=_path_data(province_rings, province_arcs, province_project),
        neighbours={code: frozenset(found) for code, found in neighbours.items()},
        bounds=bounds,
    )


def neighbour_codes(cbs_code):
    """CBS codes of the municipalities that share a border with this one (2026 boundaries)."""
    return geometry().neighbours.get(cbs_code, frozenset())


def level_for(count):
    """The shading step for a number of cases (0 for none)."""
    level = 0
    for lowest, step in LEVELS:
        if count >= lowest:
            level = step
    return level


def legend():
    """The shading steps as (level, lowest, highest or None) for the legend."""
    steps = []
    for position, (lowest, level) in enumerate(LEVELS):
        following = LEVELS[position + 1][0] if position + 1 < len(LEVELS) else None
        steps.append((level, lowest, following - 1 if following else None))
    return steps


@dataclass(frozen=True)
class MapArea:
    cbs_code: str
    name: str
    count: int
    level: int
    url: str
    path: str


@dataclass(frozen=True)
class ShadedMap:
    width: int
    height: int
    areas: list  # MapArea for each municipality with cases, most cases last (drawn on top)
    background: str  # one path for every municipality without cases
    provinces: str
    legend: list
    viewbox: str = ""  # the part of the map to show; the whole country when empty

    @property
    def frame(self):
        return self.viewbox or f"0 0 {self.width} {self.height}"


def frame_around(cbs_codes):
    """An SVG viewBox around these municipalities (a province), or "" when none is on the map."""
    shapes = geometry()
    boxes = [shapes.bounds[code] for code in cbs_codes if code in shapes.bounds]
    if not boxes:
        return ""
    left = min(box[0] for box in boxes) - MARGIN
    top = min(box[1] for box in boxes) - MARGIN
    width = max(box[2] for box in boxes) + MARGIN - left
    height = max(box[3] for box in boxes) + MARGIN - top
    return f"{left} {top} {width} {height}"


def shaded_map(entries, viewbox=""):
    """The map for `entries`: {CBS code: (name, count, url)} of municipalities with cases."""
    shapes = geometry()
    areas = []
    background = []
    for code, path in shapes.areas.items():
        entry = entries.get(code)
        if entry and entry[1] > 0:
            name, count, url = entry
            areas.append(MapArea(code, name, count, level_for(count), url, path))
        else:
            background.append(path)
    areas.sort(key=lambda area: (area.count, area.name))
    return ShadedMap(
        width=shapes.width,
        height=shapes.height,
        areas=areas,
        background="".join(background),
        provinces=shapes.provinces,
        legend=legend(),
        viewbox=viewbox,
    )


@dataclass(frozen=True)
class NeighbourhoodMap:
    viewbox: str
    area: str  # the municipality itself
    neighbours: str  # one path for the municipalities around it


def neighbourhood_map(cbs_code):
    """A small map of one municipality and its neighbours, framed around them; None if unknown."""
    shapes = geometry()
    if cbs_code not in shapes.areas:
        return None
    around = sorted(shapes.neighbours[cbs_code])
    boxes = [shapes.bounds[code] for code in [cbs_code, *around]]
    left = min(box[0] for box in boxes) - MARGIN
    top = min(box[1] for box in boxes) - MARGIN
    width = max(box[2] for box in boxes) + MARGIN - left
    height = max(box[3] for box in boxes) + MARGIN - top
    return NeighbourhoodMap(
        viewbox=f"{left} {top} {width} {height}",
        area=shapes.areas[cbs_code],
        neighbours="".join(shapes.areas[code] for code in around),
    )
