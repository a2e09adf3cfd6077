import { HttpException, HttpStatus, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

const MINUTE_MS = 60_000;

type Check = ReturnType<FastifyInstance['createRateLimit']>;
type State = Awaited<ReturnType<Check>>;

export interface RequestRateLimits {
  /** Requests per client address per minute, counted before authentication; 0: no limit. */
  perClientPerMinute: number;
  /** Authenticated requests per tenant per minute; 0: no limit. */
  perTenantPerMinute: number;
}

/** A 429 in the request's surface shape (the one error filter), with the seconds left in the window. */
function refusal(state: State, reply: FastifyReply, whose: string): HttpException | undefined {
  if (state.isAllowed || !state.isExceeded) return undefined;
  void reply.header('retry-after', String(Math.max(1, state.ttlInSeconds)));
  return new HttpException(`Too many requests ${whose}; retry after the time in Retry-After`, HttpStatus.TOO_MANY_REQUESTS);
}

/**
 * The tenant's budget, checked after the auth guard has verified the caller (so the key is a claim
 * of a verified token, never something a client chose) and before anything is asked of a service.
 * Public routes (sign-in, health, docs) have no tenant: only the client limit applies to them.
 */
export class TenantRateLimitGuard implements CanActivate {
  private readonly check: Check;

  constructor(fastify: FastifyInstance, perMinute: number) {
    this.check = fastify.createRateLimit({
      max: perMinute,
      timeWindow: MINUTE_MS,
      keyGenerator: (request: FastifyRequest) => request.caller?.tenantId ?? '',
    });
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    if (!request.caller) return true;
    const refused = refusal(await this.check(request), http.getResponse<FastifyReply>(), 'for this tenant');
    if (refused) throw refused;
    return true;
  }
}

/**
 * Per-client and per-tenant request budgets, each a fixed one-minute window kept in this replica's
 * memory (with N replicas, a client or tenant may reach N times the limits); the plugin's store keeps
 * the 5,000 most recently seen keys of each.
 *
 * - Per client address (`request.ip`; an IPv6 address by its /64), in an `onRequest` hook: before
 *   the body is read or a token verified, so a flood, authenticated or not, costs one counter each.
 * - Per tenant, as a global guard that Nest runs after the auth guard (guards registered with
 *   `useGlobalGuards` follow the `APP_GUARD` providers).
 *
 * Over either: 429 with Retry-After, in the surface's error shape. Call after the rate-limit plugin
 * is registered (auth/sign-in-rate.limiter.ts) and after the security headers.
 */
export function registerRequestRateLimits(app: NestFastifyApplication, limits: RequestRateLimits): void {
  const fastify = app.getHttpAdapter().getInstance();
  if (limits.perClientPerMinute > 0) {
    const perClient = fastify.createRateLimit({ max: limits.perClientPerMinute, timeWindow: MINUTE_MS });
    fastify.addHook('onRequest', async (request, reply) => {
      const refused = refusal(await perClient(request), reply, 'from this client address');
      if (refused) throw refused;
    });
  }
  if (limits.perTenantPerMinute > 0) app.useGlobalGuards(new TenantRateLimitGuard(fastify, limits.perTenantPerMinute));
}
