import { ConfigError } from '@billing/config';
import { loadConfig } from './app.config.js';

const problems = (env: Record<string, string>): string => {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.join('\n');
    throw error;
  }
  throw new Error('expected a ConfigError');
};

describe('gateway configuration', () => {
  it('limits sign-ins by default to 20 a minute per address and 600 in all', () => {
    expect(loadConfig({}).signInRate).toEqual({ perAddressPerMinute: 20, globalPerMinute: 600 });
    expect(loadConfig({ LOGIN_RATE_PER_MINUTE: '5', LOGIN_RATE_GLOBAL_PER_MINUTE: '50' }).signInRate).toEqual({
      perAddressPerMinute: 5,
      globalPerMinute: 50,
    });
    expect(problems({ LOGIN_RATE_PER_MINUTE: '0', LOGIN_RATE_GLOBAL_PER_MINUTE: 'lots' })).toMatch(
      /LOGIN_RATE_PER_MINUTE[\s\S]*LOGIN_RATE_GLOBAL_PER_MINUTE/,
    );
  });

  it('limits body shapes, request rates and CORS by default, each configurable', () => {
    const defaults = loadConfig({});
    expect(defaults.bodyShape).toEqual({ depth: 32, arrayItems: 10_000, stringLength: 65_536 });
    expect(defaults.rateLimit).toEqual({ perClientPerMinute: 600_000, perTenantPerMinute: 300_000 });
    expect(defaults.corsOrigins).toEqual([]);
    const set = loadConfig({
      BODY_MAX_DEPTH: '8',
      BODY_MAX_ARRAY_ITEMS: '100',
      BODY_MAX_STRING_LENGTH: '1024',
      RATE_LIMIT_PER_CLIENT_PER_MINUTE: '0',
      RATE_LIMIT_PER_TENANT_PER_MINUTE: '60',
      CORS_ORIGINS: ' https://App.Example.com , http://localhost:5173,https://app.example.com:443,http://[::1]:8080',
    });
    expect(set.bodyShape).toEqual({ depth: 8, arrayItems: 100, stringLength: 1024 });
    expect(set.rateLimit).toEqual({ perClientPerMinute: 0, perTenantPerMinute: 60 });
    expect(set.corsOrigins).toEqual(['https://app.example.com', 'http://localhost:5173', 'http://[::1]:8080']);
  });

  it.each([
    '*',
    'app.example.com',
    'https://app.example.com/',
    'https://app.example.com/path',
    'ftp://x.example',
    'https://a.example;https://b.example',
  ])('refuses CORS_ORIGINS=%s', (value) => {
    expect(problems({ CORS_ORIGINS: value })).toMatch(/CORS_ORIGINS/);
  });

  it('derives the public base URL from where it listens, for local use', () => {
    expect(loadConfig({}).publicBaseUrl).toBe('http://localhost:3000');
    expect(loadConfig({ HOST: '127.0.0.1', PORT: '8080' }).publicBaseUrl).toBe('http://127.0.0.1:8080');
    expect(loadConfig({ HOST: '::1', PORT: '8080' }).publicBaseUrl).toBe('http://[::1]:8080');
  });

  it('takes an http or https PUBLIC_BASE_URL, with a path, without its trailing slash', () => {
    expect(loadConfig({ PUBLIC_BASE_URL: 'https://billing.example.com/' }).publicBaseUrl).toBe('https://billing.example.com');
    expect(loadConfig({ PUBLIC_BASE_URL: 'https://example.com/billing/' }).publicBaseUrl).toBe('https://example.com/billing');
  });

  it.each([
    'javascript://evil.example/x',
    'ftp://example.com',
    'https://user:secret@example.com',
    'https://example.com/?a=1',
    'example.com',
  ])('refuses PUBLIC_BASE_URL=%s', (url) => {
    expect(problems({ PUBLIC_BASE_URL: url })).toMatch(/PUBLIC_BASE_URL must be an http:\/\/ or https:\/\/ URL/);
  });
});
