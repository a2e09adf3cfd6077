import { Global, Module } from '@nestjs/common';
import { RpcClient } from '@billing/rpc';
import type { NatsConnection } from '@nats-io/transport-node';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/app.config.js';
import { connectGatewayNats, NATS_CONNECTION } from './nats.connection.js';

@Global()
@Module({
  providers: [
    { provide: NATS_CONNECTION, inject: [GATEWAY_CONFIG], useFactory: (config: GatewayConfig) => connectGatewayNats(config) },
    {
      provide: RpcClient,
      inject: [NATS_CONNECTION, GATEWAY_CONFIG],
      useFactory: (nc: NatsConnection, config: GatewayConfig) =>
        new RpcClient(nc, { namespace: config.nats.namespace, timeoutMs: config.rpcTimeoutMs }),
    },
  ],
  exports: [RpcClient, NATS_CONNECTION],
})
export class RpcModule {}
