import { compilePathPattern } from './path-matcher.js';

describe('compilePathPattern', () => {
  it('matches a prefix and everything below it', () => {
    const m = compilePathPattern('/api/rest/v2.9/**');
    expect(m.match('/api/rest/v2.9/billing/currencies')).toEqual({});
    expect(m.match('/api/rest/v2.9')).toEqual({});
    expect(m.match('/api/rest/v2.90/billing')).toBeUndefined();
    expect(m.match('/api/rest/v2x9/billing')).toBeUndefined();
  });

  it('reads a variable first segment', () => {
    const m = compilePathPattern('/:org/rest/2.0/**');
    expect(m.match('/acme/rest/2.0/query')).toEqual({ org: 'acme' });
    expect(m.match('/a%20b/rest/2.0/login')).toEqual({ org: 'a b' });
    expect(m.match('/acme/rest/2.1/query')).toBeUndefined();
    expect(m.match('/rest/2.0/query')).toBeUndefined();
    expect(m.match('/%E0%A4%A/rest/2.0/query')).toEqual({ org: '%E0%A4%A' });
  });

  it('ranks literal text above variables', () => {
    expect(compilePathPattern('/v2/accounts/**').literalLength).toBeGreaterThan(compilePathPattern('/:org/rest/**').literalLength);
    expect(compilePathPattern('/**').literalLength).toBe(0);
  });
});
