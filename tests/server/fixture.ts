/**
 * A small in-memory dataset and a server over it, for API tests over real HTTP.
 * Sites lie on a 0.05° lattice over 106.0–106.5 E, 22.5–22.85 N (so a box around Cao Bằng city
 * holds a known subset); the DEM is a synthetic 0.01° grid 106.0–106.6 E, 22.4–22.9 N whose
 * elevation is 200 m + 1000 m·(lon − 106) + 500 m·(lat − 22.4).
 */
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../server/app';
import { appServices, type AppDeps } from '../../server/appServices';
import { COLLECTION_DEFS } from '../../server/data/collections';
import { createMemoryRepository } from '../../server/data/memoryRepository';
import { importMediaTypes } from '../../core/formats/mediaTypes';
import type { CommuneFeature, DemGrid, PowerLineFeature, SiteFeature, Tech, VillageFeature } from '../../core/model/types';

export function fixtureSites(): SiteFeature[] {
  const sites: SiteFeature[] = [];
  const operators = ['Viettel', 'VNPT/Vinaphone', 'MobiFone'];
  let n = 0;
  for (let i = 0; i <= 10; i++) {
    for (let j = 0; j <= 7; j++) {
      const techs: Tech[] = n % 10 === 0 ? ['4G', '5G'] : n % 3 === 0 ? ['2G'] : ['2G', '4G'];
      sites.push({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [106 + i * 0.05, 22.5 + j * 0.05] },
        properties: {
          id: `S${String(n).padStart(3, '0')}`,
          name: `Site ${n}`,
          operator: operators[n % 3],
          antennaHeightM: 30,
          status: 'existing',
          power: 'grid',
          backhaul: 'fiber',
          cells: techs.map((tech) => ({ tech, freqMHz: tech === '5G' ? 3500 : 1800, eirpDbm: 60 })),
        },
      });
      n++;
    }
  }
  return sites; // 88 sites
}

export function fixtureVillages(): VillageFeature[] {
  const out: VillageFeature[] = [];
  for (let k = 0; k < 30; k++) {
    out.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [106.01 + (k % 6) * 0.08, 22.52 + Math.floor(k / 6) * 0.07] },
      properties: { id: `V${k}`, name: `Bản ${k}`, communeId: k < 15 ? '01' : '02', population: 100 + k, households: 25, electrified: k % 5 !== 0, fixedBroadband: null },
    });
  }
  return out; // 30 villages, 6 not electrified, 15 in commune 01
}

export function fixtureCommunes(): CommuneFeature[] {
  const square = (w: number, s: number, e: number, n: number): [number, number][][] => [[[w, s], [e, s], [e, n], [w, n], [w, s]]];
  return [
    { type: 'Feature', geometry: { type: 'Polygon', coordinates: square(106.0, 22.5, 106.25, 22.9) }, properties: { id: '01', name: 'Xã Một', kind: 'xã', population: 1000, households: 250, areaKm2: 100 } },
    { type: 'Feature', geometry: { type: 'MultiPolygon', coordinates: [square(106.25, 22.5, 106.6, 22.9)] }, properties: { id: '02', name: 'Phường Hai', kind: 'phường', population: 2000, households: 500, areaKm2: 90 } },
  ];
}

export function fixturePowerLines(): PowerLineFeature[] {
  return [{ type: 'Feature', geometry: { type: 'LineString', coordinates: [[106.0, 22.5], [106.5, 22.85]] }, properties: { id: 'L1', voltageKv: 35 } }];
}

export const DEM_CELL_DEG = 0.01;
export function fixtureDem(): DemGrid {
  const width = 60;
  const height = 50;
  const data = new Float32Array(width * height);
  for (let row = 0; row < height; row++) {
    for (let col = 0; col < width; col++) {
      const lon = 106 + (col + 0.5) * DEM_CELL_DEG;
      const lat = 22.9 - (row + 0.5) * DEM_CELL_DEG;
      data[row * width + col] = 200 + 1000 * (lon - 106) + 500 * (lat - 22.4);
    }
  }
  return { width, height, data, transform: [106, DEM_CELL_DEG, 0, 22.9, 0, -DEM_CELL_DEG] };
}

export function fixtureDeps(overrides: Partial<AppDeps> = {}): AppDeps {
  const byId = { sites: fixtureSites(), villages: fixtureVillages(), communes: fixtureCommunes(), 'power-lines': fixturePowerLines() } as Record<string, GeoJSON.Feature[]>;
  return {
    config: { clientDir: 'tests/fixtures/no-such-client-dir', publicUrl: null, log: false },
    name: 'Fixture',
    repository: createMemoryRepository(COLLECTION_DEFS.filter((def) => byId[def.id]).map((def) => ({ def, features: byId[def.id] }))),
    dem: fixtureDem(),
    ...overrides,
  };
}

export interface TestServer {
  url: string;
  close(): Promise<void>;
}

/** Start the app over the parts' services on a random loopback port. */
export async function listen(deps: AppDeps): Promise<TestServer> {
  const server = createApp(appServices(deps)).listen(0, '127.0.0.1');
  await new Promise<void>((r, j) => {
    server.once('listening', r);
    server.once('error', j);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}

/** GET a URL and parse its JSON body, returning status, content type and body. */
export async function getJson(url: string, headers: Record<string, string> = {}): Promise<{ status: number; type: string; body: any }> {
  const res = await fetch(url, { headers });
  const text = await res.text();
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: text ? JSON.parse(text) : null };
}

/** The Content-Type an import of `path`'s ?format= is sent with (its format's first media type). */
export function importType(path: string): string {
  return importMediaTypes(new URL(path, 'http://localhost').searchParams.get('format') ?? '')[0] ?? 'application/octet-stream';
}

/** A raw HTTP/1.1 request with any Host header and path (fetch would set or normalise both). */
export function rawRequest(url: string, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ host: u.hostname, port: u.port, path, method, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}
