import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { HealthContracts, type ServiceName } from '@billing/contracts';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/app.config.js';
import { RpcClient } from '@billing/rpc';

@Injectable()
export class ServiceHealthIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly rpc: RpcClient,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  nats() {
    const check = this.indicators.check('nats');
    return this.rpc.isConnected() ? check.up() : check.down({ message: 'not connected to NATS' });
  }

  /** Up when a replica of the service (and through it, its database) answers a ping in time. */
  async service(service: ServiceName) {
    const check = this.indicators.check(service);
    try {
      await this.rpc.request(HealthContracts.Ping[service], {}, undefined, this.config.healthTimeoutMs);
      return check.up();
    } catch (error) {
      return check.down({ message: error instanceof Error ? error.message : 'unavailable' });
    }
  }
}
