import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { CallerContext } from '@billing/contracts';
import { AccessTokenVerifier } from './access-token.verifier.js';
import type { CredentialScheme } from './credential-scheme.js';

/** `Authorization: Bearer <jwt>`. */
@Injectable()
export class BearerJwtScheme implements CredentialScheme {
  constructor(private readonly tokens: AccessTokenVerifier) {}

  find(request: FastifyRequest): string | undefined {
    const authorization = request.headers.authorization;
    if (!authorization || authorization.length < 8 || authorization.slice(0, 7).toLowerCase() !== 'bearer ') return undefined;
    return authorization.slice(7).trim() || undefined;
  }

  verify(token: string): Promise<CallerContext> {
    return this.tokens.verify(token);
  }
}

/** `X-Auth-Token: <jwt>` (document 003's header; accepted platform-wide). */
@Injectable()
export class XAuthTokenJwtScheme implements CredentialScheme {
  constructor(private readonly tokens: AccessTokenVerifier) {}

  find(request: FastifyRequest): string | undefined {
    const header = request.headers['x-auth-token'];
    return typeof header === 'string' && header.trim().length > 0 ? header.trim() : undefined;
  }

  verify(token: string): Promise<CallerContext> {
    return this.tokens.verify(token);
  }
}
