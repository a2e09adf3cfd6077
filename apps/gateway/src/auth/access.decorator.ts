import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { CallerContext } from '@billing/contracts';
import type { AccessLevel } from './access.policy.js';

export const ACCESS_KEY = 'billing:access';

/** Overrides the access a route needs (by default: read for GET, write otherwise). */
export const Access = (level: AccessLevel) => SetMetadata(ACCESS_KEY, level);

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the auth guard from the verified token. */
    caller?: CallerContext;
  }
}

/** The verified caller of an authenticated route. */
export const Caller = createParamDecorator((_: unknown, ctx: ExecutionContext): CallerContext => {
  const caller = ctx.switchToHttp().getRequest<FastifyRequest>().caller;
  if (!caller) throw new Error('Caller requested on a public route');
  return caller;
});
