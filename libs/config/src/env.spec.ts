import {
  CommonEnv,
  ConfigError,
  OPS_PORT_DEFAULTS,
  parseEnv,
  requireInProduction,
  ServiceEnv,
  toObservabilityConfig,
  toServiceConfig,
} from './env.js';

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
      observability: { ops: { host: '0.0.0.0', port: 9101 }, readinessTimeoutMs: 2000, tracing: undefined },
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

describe('observability settings', () => {
  it('gives each app its own ops port by default, and OPS_PORT (0 too) overrides it', () => {
    const ports = Object.keys(OPS_PORT_DEFAULTS).map(
      (app) => toObservabilityConfig(app as keyof typeof OPS_PORT_DEFAULTS, parseEnv(CommonEnv, {})).ops.port,
    );
    expect(ports).toEqual([9100, 9101, 9102, 9103, 9104]);
    expect(toObservabilityConfig('pricing', parseEnv(CommonEnv, { OPS_PORT: '0', OPS_HOST: '127.0.0.1' })).ops).toEqual({
      host: '127.0.0.1',
      port: 0,
    });
  });

  it('traces only when a collector is named, as billing-<app> unless OTEL_SERVICE_NAME says otherwise', () => {
    expect(toObservabilityConfig('gateway', parseEnv(CommonEnv, {})).tracing).toBeUndefined();
    const env = parseEnv(CommonEnv, { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel-collector:4318', OTEL_BSP_SCHEDULE_DELAY: '200' });
    expect(toObservabilityConfig('gateway', env).tracing).toEqual({
      endpoint: 'http://otel-collector:4318',
      serviceName: 'billing-gateway',
      scheduleDelayMs: 200,
    });
    const named = parseEnv(CommonEnv, { OTEL_EXPORTER_OTLP_ENDPOINT: 'https://otel.example.com', OTEL_SERVICE_NAME: 'rating' });
    expect(toObservabilityConfig('telephony', named).tracing?.serviceName).toBe('rating');
  });

  it('refuses a port out of range, a collector that is not an http(s) URL and a bad service name', () => {
    expect(() =>
      parseEnv(CommonEnv, { OPS_PORT: '70000', OTEL_EXPORTER_OTLP_ENDPOINT: 'otel:4318', OTEL_SERVICE_NAME: 'has space' }),
    ).toThrow(/OPS_PORT[\s\S]*OTEL_EXPORTER_OTLP_ENDPOINT[\s\S]*OTEL_SERVICE_NAME/);
  });
});
