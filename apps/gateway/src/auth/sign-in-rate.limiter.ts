import {
  applyDecorators,
  HttpException,
  HttpStatus,
  Inject,
  Injectable,
  UseGuards,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { ApiTooManyRequestsResponse } from '@nestjs/swagger';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/app.config.js';

const MINUTE_MS = 60_000;

type Check = ReturnType<FastifyInstance['createRateLimit']>;

/** Makes Fastify's rate limiter available to providers; no route is limited unless it asks. */
export async function registerRateLimiting(fastify: FastifyInstance): Promise<void> {
  await fastify.register(rateLimit, { global: false });
}

/**
 * Sign-in attempts, counted per client address (an IPv6 address by its /64) and for all addresses
 * together, each per minute. The address is checked first and a refused attempt does not count
 * against the global limit, so one address flooding uses at most its own share and everyone else
 * still signs in. One instance per gateway replica: every sign-in route shares its counters.
 */
@Injectable()
export class SignInRateLimiter {
  private checks?: { perAddress: Check; global: Check };

  constructor(
    private readonly adapter: HttpAdapterHost,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  /** Counts the attempt; throws 429 (with Retry-After, in seconds) when a limit is reached. */
  async admit(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const { perAddress, global } = this.limits();
    for (const check of [perAddress, global]) {
      const state = await check(request);
      if (!state.isAllowed && state.isExceeded) {
        void reply.header('retry-after', String(Math.max(1, state.ttlInSeconds)));
        throw new HttpException('Too many sign-in attempts; retry after the time in Retry-After', HttpStatus.TOO_MANY_REQUESTS);
      }
    }
  }

  /** Built on first use: the plugin is registered after the providers are created. */
  private limits(): { perAddress: Check; global: Check } {
    if (!this.checks) {
      const fastify = this.adapter.httpAdapter.getInstance<FastifyInstance>();
      const { perAddressPerMinute, globalPerMinute } = this.config.signInRate;
      this.checks = {
        perAddress: fastify.createRateLimit({ max: perAddressPerMinute, timeWindow: MINUTE_MS }),
        global: fastify.createRateLimit({ max: globalPerMinute, timeWindow: MINUTE_MS, keyGenerator: () => 'all' }),
      };
    }
    return this.checks;
  }
}

@Injectable()
export class SignInRateLimitGuard implements CanActivate {
  constructor(private readonly limiter: SignInRateLimiter) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    await this.limiter.admit(http.getRequest<FastifyRequest>(), http.getResponse<FastifyReply>());
    return true;
  }
}

/** A route that signs a user in (POST /auth/token, the entity API's login): limited as above. */
export const SignInRateLimited = (): MethodDecorator & ClassDecorator =>
  applyDecorators(
    UseGuards(SignInRateLimitGuard),
    ApiTooManyRequestsResponse({
      description: 'Too many sign-ins from this address or from all, or too many failures for this user; see Retry-After',
    }),
  );
