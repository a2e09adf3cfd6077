import { diag, DiagLogLevel, SpanStatusCode, trace, type Span, type Tracer } from '@opentelemetry/api';
import type { Logger } from '@billing/logging';

export interface TracingOptions {
  /** The collector's OTLP/HTTP base URL; spans are posted (as JSON) to `<endpoint>/v1/traces`. */
  endpoint: string;
  serviceName: string;
  /** How long finished spans wait to be sent in a batch. */
  scheduleDelayMs: number;
}

interface ActiveTracing {
  tracer: Tracer;
  shutdown(): Promise<void>;
}

let active: ActiveTracing | undefined;

/**
 * True once `startTracing` ran with a collector configured. Every instrumentation point checks this
 * first and does nothing else when it is false: no span objects, no headers, no context switches.
 */
export function tracingEnabled(): boolean {
  return active !== undefined;
}

/** The process's tracer (the API's no-op tracer while tracing is off). */
export function tracer(): Tracer {
  return active?.tracer ?? trace.getTracer('billing');
}

/**
 * Starts the OpenTelemetry SDK when a collector is configured, and does nothing otherwise: the SDK
 * packages are imported only here, so a process without OTEL_EXPORTER_OTLP_ENDPOINT never loads
 * them. Registers the W3C trace-context propagator and an AsyncLocalStorage context manager, so a
 * span started while handling a request is the parent of every span started by what it awaits.
 */
export async function startTracing(options: TracingOptions | undefined, logger?: Pick<Logger, 'info' | 'warn'>): Promise<void> {
  if (!options || active) return;
  const [{ BatchSpanProcessor, TracerProvider }, { OTLPTraceExporter }, { defaultResource, resourceFromAttributes }, core, hooks, api] =
    await Promise.all([
      import('@opentelemetry/sdk-trace'),
      import('@opentelemetry/exporter-trace-otlp-http'),
      import('@opentelemetry/resources'),
      import('@opentelemetry/core'),
      import('@opentelemetry/context-async-hooks'),
      import('@opentelemetry/api'),
    ]);
  if (logger) {
    // Export failures (collector down) are worth a warning line, not silence and not a crash.
    const warn = (message: string) => logger.warn(`otel: ${message.slice(0, 1000)}`);
    diag.setLogger({ error: warn, warn, info: () => undefined, debug: () => undefined, verbose: () => undefined }, DiagLogLevel.WARN);
  }
  const exporter = new OTLPTraceExporter({ url: `${options.endpoint.replace(/\/+$/, '')}/v1/traces` });
  const provider = new TracerProvider({
    resource: defaultResource().merge(resourceFromAttributes({ 'service.name': options.serviceName })),
    spanProcessors: [new BatchSpanProcessor({ exporter, scheduledDelayMillis: options.scheduleDelayMs })],
  });
  const contextManager = new hooks.AsyncLocalStorageContextManager().enable();
  api.context.setGlobalContextManager(contextManager);
  api.propagation.setGlobalPropagator(new core.W3CTraceContextPropagator());
  api.trace.setGlobalTracerProvider(provider);
  active = {
    tracer: provider.getTracer('billing'),
    shutdown: async () => {
      await provider.shutdown();
      api.trace.disable();
      api.propagation.disable();
      api.context.disable();
    },
  };
  logger?.info({ otlpEndpoint: options.endpoint, serviceName: options.serviceName }, 'tracing on');
}

/** How long shutdown waits for the last spans to be sent: a collector that is down must not hold the exit. */
const FLUSH_AT_EXIT_MS = 3000;

/** Sends the spans still waiting and stops tracing (at shutdown, after the app has drained). */
export async function stopTracing(): Promise<void> {
  const stopping = active;
  active = undefined;
  if (!stopping) return;
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    stopping.shutdown().catch(() => undefined),
    new Promise<void>((resolve) => (timer = setTimeout(resolve, FLUSH_AT_EXIT_MS).unref())),
  ]);
  clearTimeout(timer);
}

/** Marks a span failed with the error's code (a domain code such as NOT_FOUND, or the error's name). */
export function failSpan(span: Span, code: string, message?: string): void {
  span.setAttribute('error.type', code);
  span.setStatus({ code: SpanStatusCode.ERROR, message: message ?? code });
}
