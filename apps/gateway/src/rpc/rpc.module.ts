import { Global, Module } from '@nestjs/common';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/app.config.js';
import { connectGatewayNats, NATS_CONNECTION } from './nats.connection.js';
import { RpcClient } from './rpc.client.js';

@Global()
@Module({
  providers: [
    { provide: NATS_CONNECTION, inject: [GATEWAY_CONFIG], useFactory: (config: GatewayConfig) => connectGatewayNats(config) },
    RpcClient,
  ],
  exports: [RpcClient, NATS_CONNECTION],
})
export class RpcModule {}
