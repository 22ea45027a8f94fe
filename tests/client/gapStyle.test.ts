import { describe, expect, it } from 'vitest';
import { GAP_STATUS_COLORS, gapStatusColorExpression, shareColor, villageStatusById } from '../../client/map/gapStyle';

describe('gap map styling', () => {
  it('classifies villages: signal, no signal, no signal and no power', () => {
    const s = villageStatusById([{ id: 'A', electrified: true }, { id: 'B', electrified: true }, { id: 'C', electrified: false }, { id: 'D', electrified: false }], new Set(['B', 'C']));
    expect([...s.entries()]).toEqual([['A', 'signal'], ['B', 'noSignal'], ['C', 'noPower'], ['D', 'signal']]);
  });
  it('colours by gapStatus with a fallback', () => {
    const e = gapStatusColorExpression('#000000') as unknown[];
    expect(e[0]).toBe('match');
    expect(e).toContain(GAP_STATUS_COLORS.noPower);
    expect(e[e.length - 1]).toBe('#000000');
  });
  it('shades the share of villages with signal from red to green, grey without villages', () => {
    expect(shareColor(1)).toBe('rgb(47, 158, 68)');
    expect(shareColor(0.2)).toBe('rgb(201, 42, 42)'); // clamped to the red end
    expect(shareColor(0.85)).toBe('rgb(252, 196, 25)');
    expect(shareColor(null)).toBe('#adb5bd');
  });
});
