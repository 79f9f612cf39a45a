import { ChangeDetectionStrategy, Component, computed, effect, input, signal } from '@angular/core';
import { geoArea, geoMercator, geoNaturalEarth1, geoPath, type GeoProjection } from 'd3-geo';
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Polygon } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { drawable, mapFrame, numericId, shadeClass, symbolRadius, type MapCell } from './map-model';

/** What the map draws: countries of residence (proportional symbols) or Iraq's governorates (shades). */
export type MapKind = 'countries' | 'governorates';

type Shape = Feature<Geometry | null, { code?: string; name?: string }>;

const WIDTH = 640;
const HEIGHT = 440;
const PAD = 8;

/** The boundaries, each downloaded once and only when a map needs it (never in the first download). */
let countries: Promise<Shape[]> | null = null;
let governorates: Promise<Shape[]> | null = null;

function loadCountries(): Promise<Shape[]> {
  countries ??= import('world-atlas/countries-110m.json').then((module) => {
    const topology = (module.default ?? module) as unknown as Topology<{ countries: GeometryCollection<{ name: string }> }>;
    return (feature(topology, topology.objects.countries) as FeatureCollection<Geometry | null, { name: string }>).features;
  });
  return countries;
}

function loadGovernorates(): Promise<Shape[]> {
  governorates ??= import('../../../../assets/geo/iraq-governorates.json').then(
    (module) => ((module.default ?? module) as unknown as FeatureCollection<Geometry, { code: string }>).features,
  );
  return governorates;
}

/** The largest polygon of a country (France without French Guiana, Norway without Svalbard), for its symbol's place. */
function mainland(shape: Shape): Feature<Polygon | MultiPolygon | null> {
  const geometry = shape.geometry;
  if (!geometry || geometry.type !== 'MultiPolygon') return shape as Feature<Polygon | null>;
  let best: Polygon = { type: 'Polygon', coordinates: geometry.coordinates[0] };
  for (const coordinates of geometry.coordinates) {
    const candidate: Polygon = { type: 'Polygon', coordinates };
    if (geoArea(candidate) > geoArea(best)) best = candidate;
  }
  return { type: 'Feature', properties: {}, geometry: best };
}

interface Drawn {
  id: string;
  d: string;
  shade: number;
  title: string | null;
}
interface SymbolMark {
  code: string;
  x: number;
  y: number;
  r: number;
  title: string;
}

/**
 * A map of the directory's aggregate counts: countries of residence as proportional circles, or Iraq's
 * governorates shaded by count. Draws only what may be published (a group under 5 is never a number here, whatever
 * arrives) and is an image for assistive technology: the page shows the same numbers in a table beside it. The
 * boundaries (Natural Earth, public domain; world-atlas) are imported lazily.
 */
@Component({
  selector: 'mz-directory-map',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <svg
      [attr.viewBox]="'0 0 ' + width + ' ' + height"
      role="img"
      [attr.aria-label]="label()"
      [attr.data-testid]="testId()"
      [attr.data-ready]="shapes() ? 'true' : 'false'"
      [attr.data-drawn]="drawnCodes()"
      preserveAspectRatio="xMidYMid meet"
    >
      <g class="land">
        @for (p of paths(); track p.id) {
          <path [attr.d]="p.d" [attr.class]="'shade-' + p.shade">
            @if (p.title) {
              <title>{{ p.title }}</title>
            }
          </path>
        }
      </g>
      <g class="symbols">
        @for (s of symbols(); track s.code) {
          <circle [attr.cx]="s.x" [attr.cy]="s.y" [attr.r]="s.r" [attr.data-code]="s.code">
            <title>{{ s.title }}</title>
          </circle>
        }
      </g>
    </svg>
  `,
  styles: `
    :host {
      display: block;
      max-width: 100%;
    }
    svg {
      display: block;
      width: 100%;
      height: auto;
      background: var(--mat-sys-surface-container-low);
      border-radius: 8px;
    }
    path {
      stroke: var(--mat-sys-outline);
      stroke-width: 0.5;
      fill: var(--mat-sys-surface-container-high);
    }
    path.shade-1 {
      fill: color-mix(in srgb, var(--mat-sys-primary) 20%, var(--mat-sys-surface));
    }
    path.shade-2 {
      fill: color-mix(in srgb, var(--mat-sys-primary) 38%, var(--mat-sys-surface));
    }
    path.shade-3 {
      fill: color-mix(in srgb, var(--mat-sys-primary) 56%, var(--mat-sys-surface));
    }
    path.shade-4 {
      fill: color-mix(in srgb, var(--mat-sys-primary) 74%, var(--mat-sys-surface));
    }
    path.shade-5 {
      fill: var(--mat-sys-primary);
    }
    circle {
      fill: color-mix(in srgb, var(--mat-sys-tertiary) 60%, transparent);
      stroke: var(--mat-sys-on-tertiary-container);
      stroke-width: 1;
    }
  `,
})
export class DirectoryMapComponent {
  readonly kind = input.required<MapKind>();
  readonly cells = input.required<readonly MapCell[]>();
  /** The map's name for assistive technology (already translated), e.g. "Map: where experts live; the table below has the numbers". */
  readonly label = input.required<string>();
  /** A place's name and count as a tooltip (already translated). */
  readonly describe = input<(code: string, count: number) => string>((code, count) => `${code}: ${count}`);
  readonly testId = input('directory-map');

  protected readonly width = WIDTH;
  protected readonly height = HEIGHT;
  protected readonly shapes = signal<{ kind: MapKind; shapes: Shape[] } | null>(null);

  private readonly counts = computed(() => drawable(this.cells()));
  protected readonly drawnCodes = computed(() => this.counts().map((c) => c.code).join(' '));

  constructor() {
    effect(() => {
      const kind = this.kind();
      void (kind === 'countries' ? loadCountries() : loadGovernorates()).then((shapes) => {
        if (this.kind() === kind) this.shapes.set({ kind, shapes });
      });
    });
  }

  private readonly projection = computed<{ projection: GeoProjection; shapes: Shape[] } | null>(() => {
    const loaded = this.shapes();
    if (!loaded || loaded.kind !== this.kind()) return null;
    const extent: [[number, number], [number, number]] = [
      [PAD, PAD],
      [WIDTH - PAD, HEIGHT - PAD],
    ];
    if (loaded.kind === 'governorates') {
      return { projection: geoMercator().fitExtent(extent, { type: 'FeatureCollection', features: loaded.shapes }), shapes: loaded.shapes };
    }
    if (mapFrame(this.counts().map((c) => c.code)) === 'world') {
      return { projection: geoNaturalEarth1().fitExtent(extent, { type: 'Sphere' }), shapes: loaded.shapes };
    }
    // Europe and the Middle East: from Ireland to Iran, from the Gulf to the North Cape.
    const frame = { type: 'MultiPoint' as const, coordinates: [[-11, 24], [60, 24], [-11, 70], [60, 70]] };
    return { projection: geoMercator().fitExtent(extent, frame), shapes: loaded.shapes };
  });

  protected readonly paths = computed<Drawn[]>(() => {
    const ready = this.projection();
    if (!ready) return [];
    const path = geoPath(ready.projection);
    const byCode = new Map(this.counts().map((c) => [c.code.toUpperCase(), c.count]));
    const max = Math.max(0, ...byCode.values());
    const governorates = this.kind() === 'governorates';
    return ready.shapes.map((shape, index) => {
      const code = governorates ? String(shape.properties?.code ?? shape.id ?? '') : String(shape.id ?? index);
      const count = governorates ? (byCode.get(code) ?? null) : null;
      return {
        id: `${code}-${index}`,
        d: path(shape as Feature) ?? '',
        shade: governorates ? shadeClass(count, max) : 0,
        title: governorates && count !== null ? this.describe()(code, count) : null,
      };
    });
  });

  protected readonly symbols = computed<SymbolMark[]>(() => {
    const ready = this.projection();
    if (!ready || this.kind() !== 'countries') return [];
    const path = geoPath(ready.projection);
    const byNumeric = new Map(ready.shapes.map((shape) => [String(shape.id), shape]));
    const counts = this.counts();
    const max = counts[0]?.count ?? 0;
    const marks: SymbolMark[] = [];
    for (const cell of counts) {
      const id = numericId(cell.code);
      const shape = id ? byNumeric.get(id) : undefined;
      if (!shape) continue;
      const [x, y] = path.centroid(mainland(shape) as Feature);
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
      marks.push({ code: cell.code, x, y, r: symbolRadius(cell.count, max), title: this.describe()(cell.code, cell.count) });
    }
    return marks;
  });
}
