import { describe, expect, it } from 'vitest';
import { compassPoint, formatNumber, formatPercent } from '../../../core/text/format';

describe('numbers, shares and directions in the user\'s language', () => {
  it('Vietnamese groups with "." and decimals with ","; English the other way', () => {
    expect(formatNumber('vi', 1234.56, 1)).toBe('1.234,6');
    expect(formatNumber('en', 1234.56, 1)).toBe('1,234.6');
    expect(formatPercent('vi', 0.94, 1)).toBe('94,0\u00a0%');
    expect(formatPercent('en', 0.94, 1)).toBe('94.0\u00a0%');
  });
  it('compass points: Vietnamese B, ĐB, Đ, ĐN, N, TN, T, TB; every bearing to its nearest', () => {
    expect([0, 45, 90, 135, 180, 225, 270, 315].map((d) => compassPoint('vi', d))).toEqual(['B', 'ĐB', 'Đ', 'ĐN', 'N', 'TN', 'T', 'TB']);
    expect([0, 45, 90, 135, 180, 225, 270, 315].map((d) => compassPoint('en', d))).toEqual(['N', 'NE', 'E', 'SE', 'S', 'SW', 'W', 'NW']);
    expect(compassPoint('vi', 359)).toBe('B');
    expect(compassPoint('vi', -44)).toBe('TB');
    expect(compassPoint('en', 22.4)).toBe('N');
    expect(compassPoint('en', 22.6)).toBe('NE');
  });
});
