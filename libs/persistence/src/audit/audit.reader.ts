import { Injectable } from '@nestjs/common';
import { EntityManager, type FilterQuery } from '@mikro-orm/core';
import type { AuditContracts } from '@billing/contracts';
import { AuditRecordEntity } from './audit-record.entity.js';

/** Reads one tenant's audit trail in this service's database, newest first. */
@Injectable()
export class AuditReader {
  constructor(private readonly em: EntityManager) {}

  async list(
    tenantId: string,
    query: AuditContracts.AuditQuery,
  ): Promise<Omit<AuditContracts.AuditPage, 'entries'> & { entries: Omit<AuditContracts.AuditEntry, 'service'>[] }> {
    const where: FilterQuery<AuditRecordEntity> = { tenantId };
    if (query.objectType) where.objectType = query.objectType;
    if (query.objectId) where.objectId = query.objectId;
    if (query.userId) where.userId = query.userId;
    if (query.from || query.to) {
      where.createdAt = { ...(query.from ? { $gte: new Date(query.from) } : {}), ...(query.to ? { $lte: new Date(query.to) } : {}) };
    }
    const [rows, total] = await this.em.fork().findAndCount(AuditRecordEntity, where, {
      orderBy: { createdAt: 'desc', id: 'desc' },
      offset: query.offset,
      limit: query.limit,
    });
    return {
      total,
      entries: rows.map((row) => ({
        id: row.id,
        at: row.createdAt.toISOString(),
        userId: row.userId,
        username: row.username,
        requestId: row.requestId ?? null,
        action: row.action,
        objectType: row.objectType,
        objectId: row.objectId,
        changes: row.changes,
      })),
    };
  }
}
