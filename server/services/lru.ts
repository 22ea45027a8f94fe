/**
 * A small least-recently-used cache on a Map (insertion order = recency).
 *
 * @example
 * const cache = new LruCache<string, Buffer>(512);
 * cache.set('10/814/450', png); cache.get('10/814/450');
 */
export class LruCache<K, V> {
  private readonly _map = new Map<K, V>();
  readonly capacity: number;

  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`LruCache: capacity must be a positive integer, got ${capacity}`);
    this.capacity = capacity;
  }

  get size(): number {
    return this._map.size;
  }

  get(key: K): V | undefined {
    const v = this._map.get(key);
    if (v === undefined) return undefined;
    // move to the most recent end
    this._map.delete(key);
    this._map.set(key, v);
    return v;
  }

  set(key: K, value: V): void {
    this._map.delete(key);
    this._map.set(key, value);
    if (this._map.size > this.capacity) this._map.delete(this._map.keys().next().value as K);
  }
}
