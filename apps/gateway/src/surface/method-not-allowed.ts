import { Injectable, MethodNotAllowedException, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, HTTPMethods } from 'fastify';

const METHODS: readonly HTTPMethods[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/**
 * 405 with Allow, derived from the routes that exist: every path the gateway serves answers the
 * methods it has no route for with 405 (before authentication), instead of a misleading 404. The
 * routes are read as they are registered, so no second list can drift from them.
 */
@Injectable()
export class MethodNotAllowedRoutes implements OnModuleInit {
  private readonly methodsByUrl = new Map<string, Set<string>>();
  private readonly fastify: FastifyInstance;

  constructor(adapter: HttpAdapterHost) {
    this.fastify = adapter.httpAdapter.getInstance<FastifyInstance>();
    // Providers are built before Nest registers its routes, so every route passes through here.
    this.fastify.addHook('onRoute', (route) => {
      const methods = this.methodsByUrl.get(route.url) ?? new Set<string>();
      for (const method of [route.method].flat()) methods.add(method);
      this.methodsByUrl.set(route.url, methods);
    });
  }

  /** Runs after Nest has registered every controller's routes. */
  onModuleInit(): void {
    for (const [url, methods] of [...this.methodsByUrl]) {
      const missing = METHODS.filter((method) => !methods.has(method));
      if (missing.length === 0 || url.includes('*')) continue;
      const allow = METHODS.filter((method) => methods.has(method)).join(', ');
      this.fastify.route({
        method: missing,
        url,
        handler: async (_request, reply) => {
          void reply.header('allow', allow);
          throw new MethodNotAllowedException(`This resource supports ${allow}`);
        },
      });
    }
  }
}
