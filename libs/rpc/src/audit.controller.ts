import { Controller, Inject, type Type } from '@nestjs/common';
import { AuditContracts, type CallerContext, type ServiceName } from '@billing/contracts';
import { Handles } from './handles.decorator.js';

/** What reads a service's audit trail: libs/persistence's AuditReader, so the transport knows nothing of the ORM. */
export interface AuditTrail {
  list(
    tenantId: string,
    query: AuditContracts.AuditQuery,
  ): Promise<{ entries: Omit<AuditContracts.AuditEntry, 'service'>[]; total: number }>;
}

const controllers = new Map<ServiceName, Type<unknown>>();

/** The service's part of GET /api/audit: its own records of the caller's tenant. */
export function auditController(service: ServiceName, trail: Type<AuditTrail>): Type<unknown> {
  const existing = controllers.get(service);
  if (existing) return existing;

  @Controller()
  class AuditController {
    constructor(@Inject(trail) private readonly records: AuditTrail) {}

    @Handles(AuditContracts.AuditList[service])
    list(query: AuditContracts.AuditQuery, caller: CallerContext) {
      return this.records.list(caller.tenantId, query);
    }
  }
  controllers.set(service, AuditController);
  return AuditController;
}
