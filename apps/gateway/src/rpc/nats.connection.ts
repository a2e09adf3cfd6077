import { connect, type NatsConnection } from '@nats-io/transport-node';
import type { GatewayConfig } from '../config/app.config.js';

export const NATS_CONNECTION = Symbol('NATS_CONNECTION');

/** The gateway's one NATS connection: named, reconnecting forever, so a NATS restart heals by itself. */
export function connectNats(config: GatewayConfig): Promise<NatsConnection> {
  return connect({
    servers: config.nats.url.split(','),
    name: 'billing-gateway',
    maxReconnectAttempts: -1,
    reconnectTimeWait: 1000,
  });
}
