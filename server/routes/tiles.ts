import { Router } from 'express';
import { badRequest } from '../http/errors';
import { ifNoneMatch } from '../http/etag';
import { baseUrl, onlyParams } from '../http/params';
import type { TerrainTiles } from '../services/terrainTiles';

/** Browsers and MapLibre may keep tiles for a day. */
const TILE_CACHE_CONTROL = 'public, max-age=86400';

/**
 * Terrain-RGB tile routes: /tiles/terrain/{z}/{x}/{y}.png and /tiles/terrain.json (TileJSON).
 * Tiles carry a strong ETag; a matching If-None-Match answers 304.
 */
export function tileRoutes(tiles: TerrainTiles, name: string, publicUrl: string | null): Router {
  const router = Router();

  router.get('/tiles/terrain.json', (req, res) => {
    onlyParams(req, []);
    res.json(tiles.tileJson(baseUrl(req, publicUrl), name));
  });

  router.get('/tiles/terrain/:z/:x/:y.png', (req, res) => {
    onlyParams(req, []);
    const { z, x, y } = parseTile(req.params.z, req.params.x, req.params.y, tiles.maxZoom);
    const { png, etag } = tiles.tile(z, x, y);
    res.set('Cache-Control', TILE_CACHE_CONTROL);
    res.set('ETag', etag);
    if (ifNoneMatch(req.get('if-none-match'), etag)) {
      res.status(304).end();
      return;
    }
    res.type('image/png').send(png);
  });

  return router;
}

/**
 * Validate tile coordinates from the path: 400 naming the coordinate at fault.
 *
 * @example
 * parseTile('10', '814', '450', 14) // { z: 10, x: 814, y: 450 }
 */
export function parseTile(zText: string, xText: string, yText: string, maxZoom: number): { z: number; x: number; y: number } {
  const int = (name: string, text: string): number => {
    if (!/^\d+$/.test(text)) throw badRequest(`${name}: expected a non-negative integer, got "${text}"`);
    return Number(text);
  };
  const z = int('z', zText);
  const x = int('x', xText);
  const y = int('y', yText);
  if (z > maxZoom) throw badRequest(`z: expected a zoom level 0–${maxZoom}, got ${z}`);
  const n = 2 ** z;
  if (x >= n) throw badRequest(`x: expected 0–${n - 1} at zoom ${z}, got ${x}`);
  if (y >= n) throw badRequest(`y: expected 0–${n - 1} at zoom ${z}, got ${y}`);
  return { z, x, y };
}
