import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/** ISO 4217 reference data, shared by every tenant. */
@Entity({ tableName: 'currency' })
export class CurrencyEntity {
  @PrimaryKey({ length: 3 })
  code!: string;

  @Property({ length: 64 })
  name!: string;

  @Property({ length: 8 })
  symbol!: string;

  /** Digits after the decimal point in the currency's minor unit (JPY 0, USD 2, BHD 3): how money rounds. */
  @Property({ fieldName: 'minor_units' })
  minorUnits!: number;
}
