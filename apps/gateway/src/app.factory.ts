import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { createLogger, PinoNestLogger } from '@billing/logging';
import { AppModule } from './app.module.js';
import type { GatewayConfig } from './config/app.config.js';
import { GatewayLogController, registerRequestId, requestId } from './http/request-logging.js';
import { setupSwagger } from './http/swagger.js';

export async function createGatewayApp(config: GatewayConfig): Promise<NestFastifyApplication> {
  const logger = createLogger('gateway', config.logLevel);
  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    logController: new GatewayLogController(),
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    genReqId: requestId,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    logger: new PinoNestLogger(logger),
  });
  const fastify = app.getHttpAdapter().getInstance();
  // Every body the gateway reads is JSON (or a form); other types get a clear 415 instead of a string.
  fastify.removeContentTypeParser('text/plain');
  registerRequestId(fastify);
  setupSwagger(app);
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  return app;
}
