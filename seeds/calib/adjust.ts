/**
 * The search of the demo calibration: moves sites (never protected ones) until exactly `target`
 * villages are left without signal, the `mustUncover` ones among them. Pure and deterministic:
 * where a site may go (`propose`) and what it covers there (`cover`) are injected, so the search
 * runs on a toy world in tests and on the server's coverage pipeline in the seed.
 *
 * One step un-covers one village v: every site covering it moves. Before anything is computed
 * the step counts the villages that lose their only covers with it (v included): when they would
 * take the count past the target, v is skipped. Each moving site then tries its proposals in
 * order and takes the first whose coverage touches no village that must stay without signal.
 * Villages are taken in order: `mustUncover` first, then the hardest to reach of those with
 * signal — fewest covering sites, then farthest (`remotenessM`), then id.
 */

export interface AdjustInput {
  /** Village ids (the final tie-break). */
  villageIds: readonly string[];
  /** How hard each village is to reach, e.g. metres to the nearest road or town (larger first). */
  remotenessM: ArrayLike<number>;
  /** Villages that must end up without signal (the unelectrified ones), taken first, in this order. */
  mustUncover: readonly number[];
  /** Per site, the villages (indices) it covers where it stands now. */
  covers: readonly (readonly number[])[];
  /** Site ids (for messages). */
  siteIds: readonly string[];
  /** Sites that never move (the 5G ones). */
  protectedSites: ReadonlySet<number>;
  /** Villages without signal wanted at the end. */
  target: number;
}

/** Where a site may go and what it would cover there; `P` is the caller's description of a place. */
export interface AdjustDeps<P> {
  /**
   * The `attempt`-th proposed new place of `site` (0, 1, …), or null when it has no more. `pending`
   * holds the places already chosen in this step for other sites (they count for spacing).
   */
  propose(site: number, attempt: number, pending: ReadonlyMap<number, P>): P | null;
  /** The villages `site` would cover at `place`. */
  cover(site: number, place: P): Promise<readonly number[]>;
  /** The site now stands at `place` (called once per move, when its step is committed). */
  commit(site: number, place: P): void;
}

export interface AdjustOptions {
  /** Proposals tried per moving site before its village is given up. Default 10. */
  attemptsPerSite?: number;
  /** Villages covered by more sites than this are not un-covered (too many moves for one village). Default 4. */
  maxSitesPerVillage?: number;
  /** Proposals whose coverage is computed at the same time (decided in order, so the result does not depend on it). Default 2. */
  parallel?: number;
  /** Progress lines. */
  log?: (line: string) => void;
}

export interface AdjustMove<P> {
  site: number;
  place: P;
  /** The village whose un-covering moved the site. */
  village: number;
}

export interface AdjustResult<P> {
  moves: AdjustMove<P>[];
  /** Villages without signal at the end, ascending. */
  uncovered: number[];
  /** Villages without signal before any move. */
  initiallyUncovered: number;
  /** Coverage computations of proposed places. */
  evaluated: number;
  /** Per site, the villages it covers at the end. */
  covers: number[][];
}

/**
 * Moves sites until exactly `input.target` villages have no signal; throws (without a partial
 * result) when that cannot be reached.
 *
 * @example
 * const r = await adjustLayout({ villageIds, remotenessM, mustUncover: [3], covers, siteIds, protectedSites: new Set([0]), target: 5 },
 *   { propose: (s, k) => spots[k] ?? null, cover: async (s, p) => villagesNear(p), commit: (s, p) => { at[s] = p; } });
 * r.uncovered.length // 5
 */
export async function adjustLayout<P>(input: AdjustInput, deps: AdjustDeps<P>, options: AdjustOptions = {}): Promise<AdjustResult<P>> {
  const { villageIds, remotenessM, mustUncover, siteIds, protectedSites, target } = input;
  const attempts = options.attemptsPerSite ?? 10;
  const maxSites = options.maxSitesPerVillage ?? 4;
  const parallel = Math.max(1, options.parallel ?? 2);
  const log = options.log ?? (() => {});
  const nV = villageIds.length;
  if (!Number.isInteger(target) || target < 0 || target > nV) {
    throw new Error(`calibrate: the target must be a whole number of villages from 0 to ${nV}, got ${target}`);
  }

  // who covers whom, kept up to date as sites move
  const covers = input.covers.map((c) => [...c]);
  const coveredBy: number[][] = Array.from({ length: nV }, () => []);
  covers.forEach((list, s) => { for (const v of list) coveredBy[v].push(s); });
  const dark = new Uint8Array(nV); // without signal, and must stay so
  let nDark = 0;
  for (let v = 0; v < nV; v++) if (coveredBy[v].length === 0) { dark[v] = 1; nDark++; }
  const initiallyUncovered = nDark;
  const needed = new Set(mustUncover.filter((v) => !dark[v]));
  if (nDark + needed.size > target) {
    throw new Error(`calibrate: the layout already leaves ${nDark} villages without signal and ${needed.size} more must lose it, more than the target ${target}; the calibration only takes signal away`);
  }

  const tried = new Uint8Array(nV);
  const moves: AdjustMove<P>[] = [];
  const failed: string[] = [];
  let evaluated = 0;

  // the next village to un-cover: a pending must-uncover one, else the hardest to reach with signal
  const next = (): number => {
    for (const v of mustUncover) if (!dark[v] && !tried[v]) return v;
    let best = -1;
    for (let v = 0; v < nV; v++) {
      if (dark[v] || tried[v]) continue;
      if (best < 0) { best = v; continue; }
      const dc = coveredBy[v].length - coveredBy[best].length;
      const dr = remotenessM[best] - remotenessM[v];
      if (dc < 0 || (dc === 0 && (dr < 0 || (dr === 0 && villageIds[v] < villageIds[best])))) best = v;
    }
    return best;
  };

  // the first proposal for `s` whose coverage avoids every forbidden village
  const findPlace = async (s: number, pending: ReadonlyMap<number, P>, forbidden: (v: number) => boolean): Promise<{ place: P; covers: readonly number[] } | null> => {
    for (let k = 0; k < attempts; k += parallel) {
      const batch: P[] = [];
      for (let j = k; j < Math.min(k + parallel, attempts); j++) {
        const p = deps.propose(s, j, pending);
        if (p === null) break;
        batch.push(p);
      }
      if (batch.length === 0) return null;
      const results = await Promise.all(batch.map((p) => deps.cover(s, p)));
      evaluated += batch.length;
      for (let j = 0; j < batch.length; j++) if (!results[j].some(forbidden)) return { place: batch[j], covers: results[j] };
      if (batch.length < parallel) return null;
    }
    return null;
  };

  while (nDark < target) {
    const v = next();
    if (v < 0) break;
    tried[v] = 1;
    const must = needed.has(v);
    const sites = [...coveredBy[v]].sort((a, b) => a - b);
    const locked = sites.filter((s) => protectedSites.has(s));
    if (locked.length > 0 || sites.length > maxSites) {
      if (must) failed.push(`${villageIds[v]} (${locked.length > 0 ? `covered by protected site ${locked.map((s) => siteIds[s]).join(', ')}` : `covered by ${sites.length} sites`})`);
      continue;
    }
    // villages whose covers all move with these sites: they lose signal too
    const inStep = new Set(sites);
    const lost = new Set<number>();
    for (const s of sites) for (const u of covers[s]) if (!lost.has(u) && coveredBy[u].every((x) => inStep.has(x))) lost.add(u);
    const mustLater = [...needed].filter((u) => !lost.has(u) && !dark[u]).length;
    if (nDark + lost.size + mustLater > target) {
      if (must) failed.push(`${villageIds[v]} (un-covering it takes ${lost.size} villages past the target)`);
      continue;
    }
    const forbidden = (u: number) => dark[u] === 1 || lost.has(u);
    const pending = new Map<number, P>();
    const found: { s: number; covers: readonly number[] }[] = [];
    for (const s of sites) {
      const r = await findPlace(s, pending, forbidden);
      if (!r) break;
      pending.set(s, r.place);
      found.push({ s, covers: r.covers });
    }
    if (found.length < sites.length) {
      if (must) failed.push(`${villageIds[v]} (no place found for site ${siteIds[sites[found.length]]} that leaves it without signal)`);
      continue;
    }
    // commit the step
    for (const { s, covers: now } of found) {
      for (const u of covers[s]) coveredBy[u].splice(coveredBy[u].indexOf(s), 1);
      covers[s] = [...now];
      for (const u of now) coveredBy[u].push(s);
      deps.commit(s, pending.get(s) as P);
      moves.push({ site: s, place: pending.get(s) as P, village: v });
    }
    for (const u of lost) { dark[u] = 1; nDark++; needed.delete(u); }
    log(`calibrate: ${villageIds[v]} without signal (${sites.map((s) => siteIds[s]).join(', ')} moved; ${lost.size} village${lost.size === 1 ? '' : 's'} lost signal), ${nDark}/${target}`);
  }

  if (needed.size > 0) {
    throw new Error(`calibrate: ${needed.size} villages that must end up without signal still have it: ${failed.join('; ') || [...needed].map((v) => villageIds[v]).join(', ')}`);
  }
  if (nDark !== target) {
    throw new Error(`calibrate: only ${nDark} villages without signal can be reached (target ${target}): every other village is covered by a protected site or by more than ${maxSites} sites, would overshoot the target, or has no site that can be placed elsewhere`);
  }
  const uncovered: number[] = [];
  for (let v = 0; v < nV; v++) if (dark[v]) uncovered.push(v);
  return { moves, uncovered, initiallyUncovered, evaluated, covers };
}
