/**
 * A binary max-heap of integer items keyed by a float priority, in two flat typed arrays (no
 * object per entry): the lazy greedy pushes every candidate once and re-pushes stale ones.
 */
export class MaxHeap {
  private _ids: Int32Array;
  private _keys: Float64Array;
  /** Number of entries. */
  length = 0;

  /**
   * @param capacity initial capacity (it grows when needed)
   * @example
   * const h = new MaxHeap(3); h.push(7, 2.5); h.push(4, 9); h.pop() // 4
   */
  constructor(capacity = 16) {
    this._ids = new Int32Array(Math.max(1, capacity));
    this._keys = new Float64Array(Math.max(1, capacity));
  }

  /** Add `id` with priority `key`. */
  push(id: number, key: number): void {
    if (this.length === this._ids.length) {
      const ids = new Int32Array(this._ids.length * 2);
      const keys = new Float64Array(this._keys.length * 2);
      ids.set(this._ids);
      keys.set(this._keys);
      this._ids = ids;
      this._keys = keys;
    }
    const ids = this._ids;
    const keys = this._keys;
    let pos = this.length++;
    // sift up: move parents with a smaller key down until the slot fits
    while (pos > 0) {
      const parent = (pos - 1) >> 1;
      if (keys[parent] >= key) break;
      ids[pos] = ids[parent];
      keys[pos] = keys[parent];
      pos = parent;
    }
    ids[pos] = id;
    keys[pos] = key;
  }

  /** The item with the largest priority (ties: any), or -1 when empty. */
  peek(): number {
    return this.length > 0 ? this._ids[0] : -1;
  }

  /** The largest priority, or -Infinity when empty. */
  peekKey(): number {
    return this.length > 0 ? this._keys[0] : -Infinity;
  }

  /** Remove and return the item with the largest priority, or -1 when empty. */
  pop(): number {
    if (this.length === 0) return -1;
    const ids = this._ids;
    const keys = this._keys;
    const top = ids[0];
    const n = --this.length;
    if (n > 0) {
      const id = ids[n];
      const key = keys[n];
      let pos = 0;
      // sift down: move the larger child up until the last entry fits
      for (;;) {
        let child = 2 * pos + 1;
        if (child >= n) break;
        if (child + 1 < n && keys[child + 1] > keys[child]) child++;
        if (keys[child] <= key) break;
        ids[pos] = ids[child];
        keys[pos] = keys[child];
        pos = child;
      }
      ids[pos] = id;
      keys[pos] = key;
    }
    return top;
  }
}
