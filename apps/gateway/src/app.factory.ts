import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { createLogger, PinoNestLogger } from '@billing/logging';
import { AppModule } from './app.module.js';
import type { GatewayConfig } from './config/app.config.js';
import { registerBodyParsers } from './http/body-parsers.js';
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
    bodyParser: false,
  });
  const fastify = app.getHttpAdapter().getInstance();
  await registerBodyParsers(fastify, { json: config.bodyLimitBytes, upload: config.uploadLimitBytes });
  registerRequestId(fastify);
  setupSwagger(app);
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  return app;
}
