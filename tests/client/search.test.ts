import { describe, expect, it } from 'vitest';
import { buildSearchIndex, searchPlaces } from '../../client/map/search';
import { communes, villages } from './fixtures';

const index = buildSearchIndex(communes, villages);

describe('searchPlaces', () => {
  it('ignores diacritics and case, including đ', () => {
    expect(searchPlaces(index, 'bach dang').map((e) => e.name)).toEqual(['Bạch Đằng']);
    expect(searchPlaces(index, 'BẢN NÀ').map((e) => e.name)).toEqual(['Bản Nà Mạ']);
    expect(searchPlaces(index, 'na ma')[0].name).toBe('Bản Nà Mạ');
  });

  it('ranks prefix matches before word matches, communes first at equal rank', () => {
    expect(searchPlaces(index, 'bach').map((e) => `${e.kind}:${e.name}`)).toEqual(['commune:Bạch Đằng', 'village:Xóm Bạch']);
  });

  it('tells villages by their commune and gives a place to fly to', () => {
    const [hit] = searchPlaces(index, 'xom bach');
    expect(hit).toMatchObject({ kind: 'village', communeName: 'Thục Phán', center: [106.35, 22.8] });
    const [commune] = searchPlaces(index, 'thuc phan');
    expect(commune.bbox).toEqual([106.3, 22.5, 106.81, 22.9]);
  });

  it('matches nothing for an empty query and respects the limit', () => {
    expect(searchPlaces(index, '   ')).toEqual([]);
    expect(searchPlaces(index, 'a', 1)).toHaveLength(1);
  });
});
