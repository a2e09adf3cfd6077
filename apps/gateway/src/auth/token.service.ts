import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROLES, type AccountsContracts, type CallerContext, type Role } from '@billing/contracts';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/app.config.js';

const ISSUER = 'billing-platform';
const AUDIENCE = 'billing-api';
const ALGORITHM = 'HS256';

export interface TokenResponse {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
}

interface AccessClaims {
  tid: string;
  org: string;
  usr: string;
  roles: Role[];
  op?: boolean;
  /** The user's token version when issued: a token older than the user's current one is revoked. */
  ver: number;
}

/** What a valid token says, before the revocation check. */
export interface VerifiedToken {
  caller: CallerContext;
  tokenVersion: number;
  /** Milliseconds since the epoch. */
  expiresAt: number;
}

@Injectable()
export class TokenService {
  /** A KeyObject, built once: jose then skips importing the raw secret on every verification. */
  private readonly key: KeyObject;

  constructor(@Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig) {
    this.key = createSecretKey(Buffer.from(config.token.signingKey ?? developmentKey(config.dataDir), 'utf8'));
  }

  async issue(user: AccountsContracts.AuthenticatedUser): Promise<TokenResponse> {
    const claims: AccessClaims = {
      tid: user.tenantId,
      org: user.tenantName,
      usr: user.username,
      roles: user.roles,
      ...(user.operator ? { op: true } : {}),
      ver: user.tokenVersion,
    };
    const ttl = this.config.token.ttlSeconds;
    const token = await new SignJWT({ ...claims })
      .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
      .setSubject(user.userId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${ttl}s`)
      .sign(this.key);
    return { access_token: token, token_type: 'Bearer', expires_in: ttl };
  }

  /** Only HS256 with our key, issuer and audience passes: "alg: none", forged and expired tokens do not. */
  async verify(token: string): Promise<VerifiedToken> {
    try {
      const { payload } = await jwtVerify<AccessClaims>(token, this.key, {
        algorithms: [ALGORITHM],
        issuer: ISSUER,
        audience: AUDIENCE,
        requiredClaims: ['sub', 'exp', 'iat'],
      });
      const roles = Array.isArray(payload.roles) ? payload.roles.filter((r) => (ROLES as readonly string[]).includes(r)) : [];
      if (
        typeof payload.tid !== 'string' ||
        typeof payload.org !== 'string' ||
        typeof payload.usr !== 'string' ||
        !Number.isSafeInteger(payload.ver)
      ) {
        throw new UnauthorizedException('Invalid access token');
      }
      const caller: CallerContext = {
        tenantId: payload.tid,
        tenantName: payload.org,
        userId: payload.sub as string,
        username: payload.usr,
        roles,
        operator: payload.op === true,
      };
      return { caller, tokenVersion: payload.ver, expiresAt: (payload.exp as number) * 1000 };
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) throw new UnauthorizedException('Access token expired');
      throw new UnauthorizedException('Invalid access token');
    }
  }
}

/**
 * Outside production a signing key is generated once and kept under DATA_DIR, so tokens survive a
 * restart and every local gateway replica shares it. Production refuses to start without a key.
 */
function developmentKey(dataDir: string): string {
  const file = join(dataDir, 'dev-token-signing.key');
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    mkdirSync(dataDir, { recursive: true });
    const key = randomBytes(48).toString('base64url');
    try {
      writeFileSync(file, key, { mode: 0o600, flag: 'wx' });
      return key;
    } catch {
      return readFileSync(file, 'utf8').trim(); // another process wrote it first
    }
  }
}
