import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { TenantOwned } from '@billing/persistence';
import type { TelephonyContracts } from '@billing/contracts';

/** One row per tenant that has changed its configuration; the others read the document's defaults. */
@Entity({ tableName: 'tenant_billing' })
@TenantOwned()
export class TenantBillingEntity {
  @PrimaryKey({ fieldName: 'tenant_id', length: 36 })
  tenantId!: string;

  @Property({ type: 'boolean' })
  enabled!: boolean;

  @Property({ length: 16, type: 'string' })
  account!: TelephonyContracts.TenantBilling['account'];

  @Property({ length: 16, type: 'string' })
  type!: TelephonyContracts.TenantBilling['type'];

  @Property({ fieldName: 'updated_at', type: 'datetime' })
  updatedAt: Date = new Date();
}
