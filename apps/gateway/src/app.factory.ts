import 'reflect-metadata';
import type { Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { createLogger, PinoNestLogger } from '@billing/logging';
import { tracingEnabled } from '@billing/observability';
import { AppModule } from './app.module.js';
import { registerRateLimiting } from './auth/sign-in-rate.limiter.js';
import type { GatewayConfig } from './config/app.config.js';
import { registerQueryKeyCheck } from './http/body-limits.js';
import { registerBodyParsers } from './http/body-parsers.js';
import { registerControlCharacterCheck } from './http/control-characters.js';
import { registerRequestRateLimits } from './http/rate-limits.js';
import { GatewayLogController, registerRequestId, requestId } from './http/request-logging.js';
import { clientErrorHandler, frameworkErrors, registerSecurityHeaders } from './http/security-headers.js';
import { setupSwagger } from './http/swagger.js';
import { registerRequestMetrics } from './observability/request-metrics.js';
import { registerRequestTracing } from './observability/request-tracing.js';

export interface GatewayAppOptions {
  /** For tests: dialects of their own beside the real ones. */
  dialects?: readonly Type<unknown>[];
  /** Swagger UI's static files load through a dynamic import that Jest's VM cannot run. */
  swaggerUi?: boolean;
}

export async function createGatewayApp(config: GatewayConfig, options: GatewayAppOptions = {}): Promise<NestFastifyApplication> {
  const logger = createLogger('gateway', config.logLevel);
  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    logController: new GatewayLogController(),
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    genReqId: requestId,
    clientErrorHandler,
    frameworkErrors,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, options.dialects), adapter, {
    logger: new PinoNestLogger(logger),
    bodyParser: false,
    // A boot failure is thrown to the caller (and printed by Node), not swallowed by process.exit.
    abortOnError: false,
  });
  const fastify = app.getHttpAdapter().getInstance();
  await registerSecurityHeaders(fastify, config.corsOrigins);
  await registerBodyParsers(fastify, { json: config.bodyLimitBytes, upload: config.uploadLimitBytes, ...config.bodyShape });
  registerControlCharacterCheck(fastify);
  registerQueryKeyCheck(fastify);
  await registerRateLimiting(fastify);
  registerRequestId(fastify);
  registerRequestMetrics(fastify);
  if (tracingEnabled()) registerRequestTracing(fastify);
  registerRequestRateLimits(app, config.rateLimit);
  if (options.swaggerUi !== false) setupSwagger(app);
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  return app;
}
