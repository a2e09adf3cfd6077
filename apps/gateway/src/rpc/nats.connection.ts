import type { NatsConnection } from '@nats-io/transport-node';
import { connectNats } from '@billing/rpc';
import type { GatewayConfig } from '../config/app.config.js';

export const NATS_CONNECTION = Symbol('NATS_CONNECTION');

/** The gateway's request connection, made as every app's is. */
export function connectGatewayNats(config: GatewayConfig): Promise<NatsConnection> {
  return connectNats('gateway', config);
}
