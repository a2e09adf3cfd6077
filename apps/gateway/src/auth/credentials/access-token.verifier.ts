import { Injectable, UnauthorizedException } from '@nestjs/common';
import type { CallerContext } from '@billing/contracts';
import { TokenService, type VerifiedToken } from '../token.service.js';
import { CredentialStateCache } from './credential-state.cache.js';

/** Tokens whose signature was checked, kept until they expire; the oldest go first past this. */
const MAX_TOKENS = 10_000;

/**
 * An access token checked once for signature and claims, then looked up; every use is still checked
 * against the user's current credential state, so a revoked token stops working at once.
 */
@Injectable()
export class AccessTokenVerifier {
  private readonly verified = new Map<string, VerifiedToken>();

  constructor(
    private readonly tokens: TokenService,
    private readonly states: CredentialStateCache,
  ) {}

  async verify(token: string): Promise<CallerContext> {
    const verified = await this.signatureChecked(token);
    if (!(await this.states.isCurrent(verified.caller.userId, verified.tokenVersion))) {
      throw new UnauthorizedException('Access token revoked');
    }
    return verified.caller;
  }

  private async signatureChecked(token: string): Promise<VerifiedToken> {
    const known = this.verified.get(token);
    if (known) {
      if (known.expiresAt > Date.now()) return known;
      this.verified.delete(token);
      throw new UnauthorizedException('Access token expired');
    }
    const verified = await this.tokens.verify(token);
    if (this.verified.size >= MAX_TOKENS) this.verified.delete(this.verified.keys().next().value as string);
    this.verified.set(token, verified);
    return verified;
  }
}
