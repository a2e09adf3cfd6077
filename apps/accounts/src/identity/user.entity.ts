import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { TenantOwned, TenantOwnedEntity } from '@billing/persistence';
import type { Role } from '@billing/contracts';

@Entity({ tableName: 'app_user' })
@TenantOwned()
export class UserEntity extends TenantOwnedEntity {
  @PrimaryKey({ length: 36 })
  id!: string;

  /** Lower-cased; unique across tenants because sign-in names no tenant. */
  @Property({ length: 64, unique: true })
  username!: string;

  @Property({ fieldName: 'password_hash', length: 255, hidden: true })
  passwordHash!: string;

  @Property({ type: 'json' })
  roles!: Role[];

  /** The bootstrap admin of the first tenant: the only one who may create tenants. */
  @Property()
  operator: boolean = false;

  /** Cannot sign in, and its tokens do not count. */
  @Property()
  disabled: boolean = false;

  /** Tokens issued before the last raise no longer count. */
  @Property({ fieldName: 'token_version' })
  tokenVersion: number = 0;

  @Property({ fieldName: 'created_at', type: 'datetime' })
  createdAt: Date = new Date();
}
