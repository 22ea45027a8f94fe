/**
 * The roles policy (server/auth/policy.ts) for routes other engineers are adding (plans, imports)
 * and for the defaults: an unlisted write needs admin, an unlisted read under the API a viewer,
 * the web client's files are public; a partner limited to an operator is refused scenarios and plans.
 */
import { describe, expect, it } from 'vitest';
import { atLeast, operatorLimitRefusal, requiredRole } from '../../server/auth/policy';

describe('requiredRole', () => {
  it('lists the plans (planner writes, viewer reads), the imports and the dataset versions (admin, any method)', () => {
    expect(requiredRole('POST', '/api/plans')).toBe('planner');
    expect(requiredRole('POST', '/api/plans/p1/accept')).toBe('planner');
    expect(requiredRole('DELETE', '/api/plans/p1')).toBe('planner');
    expect(requiredRole('GET', '/api/plans')).toBe('viewer');
    expect(requiredRole('GET', '/api/plans/p1')).toBe('viewer');
    for (const m of ['GET', 'POST', 'PUT', 'DELETE']) expect(requiredRole(m, '/api/imports/sites'), m).toBe('admin');
    expect(requiredRole('GET', '/api/imports')).toBe('admin');
    for (const m of ['GET', 'POST']) expect(requiredRole(m, '/api/datasets/sites/3/restore'), m).toBe('admin');
    expect(requiredRole('GET', '/api/datasets')).toBe('admin');
    expect(requiredRole('HEAD', '/api/users')).toBe('admin');
  });

  it('closes what it does not list: a write needs admin; a read under /api, /collections or /tiles a viewer; the rest (the web client) is public', () => {
    for (const [m, p] of [['POST', '/api/something-new'], ['PUT', '/collections/sites/items/A'], ['PATCH', '/anything'], ['DELETE', '/api/datasets/3']]) expect(requiredRole(m, p), `${m} ${p}`).toBe('admin');
    for (const p of ['/api/something-new', '/collections/x', '/tiles/coverage/1/2/3.png', '/api']) expect(requiredRole('GET', p), p).toBe('viewer');
    for (const p of ['/index.html', '/assets/main-abc.js', '/report.html', '/', '/api/health', '/openapi.json', '/conformance', '/api/me']) expect(requiredRole('GET', p), p).toBe('public');
    expect(requiredRole('OPTIONS', '/api/scenarios')).toBe('public');
    expect(requiredRole('POST', '/api/login')).toBe('public');
  });

  it('makes downloads a partner\'s: f=csv|xlsx|kml|gpkg on collections and work orders, not f=json or geojson', () => {
    for (const f of ['csv', 'xlsx', 'kml', 'gpkg']) {
      expect(requiredRole('GET', '/collections/gaps/items', { f })).toBe('partner');
      expect(requiredRole('GET', '/api/scenarios/s1/work-orders', { f })).toBe('partner');
    }
    for (const f of ['json', 'geojson', undefined]) expect(requiredRole('GET', '/collections/gaps/items', { f })).toBe('viewer');
    expect(requiredRole('GET', '/api/stats', { f: 'csv' })).toBe('viewer');
  });

  it('orders the roles viewer < partner < planner < admin', () => {
    expect(atLeast('admin', 'planner')).toBe(true);
    expect(atLeast('planner', 'partner')).toBe(true);
    expect(atLeast('partner', 'viewer')).toBe(true);
    expect(atLeast('viewer', 'partner')).toBe(false);
    expect(atLeast('partner', 'planner')).toBe(false);
  });
});

describe('operatorLimitRefusal', () => {
  it('refuses scenarios, plans and any ?scenario= to a partner limited to an operator, nothing else', () => {
    for (const p of ['/api/scenarios', '/api/scenarios/s1', '/api/scenarios/compare', '/api/scenarios/s1/work-orders', '/api/plans', '/api/plans/p1']) expect(operatorLimitRefusal(p, {}, 'Viettel'), p).toContain('a partner limited to operator Viettel');
    expect(operatorLimitRefusal('/collections/gaps/items', { scenario: 's1' }, 'Viettel')).not.toBeNull();
    expect(operatorLimitRefusal('/collections/gaps/items', { scenario: ['baseline', 's1'] }, 'Viettel')).not.toBeNull();
    expect(operatorLimitRefusal('/collections/gaps/items', { scenario: 'baseline' }, 'Viettel')).toBeNull();
    expect(operatorLimitRefusal('/collections/gaps/items', {}, 'Viettel')).toBeNull();
    expect(operatorLimitRefusal('/api/scenariosX', {}, 'Viettel')).toBeNull();
  });
});
