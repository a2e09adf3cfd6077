import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction, onResponseHookHandler } from 'fastify';
import { httpServerMetrics } from '@billing/observability';

/** The route label of requests no route matched (404s, 405s): never the raw URL, which a client chooses. */
export const UNMATCHED_ROUTE = 'unmatched';

const RECORDS = Symbol('records request metrics');

/**
 * Counts and times every request (`http_requests_total`, `http_request_duration_seconds`) by route
 * template, method and status. Each route gets its own onResponse hook holding its template, so a
 * request costs one lookup of its series and one observe, and allocates nothing once its label set
 * has been seen. Requests no route matched share the label `unmatched`.
 */
export function registerRequestMetrics(fastify: FastifyInstance): void {
  const metrics = httpServerMetrics();
  fastify.addHook('onRoute', (route) => {
    const hooks = route.onResponse === undefined ? [] : Array.isArray(route.onResponse) ? route.onResponse : [route.onResponse];
    // Fastify copies a GET route's options into its HEAD route: one recording hook per route.
    if (hooks.some((hook) => RECORDS in hook)) return;
    const template = route.url;
    const record = Object.assign(
      (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => {
        metrics.series(template, request.method, reply.statusCode).observe(reply.elapsedTime / 1000);
        done();
      },
      { [RECORDS]: true },
    );
    route.onResponse = [...hooks, record as onResponseHookHandler];
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    if (request.is404) metrics.series(UNMATCHED_ROUTE, request.method, reply.statusCode).observe(reply.elapsedTime / 1000);
    done();
  });
}
