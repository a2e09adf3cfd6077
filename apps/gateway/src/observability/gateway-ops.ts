import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { NatsConnection } from '@nats-io/transport-node';
import { startOpsServer, stopTracing, type OpsServer } from '@billing/observability';
import { watchNatsConnection } from '@billing/rpc';
import type { GatewayConfig } from '../config/app.config.js';
import { NATS_CONNECTION } from '../rpc/nats.connection.js';

/**
 * The gateway's ops listener (/livez, /readyz, /metrics), on its own port, never the public one.
 * Ready while NATS is connected and the public port listens (a down service does not make the
 * gateway unready: the other services' routes still work). Call it before `listen`: it hooks the
 * app's close, where readiness turns 503, then the listener closes and the last spans are sent.
 */
export async function startGatewayOps(app: NestFastifyApplication, config: GatewayConfig): Promise<OpsServer> {
  const fastify = app.getHttpAdapter().getInstance();
  const natsConnected = watchNatsConnection(app.get<NatsConnection>(NATS_CONNECTION));
  const httpServer = app.getHttpServer();
  const ops = await startOpsServer({
    ...config.observability.ops,
    checkTimeoutMs: config.observability.readinessTimeoutMs,
    logger: fastify.log,
    checks: [
      { name: 'nats', check: natsConnected },
      { name: 'http', check: () => httpServer.listening },
    ],
  });
  fastify.addHook('preClose', (done) => {
    ops.setDraining();
    done();
  });
  fastify.addHook('onClose', async () => {
    await ops.close();
    await stopTracing();
  });
  return ops;
}
