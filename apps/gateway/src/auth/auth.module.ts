import { Module } from '@nestjs/common';
import { AuthController } from './auth.controller.js';
import { AuthGuard } from './auth.guard.js';
import { AccessTokenVerifier } from './credentials/access-token.verifier.js';
import { CredentialStateCache } from './credentials/credential-state.cache.js';
import { BearerJwtScheme, XAuthTokenJwtScheme } from './credentials/jwt.schemes.js';
import { SignInRateLimiter, SignInRateLimitGuard } from './sign-in-rate.limiter.js';
import { TokenService } from './token.service.js';

/**
 * Tokens, the JWT credential schemes every surface may list, the guard that applies them, and the
 * sign-in rate limit (a dialect's own login route imports this module and uses @SignInRateLimited()).
 */
@Module({
  controllers: [AuthController],
  providers: [
    TokenService,
    CredentialStateCache,
    AccessTokenVerifier,
    BearerJwtScheme,
    XAuthTokenJwtScheme,
    AuthGuard,
    SignInRateLimiter,
    SignInRateLimitGuard,
  ],
  exports: [AuthGuard, AccessTokenVerifier, SignInRateLimiter, SignInRateLimitGuard],
})
export class AuthModule {}
