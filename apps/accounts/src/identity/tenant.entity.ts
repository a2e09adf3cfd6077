import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/** An organization: the unit of data isolation. Its name appears in URLs, so it is unique. */
@Entity({ tableName: 'tenant' })
export class TenantEntity {
  @PrimaryKey({ length: 36 })
  id!: string;

  @Property({ length: 63, unique: true })
  name!: string;

  @Property({ fieldName: 'created_at', type: 'datetime' })
  createdAt: Date = new Date();
}
