import { describe, expect, it } from 'vitest';
import { formatViewHash, parseViewHash, type ViewState } from '../../client/map/urlState';

const view: ViewState = { center: [106.25786, 22.66568], zoom: 9.5, bearing: -12.3, pitch: 45, lang: 'en', hidden: ['villages', 'powerLines'], terrain3d: true };

describe('view in the URL', () => {
  it('writes a compact hash', () => {
    expect(formatViewHash(view)).toBe('#map=9.50/22.66568/106.25786/-12.3/45&lang=en&hide=villages,powerLines&3d=1');
    expect(formatViewHash({ ...view, hidden: [], terrain3d: false, lang: 'vi' })).toBe('#map=9.50/22.66568/106.25786/-12.3/45&lang=vi');
  });

  it('reads back what it wrote', () => {
    expect(parseViewHash(formatViewHash(view))).toEqual(view);
  });

  it('drops invalid fields instead of failing', () => {
    expect(parseViewHash('#map=abc/1/2&lang=fr&hide=roads,sites&3d=0')).toEqual({ hidden: ['sites'], terrain3d: false });
    expect(parseViewHash('#map=9/95/106/0/0')).toEqual({});
    expect(parseViewHash('#map=9/22/106/0/90')).toEqual({ zoom: 9, center: [106, 22], bearing: 0 });
    expect(parseViewHash('')).toEqual({});
  });
});

describe('the scenario in the URL', () => {
  it('is written and read back; baseline and malformed ids are no scenario', async () => {
    const { activeScenario, scoped } = await import('../../client/api/scenario');
    expect(formatViewHash({ ...view, scenario: 'aB3_x-9' })).toBe('#map=9.50/22.66568/106.25786/-12.3/45&lang=en&hide=villages,powerLines&3d=1&scenario=aB3_x-9');
    expect(parseViewHash(formatViewHash({ ...view, scenario: 'aB3_x-9' })).scenario).toBe('aB3_x-9');
    expect(parseViewHash('#scenario=baseline').scenario).toBeUndefined();
    expect(parseViewHash('#scenario=%3Cscript%3E').scenario).toBeUndefined();
    expect(activeScenario('#map=9/22/106/0/0&scenario=s1')).toBe('s1');
    expect(activeScenario('#map=9/22/106/0/0')).toBeNull();
    expect(scoped('/api/stats', 's1')).toBe('/api/stats?scenario=s1');
    expect(scoped('/collections/gaps/items?f=csv', 's 1')).toBe('/collections/gaps/items?f=csv&scenario=s%201');
    expect(scoped('/api/stats', null)).toBe('/api/stats');
  });
});

describe('the comparison in the URL', () => {
  it('reads back what it writes; bad fields fall back to the baseline, side by side, Vietnamese', async () => {
    const { formatCompareHash, parseCompareHash } = await import('../../client/compare/state');
    const s = { a: 'baseline', b: 'x_1-2', mode: 'swipe' as const, lang: 'en' as const, view: { zoom: 10.5, center: [106.25, 22.66] as [number, number] } };
    expect(formatCompareHash(s)).toBe('#a=baseline&b=x_1-2&mode=swipe&lang=en&map=10.50/22.66000/106.25000');
    expect(parseCompareHash(formatCompareHash(s))).toEqual(s);
    expect(parseCompareHash('#a=<x>&mode=grid&lang=fr&map=1/99/0')).toEqual({ a: 'baseline', b: 'baseline', mode: 'side', lang: 'vi' });
  });
});
