import { ForbiddenException, Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { ACCESS_KEY } from './access.decorator.js';
import { allows, defaultAccessFor, type AccessLevel } from './access.policy.js';
import { TokenService } from './token.service.js';

/**
 * Every route is authenticated unless marked public. The token comes as "Authorization: Bearer"
 * or as "X-Auth-Token" (the /v2/accounts document's header).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const declared = this.reflector.getAllAndOverride<AccessLevel | undefined>(ACCESS_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (declared === 'public') return true;

    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const token = extractToken(request);
    if (!token) throw new UnauthorizedException('Missing access token');
    const caller = { ...(await this.tokens.verify(token)), requestId: String(request.id) };
    request.caller = caller;

    const needed = declared ?? defaultAccessFor(request.method);
    if (!allows(caller, needed)) {
      throw new ForbiddenException('Your role does not allow this operation');
    }
    return true;
  }
}

function extractToken(request: FastifyRequest): string | undefined {
  const authorization = request.headers.authorization;
  if (authorization) {
    const [scheme, value] = authorization.split(' ');
    return scheme?.toLowerCase() === 'bearer' && value ? value.trim() : undefined;
  }
  const header = request.headers['x-auth-token'];
  return typeof header === 'string' && header.length > 0 ? header.trim() : undefined;
}
