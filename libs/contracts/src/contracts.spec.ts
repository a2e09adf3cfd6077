import * as Contracts from './index.js';
import { SERVICES } from './services.js';

/** Every MessageDef exported by the contracts, found by walking the namespaces. */
function allPatterns(): string[] {
  const found: string[] = [];
  const walk = (value: unknown) => {
    if (typeof value !== 'object' || value === null) return;
    if (typeof (value as { pattern?: unknown }).pattern === 'string') {
      found.push((value as { pattern: string }).pattern);
      return;
    }
    Object.values(value).forEach(walk);
  };
  walk({ h: Contracts.HealthContracts, p: Contracts.PricingContracts, a: Contracts.AccountsContracts, t: Contracts.TelephonyContracts });
  return found;
}

describe('message contracts', () => {
  it('name every pattern <service>.<resource>.<action>, in kebab-case, for a known service', () => {
    const patterns = allPatterns();
    expect(patterns.length).toBeGreaterThan(5);
    for (const pattern of patterns) {
      expect(pattern).toMatch(/^[a-z]+\.[a-z][a-z-]*\.[a-z][a-z-]*$/);
      expect(SERVICES).toContain(pattern.split('.')[0]);
    }
  });

  it('never reuse a pattern', () => {
    const patterns = allPatterns();
    expect(new Set(patterns).size).toBe(patterns.length);
  });

  it('give every service a health ping', () => {
    expect(Object.keys(Contracts.HealthContracts.Ping).sort()).toEqual([...SERVICES].sort());
  });
});
