import { Module, type DynamicModule } from '@nestjs/common';
import { connectNats } from './nats.connection.js';
import { RpcClient } from './rpc.client.js';

export interface ServiceRpcConfig {
  service: string;
  nats: { url: string; namespace: string };
  rpcTimeoutMs: number;
}

/**
 * Gives a service an RpcClient for asking other services, on a connection of its own
 * (`billing-<service>-client`) so its requests never queue behind the answers it serves.
 */
@Module({})
export class ServiceRpcModule {
  static forRoot(config: ServiceRpcConfig): DynamicModule {
    return {
      module: ServiceRpcModule,
      global: true,
      providers: [
        {
          provide: RpcClient,
          useFactory: async () =>
            new RpcClient(await connectNats(config.service, config, 'client'), {
              namespace: config.nats.namespace,
              timeoutMs: config.rpcTimeoutMs,
            }),
        },
      ],
      exports: [RpcClient],
    };
  }
}
