import { Controller, Inject, type Type } from '@nestjs/common';
import { CommonErrorCode, DomainException, HealthContracts, type ServiceName } from '@billing/contracts';
import { Handles } from './handles.decorator.js';

/** Asks whether something the service cannot answer without (its database) answers itself. */
export interface HealthProbe {
  isUp(): Promise<boolean>;
}

const controllers = new Map<ServiceName, Type<unknown>>();

/**
 * The service's answer to the gateway's health ping: up only while its database answers. The probe
 * is a provider the app's database layer supplies (libs/persistence's DatabaseProbe), so the
 * transport knows nothing of the ORM.
 */
export function serviceHealthController(service: ServiceName, database: Type<HealthProbe>): Type<unknown> {
  const existing = controllers.get(service);
  if (existing) return existing;

  @Controller()
  class ServiceHealthController {
    constructor(@Inject(database) private readonly probe: HealthProbe) {}

    @Handles(HealthContracts.Ping[service], { anonymous: true })
    async ping(): Promise<HealthContracts.PingResponse> {
      if (!(await this.probe.isUp())) {
        throw new DomainException(CommonErrorCode.Unavailable, `${service} database is not answering`);
      }
      return { service, status: 'up', database: 'up' };
    }
  }
  controllers.set(service, ServiceHealthController);
  return ServiceHealthController;
}
