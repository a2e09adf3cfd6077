import { createLogger } from '@billing/logging';
import { startTracing } from '@billing/observability';
import { createGatewayApp } from './app.factory.js';
import { loadConfig } from './config/app.config.js';
import { startGatewayOps } from './observability/gateway-ops.js';

const config = loadConfig();
// Before the app, whose request hooks are traced only if tracing is on (OTEL_EXPORTER_OTLP_ENDPOINT).
await startTracing(config.observability.tracing, createLogger('gateway', config.logLevel));
const app = await createGatewayApp(config);
await startGatewayOps(app, config);
await app.listen({ port: config.port, host: config.host });
process.send?.({ type: 'ready' });
