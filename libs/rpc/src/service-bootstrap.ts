import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { INestMicroservice, Type } from '@nestjs/common';
import { createLogger, PinoNestLogger } from '@billing/logging';
import { startOpsServer, startTracing, stopTracing, type ReadinessCheck, type TracingOptions } from '@billing/observability';
import { NamespacedNatsServer } from './namespaced-nats.server.js';
import { natsConnectionOptions } from './nats.connection.js';
import { DomainRpcExceptionFilter } from './rpc-exception.filter.js';
import { logHandledMessagesTo } from './handles.decorator.js';
import type { HealthProbe } from './service-health.controller.js';

/** The part of a service's validated configuration that the transport needs. */
export interface ServiceBootstrapOptions {
  service: string;
  nats: { url: string; namespace: string };
  logLevel: string;
  /** The ops listener (/livez, /readyz, /metrics) and tracing; without it (unit tests) neither starts. */
  observability?: {
    ops: { host: string; port: number };
    readinessTimeoutMs: number;
    tracing?: TracingOptions;
  };
  /** What /readyz asks besides NATS: the service's database (libs/persistence's DatabaseProbe). */
  readiness?: Type<HealthProbe>;
}

/**
 * Starts a service as a NATS microservice: one queue group per service so replicas share the load,
 * a connection named after the app, reconnects without limit, and a drain on SIGTERM/SIGINT. With
 * `observability`, tracing starts first (when a collector is configured) and the ops listener once
 * the service listens; both stop after the drain.
 */
export async function bootstrapService(
  module: Parameters<typeof NestFactory.createMicroservice>[0],
  options: ServiceBootstrapOptions,
): Promise<INestMicroservice> {
  const logger = createLogger(options.service, options.logLevel);
  logHandledMessagesTo(logger);
  await startTracing(options.observability?.tracing, logger);
  const strategy = new NamespacedNatsServer({
    ...natsConnectionOptions(options.service, options),
    namespace: options.nats.namespace,
    queue: `${options.nats.namespace}.${options.service}`,
  });
  const app = await NestFactory.createMicroservice(module, { strategy, logger: new PinoNestLogger(logger) });
  app.useGlobalFilters(new DomainRpcExceptionFilter());
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  await app.listen();
  logger.info({ namespace: options.nats.namespace }, `${options.service} listening on NATS`);
  if (options.observability) {
    const checks: ReadinessCheck[] = [{ name: 'nats', check: () => strategy.isServing() }];
    if (options.readiness) {
      const probe = app.get(options.readiness);
      checks.push({ name: 'database', check: () => probe.isUp() });
    }
    const { ops, readinessTimeoutMs } = options.observability;
    const server = await startOpsServer({ ...ops, checks, checkTimeoutMs: readinessTimeoutMs, logger });
    strategy.onClosed(async () => {
      await server.close();
      await stopTracing();
    });
  }
  process.send?.({ type: 'ready' });
  return app;
}
