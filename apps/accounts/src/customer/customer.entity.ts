import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { TenantOwned, TenantOwnedEntity } from '@billing/persistence';
import type { AccountsContracts } from '@billing/contracts';

const text = (length: number) => ({ length, type: 'string', nullable: true }) as const;

/** Document 001's Customer; the address is kept in columns of its own row. */
@Entity({ tableName: 'customer' })
@TenantOwned()
export class CustomerEntity extends TenantOwnedEntity {
  /** Assigned by the database, never reused. */
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ fieldName: 'first_name', ...text(255) })
  firstName?: string | null;

  @Property({ fieldName: 'last_name', ...text(255) })
  lastName?: string | null;

  @Property({ fieldName: 'organization_name', ...text(255) })
  organizationName?: string | null;

  @Property(text(255))
  email?: string | null;

  @Property(text(32))
  phone?: string | null;

  @Property(text(255))
  street?: string | null;

  @Property(text(255))
  city?: string | null;

  @Property(text(255))
  state?: string | null;

  @Property({ fieldName: 'zip_code', ...text(32) })
  zipCode?: string | null;

  @Property({ fieldName: 'country_code', ...text(2) })
  countryCode?: string | null;

  @Property({ length: 16, type: 'string' })
  status!: AccountsContracts.Customer['status'];

  @Property({ fieldName: 'created_at', type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ fieldName: 'updated_at', type: 'datetime' })
  updatedAt: Date = new Date();
}
