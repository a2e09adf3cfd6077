import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { NotAudited } from '@billing/persistence';

/**
 * Failed sign-ins per (username, client). Kept in the database, not in memory, so every replica
 * of the service throttles alike.
 */
@Entity({ tableName: 'login_attempt' })
@NotAudited()
export class LoginAttemptEntity {
  @PrimaryKey({ length: 320 })
  key!: string;

  @Property()
  failures: number = 0;

  @Property({ fieldName: 'locked_until', type: 'datetime', nullable: true })
  lockedUntil?: Date | null;

  @Property({ fieldName: 'updated_at', type: 'datetime' })
  updatedAt: Date = new Date();
}
