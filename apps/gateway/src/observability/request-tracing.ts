import type { FastifyInstance } from 'fastify';
import { context, propagation, ROOT_CONTEXT, SpanKind, trace, type Context } from '@opentelemetry/api';
import { failSpan, tracer } from '@billing/observability';
import { UNMATCHED_ROUTE } from './request-metrics.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The request's server span, as the active context (set only while tracing is on). */
    traceContext: Context | null;
  }
}

/**
 * A server span per request, named `<METHOD> <route template>`, continuing a client's W3C
 * `traceparent` when it sends one. Its context is made active for the rest of the request (and again
 * just before the handler, in case reading the body resumed in another async context), so the RPC
 * client's spans become its children. Registered only while tracing is on.
 */
export function registerRequestTracing(fastify: FastifyInstance): void {
  fastify.decorateRequest('traceContext', null);
  fastify.addHook('onRequest', (request, _reply, done) => {
    const route = request.routeOptions.url ?? UNMATCHED_ROUTE;
    const parent = propagation.extract(ROOT_CONTEXT, request.headers);
    const span = tracer().startSpan(
      `${request.method} ${route}`,
      {
        kind: SpanKind.SERVER,
        attributes: { 'http.request.method': request.method, 'http.route': route, 'billing.request_id': String(request.id) },
      },
      parent,
    );
    request.traceContext = trace.setSpan(parent, span);
    context.with(request.traceContext, done);
  });
  fastify.addHook('preHandler', (request, _reply, done) => {
    if (request.traceContext) context.with(request.traceContext, done);
    else done();
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    const span = request.traceContext && trace.getSpan(request.traceContext);
    if (span) {
      span.setAttribute('http.response.status_code', reply.statusCode);
      if (reply.statusCode >= 500) failSpan(span, String(reply.statusCode));
      span.end();
      request.traceContext = null;
    }
    done();
  });
  fastify.addHook('onRequestAbort', (request, done) => {
    const span = request.traceContext && trace.getSpan(request.traceContext);
    if (span) {
      failSpan(span, 'aborted', 'The client closed the connection');
      span.end();
      request.traceContext = null;
    }
    done();
  });
}
