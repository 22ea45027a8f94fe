import { describe, expect, it } from 'vitest';
import { createStore, DEFAULT_STATE } from '../../client/state/store';
import { bindHash, hashOfState, stateFromHash } from '../../client/state/urlSync';

describe('the client store', () => {
  it('starts from the defaults merged with what it is given, frozen', () => {
    const store = createStore({ lang: 'en' });
    expect(store.get()).toEqual({ ...DEFAULT_STATE, lang: 'en' });
    expect(Object.isFrozen(store.get())).toBe(true);
    expect(() => ((store.get() as { lang: string }).lang = 'vi')).toThrow();
  });

  it('tells its listeners which fields changed, and is silent when nothing did', () => {
    const store = createStore();
    const heard: string[][] = [];
    const stop = store.subscribe((_, changed) => heard.push([...changed].sort()));
    store.update({ lang: 'en', scenario: 'a1' });
    store.update({ lang: 'en' }); // same value
    store.update({ hidden: ['villages'] });
    store.update({ hidden: ['villages'] }); // an equal array
    store.update({ view: { center: [106, 22], zoom: 9, bearingDeg: 0, pitchDeg: 0 } });
    store.update({ view: { center: [106, 22], zoom: 9, bearingDeg: 0, pitchDeg: 0 } }); // an equal view
    stop();
    store.update({ lang: 'vi' });
    expect(heard).toEqual([['lang', 'scenario'], ['hidden'], ['view']]);
    expect(store.get().lang).toBe('vi');
  });

  it('gives listeners the state before the update', () => {
    const store = createStore({ scenario: 'old' });
    let before: string | null = 'unset';
    store.subscribe((s, _, previous) => (before = `${previous.scenario}→${s.scenario}`));
    store.update({ scenario: null });
    expect(before).toBe('old→null');
  });

  it('keeps one store from another (no shared module state)', () => {
    const a = createStore();
    const b = createStore();
    a.update({ lang: 'en' });
    expect(b.get().lang).toBe('vi');
  });
});

describe('the store and the URL hash', () => {
  it('reads a hash into state and writes it back the same', () => {
    const hash = '#map=9.50/22.66568/106.25786/-12.3/45&lang=en&hide=villages&3d=1&scenario=aB3';
    const s = stateFromHash(hash);
    expect(s).toEqual({ lang: 'en', hidden: ['villages'], terrain3d: true, scenario: 'aB3', view: { center: [106.25786, 22.66568], zoom: 9.5, bearingDeg: -12.3, pitchDeg: 45 } });
    expect(hashOfState(createStore(s).get())).toBe(hash);
  });

  it('writes nothing before the map has a view, then follows every change', () => {
    const store = createStore({ lang: 'en' });
    const written: string[] = [];
    bindHash(store, (h) => written.push(h));
    expect(written).toEqual([]);
    store.update({ view: { center: [106.2, 22.6], zoom: 9, bearingDeg: 0, pitchDeg: 0 } });
    store.update({ scenario: 'x1' });
    store.update({ scenario: null, lang: 'vi' });
    expect(written).toEqual([
      '#map=9.00/22.60000/106.20000/0/0&lang=en',
      '#map=9.00/22.60000/106.20000/0/0&lang=en&scenario=x1',
      '#map=9.00/22.60000/106.20000/0/0&lang=vi',
    ]);
  });
});
