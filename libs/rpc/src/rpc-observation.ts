import {
  context,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  type Context,
  type Span,
  type TextMapGetter,
  type TextMapSetter,
} from '@opentelemetry/api';
import { headers as natsHeaders, type MsgHdrs } from '@nats-io/transport-node';
import { CommonErrorCode, DomainException } from '@billing/contracts';
import { failSpan, rpcServerMetrics, tracer, tracingEnabled } from '@billing/observability';
import { RpcUnavailableException } from './rpc.exception.js';

/** W3C trace context (`traceparent`, `tracestate`) travels in NATS message headers. */
const headerSetter: TextMapSetter<MsgHdrs> = {
  set: (carrier, key, value) => carrier.set(key, value),
};

const headerGetter: TextMapGetter<MsgHdrs> = {
  keys: (carrier) => carrier.keys(),
  get: (carrier, key) => (carrier.has(key) ? carrier.get(key) : undefined),
};

/**
 * Runs a NATS request inside a client span named after the pattern, handing `send` the headers that
 * carry the span's context to the service. Only called while tracing is on.
 */
export function traceRpcRequest<T>(pattern: string, subject: string, send: (headers: MsgHdrs) => Promise<T>): Promise<T> {
  return tracer().startActiveSpan(
    pattern,
    { kind: SpanKind.CLIENT, attributes: { 'rpc.system': 'nats', 'rpc.method': pattern, 'messaging.destination.name': subject } },
    async (span) => {
      const headers = natsHeaders();
      propagation.inject(context.active(), headers, headerSetter);
      try {
        return await send(headers);
      } catch (error) {
        failSpan(span, clientErrorCode(error));
        throw error;
      } finally {
        span.end();
      }
    },
  );
}

function clientErrorCode(error: unknown): string {
  if (error instanceof RpcUnavailableException) return `${error.code}:${error.reason}`;
  return error instanceof DomainException ? error.code : CommonErrorCode.Internal;
}

/** The context a request's headers carry (the caller's client span), or none. */
export function contextFromHeaders(headers: MsgHdrs | undefined): Context {
  return headers ? propagation.extract(ROOT_CONTEXT, headers, headerGetter) : ROOT_CONTEXT;
}

const SERVER_SPAN = { kind: SpanKind.SERVER, attributes: { 'rpc.system': 'nats' } } as const;

/**
 * Counts and times one handled message under its pattern and outcome (`ok`, or the code of the
 * error it answers with), and while tracing is on runs it in a server span: a child of the client
 * span whose context the message's headers carried (made active by the NATS server), and the
 * parent of the spans of the queries it makes.
 */
export function observeHandler<T, A>(pattern: string, run: (this: T, arg: A) => unknown, self: T, arg: A): unknown {
  if (!tracingEnabled()) return measure(pattern, run, self, arg, undefined);
  return tracer().startActiveSpan(pattern, SERVER_SPAN, (span) => {
    span.setAttribute('rpc.method', pattern);
    return measure(pattern, run, self, arg, span);
  });
}

function measure<T, A>(pattern: string, run: (this: T, arg: A) => unknown, self: T, arg: A, span: Span | undefined): unknown {
  const started = performance.now();
  let result: unknown;
  try {
    result = run.call(self, arg);
  } catch (error) {
    settle(pattern, started, span, true, error);
    throw error;
  }
  if (!(result instanceof Promise)) {
    settle(pattern, started, span, false);
    return result;
  }
  return result.then(
    (value: unknown) => {
      settle(pattern, started, span, false);
      return value;
    },
    (error: unknown) => {
      settle(pattern, started, span, true, error);
      throw error;
    },
  );
}

function settle(pattern: string, started: number, span: Span | undefined, failed: boolean, error?: unknown): void {
  const outcome = !failed ? 'ok' : error instanceof DomainException ? error.code : CommonErrorCode.Internal;
  rpcServerMetrics()
    .series(pattern, outcome)
    .observe((performance.now() - started) / 1000);
  if (span) {
    if (failed) failSpan(span, outcome, error instanceof DomainException ? error.message : undefined);
    span.end();
  }
}
