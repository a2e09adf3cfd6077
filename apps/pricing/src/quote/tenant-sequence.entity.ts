import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { NotAudited, TenantOwned, TenantOwnedEntity } from '@billing/persistence';

/** A per-tenant counter advanced inside the transaction that uses it, so a rollback gives its number back: no gaps. */
@Entity({ tableName: 'tenant_sequence' })
@TenantOwned()
@NotAudited()
export class TenantSequenceEntity extends TenantOwnedEntity {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ length: 32 })
  name!: string;

  @Property({ type: 'integer' })
  value!: number;
}
