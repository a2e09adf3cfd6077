import { Controller, type Type } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { EntityManager } from '@mikro-orm/core';
import { CommonErrorCode, HealthContracts, type ServiceName } from '@billing/contracts';
import { DomainException } from '@billing/rpc';
import { pingDatabase } from './database-health.js';

const controllers = new Map<ServiceName, Type<unknown>>();

/** The service's answer to the gateway's health ping: up only while its database answers. */
export function databaseHealthController(service: ServiceName): Type<unknown> {
  const existing = controllers.get(service);
  if (existing) return existing;

  @Controller()
  class DatabaseHealthController {
    constructor(private readonly em: EntityManager) {}

    @MessagePattern(HealthContracts.Ping[service].pattern)
    async ping(): Promise<HealthContracts.PingResponse> {
      if (!(await pingDatabase(this.em))) {
        throw new DomainException(CommonErrorCode.Unavailable, `${service} database is not answering`);
      }
      return { service, status: 'up', database: 'up' };
    }
  }
  controllers.set(service, DatabaseHealthController);
  return DatabaseHealthController;
}
