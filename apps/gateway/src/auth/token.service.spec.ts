import { UnauthorizedException } from '@nestjs/common';
import { SignJWT } from 'jose';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../config/app.config.js';
import { TokenService } from './token.service.js';

const user = {
  userId: 'u-1',
  username: 'admin',
  tenantId: 't-1',
  tenantName: 'default',
  roles: ['admin' as const],
  operator: true,
  tokenVersion: 3,
};

describe('TokenService', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'tokens-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  const service = (env: Record<string, string> = {}) => new TokenService(loadConfig({ DATA_DIR: dataDir, ...env }));

  it('verifies what it issues, into the caller the services receive', async () => {
    const tokens = service();
    const issued = await tokens.issue(user);
    expect(issued).toEqual({ access_token: expect.any(String), token_type: 'Bearer', expires_in: 3600 });
    expect(await tokens.verify(issued.access_token)).toEqual({
      caller: { userId: 'u-1', username: 'admin', tenantId: 't-1', tenantName: 'default', roles: ['admin'], operator: true },
      tokenVersion: 3,
      expiresAt: expect.any(Number),
    });
  });

  it('keeps a generated development key private and stable across restarts', async () => {
    const issued = await service().issue(user);
    expect(statSync(join(dataDir, 'dev-token-signing.key')).mode & 0o777).toBe(0o600);
    await expect(service().verify(issued.access_token)).resolves.toMatchObject({ caller: { username: 'admin' } });
  });

  it('refuses a token signed with another key, a tampered one and "alg: none"', async () => {
    const issued = await service({ TOKEN_SIGNING_KEY: 'k'.repeat(40) }).issue(user);
    await expect(service({ TOKEN_SIGNING_KEY: 'x'.repeat(40) }).verify(issued.access_token)).rejects.toThrow(UnauthorizedException);

    const tokens = service();
    const [header, payload, signature] = (await tokens.issue(user)).access_token.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const elevated = Buffer.from(JSON.stringify({ ...claims, tid: 'another-tenant' })).toString('base64url');
    await expect(tokens.verify(`${header}.${elevated}.${signature}`)).rejects.toThrow('Invalid access token');
    const none = Buffer.from('{"alg":"none"}').toString('base64url');
    await expect(tokens.verify(`${none}.${payload}.`)).rejects.toThrow('Invalid access token');
  });

  it('says so when a token has expired', async () => {
    const key = 'e'.repeat(40);
    const expired = await new SignJWT({ tid: 't', org: 'o', usr: 'u', roles: [], ver: 0 })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('u')
      .setIssuer('billing-platform')
      .setAudience('billing-api')
      .setIssuedAt(1_000)
      .setExpirationTime(2_000)
      .sign(new TextEncoder().encode(key));
    await expect(service({ TOKEN_SIGNING_KEY: key }).verify(expired)).rejects.toThrow('Access token expired');
  });

  it('drops role names it does not know', async () => {
    const key = 'r'.repeat(40);
    const token = await new SignJWT({ tid: 't', org: 'o', usr: 'u', roles: ['admin', 'root'], ver: 0 })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('u')
      .setIssuer('billing-platform')
      .setAudience('billing-api')
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(key));
    expect((await service({ TOKEN_SIGNING_KEY: key }).verify(token)).caller.roles).toEqual(['admin']);
  });

  it('refuses a well-signed token that carries no token version (it could never be revoked)', async () => {
    const key = 'k'.repeat(40);
    const token = await new SignJWT({ tid: 't', org: 'o', usr: 'u', roles: ['admin'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('u')
      .setIssuer('billing-platform')
      .setAudience('billing-api')
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(key));
    await expect(service({ TOKEN_SIGNING_KEY: key }).verify(token)).rejects.toThrow('Invalid access token');
  });

  it('is refused a start in production without a signing key', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', DATA_DIR: dataDir })).toThrow(/TOKEN_SIGNING_KEY/);
    expect(() => readFileSync(join(dataDir, 'dev-token-signing.key'))).toThrow();
  });
});
