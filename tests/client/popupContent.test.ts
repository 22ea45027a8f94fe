import { describe, expect, it } from 'vitest';
import { communePopup, describeCells, sitePopup, villagePopup } from '../../client/ui/popupContent';
import { STRINGS, t } from '../../client/ui/i18n';
import { communes, sites, villages } from './fixtures';

describe('popups', () => {
  it('lists each technology once with its frequencies', () => {
    expect(describeCells(sites.features[0].properties.cells)).toBe('2G\u00a0900\u00a0MHz · 4G\u00a01800, 2100\u00a0MHz · 5G\u00a03500\u00a0MHz');
    expect(describeCells([])).toBe('—');
  });

  it('describes a site with operator, technologies, antenna height, power and backhaul, and flags synthetic data', () => {
    const p = sitePopup(sites.features[0].properties, 'en');
    expect(p.title).toBe('BTS Bạch Đằng 1');
    expect(p.subtitle).toBe('BTS site · S-001');
    expect(p.rows).toEqual([
      { label: 'Operator', value: 'Viettel' },
      { label: 'Technologies', value: '2G\u00a0900\u00a0MHz · 4G\u00a01800, 2100\u00a0MHz · 5G\u00a03500\u00a0MHz' },
      { label: 'Antenna height', value: '30 m' },
      { label: 'Power', value: 'Grid' },
      { label: 'Backhaul', value: 'Fibre' },
      { label: 'Status', value: 'On air' },
    ]);
    expect(p.note).toBe('Synthetic (demo) data');
    expect(sitePopup(sites.features[1].properties, 'vi').note).toBeUndefined();
  });

  it('describes a village in Vietnamese with its commune name', () => {
    const p = villagePopup(villages.features[0].properties, 'Bạch Đằng', 'vi');
    expect(p.rows).toEqual([
      { label: 'Xã, phường', value: 'Bạch Đằng' },
      { label: 'Dân số', value: '240' },
      { label: 'Số hộ', value: '60' },
      { label: 'Có điện lưới', value: 'Không' },
      { label: 'Internet cố định', value: 'Chưa rõ' },
    ]);
    expect(p.note).toBe('Dữ liệu giả lập (minh hoạ)');
  });

  it('describes a commune with code, population and area (Vietnamese number format)', () => {
    const p = communePopup(communes.features[1].properties, 'vi');
    expect(p.subtitle).toBe('Xã, phường (phường)');
    expect(p.rows).toContainEqual({ label: 'Mã', value: '01720' });
    expect(p.rows).toContainEqual({ label: 'Dân số', value: '30.000' });
    expect(p.rows).toContainEqual({ label: 'Diện tích', value: '40 km²' });
    expect(p.note).toBeUndefined();
  });
});

describe('i18n', () => {
  it('has every key in both languages, none empty', () => {
    expect(Object.keys(STRINGS.en).sort()).toEqual(Object.keys(STRINGS.vi).sort());
    for (const lang of ['vi', 'en'] as const) for (const v of Object.values(STRINGS[lang])) expect(v.trim()).not.toBe('');
  });

  it('says the demo data is synthetic in both languages', () => {
    expect(t('en', 'syntheticNote')).toContain('Demo data: terrain, villages (and their boundaries), sites and power lines are synthetic');
    expect(t('vi', 'syntheticNote')).toContain('ranh giới thôn bản');
    expect(t('vi', 'syntheticNote')).toContain('giả lập');
    expect(t('en', 'legend.villageBoundarySynthetic')).toBe('Village boundary, synthetic (from zoom 11)');
  });

  it('fills placeholders', () => {
    expect(t('en', 'loadError', { error: 'HTTP 500' })).toBe('Could not load data: HTTP 500');
  });
});
