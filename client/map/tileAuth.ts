/**
 * Map tiles refused with 401 (the session ended while the page is open): MapLibre's tile requests
 * do not go through apiFetch (api/http.ts), so its `error` events are watched instead — the first
 * 401 brings the login form (signInAgain, one form for the page), and once the user has signed in
 * the tiles of every source refused meanwhile are asked again. Other errors are logged.
 * The map page and the comparison page's two maps use it.
 *
 * @example
 * refreshTilesAfterSignIn(map);
 */
import { signInAgain } from '../api/http';

/** What this needs of a MapLibre map (a fake in tests). */
export interface TileMap {
  on(type: 'error', listener: (e: { error?: { status?: number; message?: string }; sourceId?: string }) => void): unknown;
  getSource(id: string): unknown;
  refreshTiles(id: string): void;
}

export function refreshTilesAfterSignIn(map: TileMap): void {
  const refused = new Set<string>();
  map.on('error', (e) => {
    const { error, sourceId } = e;
    if (error?.status !== 401 || !sourceId) {
      console.error('map error:', error?.message ?? e);
      return;
    }
    if (refused.size === 0) {
      void signInAgain().then(() => {
        for (const id of refused) if (map.getSource(id)) map.refreshTiles(id);
      }, () => {}).finally(() => refused.clear());
    }
    refused.add(sourceId);
  });
}
