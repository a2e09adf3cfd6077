import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { TelephonyContracts, type CallerContext, ValidationException } from '@billing/contracts';
import { tenantScope } from '@billing/persistence';
import { TenantBillingEntity } from './tenant-billing.entity.js';

const DEFAULTS: TelephonyContracts.TenantBilling = { enabled: false, account: 'TENANT', type: 'OFFLINE' };
const FIELDS = ['enabled', 'account', 'type'] as const;

@Injectable()
export class TenantBillingService {
  constructor(private readonly em: EntityManager) {}

  async get(caller: CallerContext): Promise<TelephonyContracts.TenantBilling> {
    const row = await tenantScope(this.em, caller.tenantId).findOne(TenantBillingEntity, { tenantId: caller.tenantId });
    return row ? { enabled: row.enabled, account: row.account, type: row.type } : { ...DEFAULTS };
  }

  /** Every field is optional; what is given must be valid, or nothing changes. */
  async update(caller: CallerContext, changes: Record<string, unknown>): Promise<TelephonyContracts.TenantBilling> {
    // The gateway sends objects only; a service does not trust that for its own answer to be a 400.
    if (typeof changes !== 'object' || changes === null || Array.isArray(changes)) {
      throw new ValidationException('The body must be a JSON object of fields to change');
    }
    const problems = [
      ...Object.keys(changes)
        .filter((key) => !(FIELDS as readonly string[]).includes(key))
        .map((key) => `unknown field "${key}"`),
      ...('enabled' in changes && typeof changes['enabled'] !== 'boolean' ? ['enabled must be true or false'] : []),
      ...('account' in changes && !TelephonyContracts.BILLING_ACCOUNTS.includes(changes['account'] as never)
        ? ['account must be TENANT or USER']
        : []),
      ...('type' in changes && !TelephonyContracts.BILLING_TYPES.includes(changes['type'] as never)
        ? ['type must be OFFLINE or ONLINE']
        : []),
    ];
    if (problems.length > 0) throw new ValidationException(problems.join('; '), { problems });

    const next = { ...(await this.get(caller)), ...(changes as Partial<TelephonyContracts.TenantBilling>) };
    // The tenant is this row's primary key, which an upsert must name; the scope checks it is its own.
    await tenantScope(this.em, caller.tenantId).upsert(TenantBillingEntity, {
      tenantId: caller.tenantId,
      ...next,
      updatedAt: new Date(),
    });
    return next;
  }
}
