import type { CoverageSite } from '../../server/coverage';
import { roughDem } from '../core/coverage/synthDem';

/** A small seeded 3″ DEM (about 5.5 km square) and four sites on it. */
export function smallProvince(): { dem: ReturnType<typeof roughDem>; sites: CoverageSite[] } {
  const cell = 3 / 3600;
  const dem = roughDem(201, 201, cell, 5);
  const at = (c: number, r: number) => ({ lon: 106 + (c + 0.5) * cell, lat: 23 - (r + 0.5) * cell });
  const base = { name: 'x', status: 'existing' as const, power: 'grid' as const, backhaul: 'fiber' as const, antennaHeightM: 30 };
  const sites: CoverageSite[] = [
    { ...base, id: 's1', operator: 'A', ...at(60, 60), cells: [{ tech: '4G', freqMHz: 1800, eirpDbm: 60, azimuthDeg: 90 }, { tech: '2G', freqMHz: 900, eirpDbm: 55 }] },
    { ...base, id: 's2', operator: 'B', ...at(75, 62), cells: [{ tech: '4G', freqMHz: 1800, eirpDbm: 60 }] },
    { ...base, id: 's3', operator: 'A', ...at(100, 150), cells: [{ tech: '3G', freqMHz: 2100, eirpDbm: 58, azimuthDeg: 200, downtiltDeg: 4 }] },
    { ...base, id: 's4', operator: 'B', ...at(40, 170), antennaHeightM: 20, cells: [{ tech: '2G', freqMHz: 900, eirpDbm: 55 }, { tech: '4G', freqMHz: 900, eirpDbm: 57 }] },
  ];
  return { dem, sites };
}

/** Options that keep the runs small. */
export const SMALL = { radiusM: 3000 };
