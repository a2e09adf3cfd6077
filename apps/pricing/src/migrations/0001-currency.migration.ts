import { Migration } from '@mikro-orm/migrations';
import { sqlTypes } from '@billing/persistence';

/** ISO 4217 currencies in common use: code, English name, local symbol, minor-unit digits. */
export const ISO_CURRENCIES: ReadonlyArray<[string, string, string, number]> = [
  ['AED', 'UAE Dirham', 'د.إ', 2],
  ['AUD', 'Australian Dollar', '$', 2],
  ['BRL', 'Brazilian Real', 'R$', 2],
  ['CAD', 'Canadian Dollar', '$', 2],
  ['CHF', 'Swiss Franc', 'CHF', 2],
  ['CNY', 'Yuan Renminbi', '¥', 2],
  ['CZK', 'Czech Koruna', 'Kč', 2],
  ['DKK', 'Danish Krone', 'kr', 2],
  ['EUR', 'Euro', '€', 2],
  ['GBP', 'Pound Sterling', '£', 2],
  ['HKD', 'Hong Kong Dollar', '$', 2],
  ['HUF', 'Forint', 'Ft', 2],
  ['IDR', 'Rupiah', 'Rp', 2],
  ['ILS', 'New Israeli Sheqel', '₪', 2],
  ['INR', 'Indian Rupee', '₹', 2],
  ['JPY', 'Yen', '¥', 0],
  ['KRW', 'Won', '₩', 0],
  ['MXN', 'Mexican Peso', '$', 2],
  ['MYR', 'Malaysian Ringgit', 'RM', 2],
  ['NOK', 'Norwegian Krone', 'kr', 2],
  ['NZD', 'New Zealand Dollar', '$', 2],
  ['PHP', 'Philippine Peso', '₱', 2],
  ['PLN', 'Zloty', 'zł', 2],
  ['SAR', 'Saudi Riyal', '﷼', 2],
  ['SEK', 'Swedish Krona', 'kr', 2],
  ['SGD', 'Singapore Dollar', '$', 2],
  ['THB', 'Baht', '฿', 2],
  ['TRY', 'Turkish Lira', '₺', 2],
  ['TWD', 'New Taiwan Dollar', 'NT$', 2],
  ['USD', 'US Dollar', '$', 2],
  ['ZAR', 'Rand', 'R', 2],
];

export class CurrencyMigration extends Migration {
  override async up(): Promise<void> {
    const t = sqlTypes(this.driver.getPlatform());
    this.addSql(
      `create table "currency" ("code" ${t.varchar(3)} not null primary key, "name" ${t.varchar(64)} not null, ` +
        `"symbol" ${t.varchar(8)} not null, "minor_units" integer not null)`,
    );
    const quote = (text: string) => `'${text.replaceAll("'", "''")}'`;
    const rows = ISO_CURRENCIES.map(([code, name, symbol, minor]) => `(${quote(code)}, ${quote(name)}, ${quote(symbol)}, ${minor})`);
    this.addSql(`insert into "currency" ("code", "name", "symbol", "minor_units") values ${rows.join(', ')}`);
  }
}
