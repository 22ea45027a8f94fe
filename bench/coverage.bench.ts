/**
 * Per-site coverage speed on a seeded synthetic rough DEM: ITM at 1″ (3601×3601) and 3″
 * (1201×1201), 20 km radius; P.526 and the viewshed at 3″. Run by hand: npx tsx bench/coverage.bench.ts
 */
import { pathLossGrid, viewshed } from '../core/coverage';
import { roughDem } from '../tests/core/coverage/synthDem';

function time(label: string, f: () => unknown): void {
  const t0 = performance.now();
  f();
  console.log(`${label}: ${((performance.now() - t0) / 1000).toFixed(3)} s`);
}

const which = process.argv[2] ?? 'all';
for (const [arcsec, size] of [[3, 1201], [1, 3601]] as const) {
  if (which !== 'all' && which !== `${arcsec}`) continue;
  const cell = arcsec / 3600;
  const dem = roughDem(size, size, cell, 11, 106, 23);
  const tx = { lon: 106 + 0.5, lat: 22.5, heightAglM: 30 };
  pathLossGrid(dem, tx, 900, { radiusM: 3000 }); // warm-up
  time(`${arcsec}″ ${size}×${size} ITM 20 km`, () => pathLossGrid(dem, tx, 900, { radiusM: 20000 }));
  time(`${arcsec}″ ${size}×${size} ITM 20 km (again)`, () => pathLossGrid(dem, tx, 900, { radiusM: 20000 }));
  time(`${arcsec}″ viewshed 20 km`, () => viewshed(dem, tx, { radiusM: 20000 }));
  if (arcsec === 3) time(`${arcsec}″ P.526 20 km`, () => pathLossGrid(dem, tx, 900, { radiusM: 20000, modelId: 'p526' }));
}
