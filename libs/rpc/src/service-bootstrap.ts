import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { INestMicroservice } from '@nestjs/common';
import { createLogger, PinoNestLogger } from '@billing/logging';
import { NamespacedNatsServer } from './namespaced-nats.server.js';
import { natsConnectionOptions } from './nats.connection.js';
import { DomainRpcExceptionFilter } from './rpc-exception.filter.js';
import { logHandledMessagesTo } from './handles.decorator.js';

/** The part of a service's validated configuration that the transport needs. */
export interface ServiceBootstrapOptions {
  service: string;
  nats: { url: string; namespace: string };
  logLevel: string;
}

/**
 * Starts a service as a NATS microservice: one queue group per service so replicas share the load,
 * a connection named after the app, reconnects without limit, and a drain on SIGTERM/SIGINT.
 */
export async function bootstrapService(
  module: Parameters<typeof NestFactory.createMicroservice>[0],
  options: ServiceBootstrapOptions,
): Promise<INestMicroservice> {
  const logger = createLogger(options.service, options.logLevel);
  logHandledMessagesTo(logger);
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
  process.send?.({ type: 'ready' });
  return app;
}
