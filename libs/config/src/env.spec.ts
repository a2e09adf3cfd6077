import { ConfigError, parseEnv, requireInProduction, ServiceEnv, toServiceConfig } from './env.js';

describe('parseEnv', () => {
  it('fills defaults for everything unset (and for empty strings)', () => {
    const env = parseEnv(ServiceEnv, { NATS_URL: '' });
    expect(toServiceConfig('pricing', env)).toEqual({
      service: 'pricing',
      nodeEnv: 'development',
      logLevel: 'info',
      nats: { url: 'nats://127.0.0.1:4222', namespace: 'billing' },
      database: { service: 'pricing', dataDir: './data', databaseUrl: undefined, poolMax: 10 },
      rpcTimeoutMs: 3000,
    });
  });

  it('converts numbers and keeps given values', () => {
    const env = parseEnv(ServiceEnv, { DATABASE_POOL_MAX: '25', NATS_NAMESPACE: 'prod-eu', DATABASE_URL: 'postgres://db/billing' });
    expect(env.DATABASE_POOL_MAX).toBe(25);
    expect(env.NATS_NAMESPACE).toBe('prod-eu');
    expect(env.DATABASE_URL).toBe('postgres://db/billing');
  });

  it('reports every problem at once', () => {
    try {
      parseEnv(ServiceEnv, { DATABASE_POOL_MAX: 'many', NATS_NAMESPACE: 'has spaces', LOG_LEVEL: 'loud', DATABASE_URL: 'mysql://x' });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems.join('\n');
      expect(problems).toMatch(/DATABASE_POOL_MAX/);
      expect(problems).toMatch(/NATS_NAMESPACE/);
      expect(problems).toMatch(/LOG_LEVEL/);
      expect(problems).toMatch(/DATABASE_URL/);
    }
  });
});

describe('requireInProduction', () => {
  it('refuses unsafe defaults only in production', () => {
    const dev = parseEnv(ServiceEnv, {});
    expect(() => requireInProduction(dev, [[false, 'KEY is required']])).not.toThrow();
    const prod = parseEnv(ServiceEnv, { NODE_ENV: 'production' });
    expect(() => requireInProduction(prod, [[false, 'KEY is required']])).toThrow(/KEY is required/);
    expect(() => requireInProduction(prod, [[true, 'KEY is required']])).not.toThrow();
  });
});
