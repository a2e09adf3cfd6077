import { Module } from '@nestjs/common';
import { AuthController } from './auth.controller.js';
import { AuthGuard } from './auth.guard.js';
import { AccessTokenVerifier } from './credentials/access-token.verifier.js';
import { CredentialStateCache } from './credentials/credential-state.cache.js';
import { BearerJwtScheme, XAuthTokenJwtScheme } from './credentials/jwt.schemes.js';
import { TokenService } from './token.service.js';

/** Tokens, the JWT credential schemes every surface may list, and the guard that applies them. */
@Module({
  controllers: [AuthController],
  providers: [TokenService, CredentialStateCache, AccessTokenVerifier, BearerJwtScheme, XAuthTokenJwtScheme, AuthGuard],
  exports: [AuthGuard, AccessTokenVerifier],
})
export class AuthModule {}
