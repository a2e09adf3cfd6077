import { MikroORM } from '@mikro-orm/sqlite';
import { buildOrmOptions } from '@billing/persistence';
import { migratedSqlite, type MigratedDatabase } from '@billing/testing';
import { ormModel } from '../orm-model.js';
import { CurrencyService } from './currency.service.js';

describe('CurrencyService on the migrated database', () => {
  let db: MigratedDatabase;
  let orm: MikroORM;

  beforeAll(async () => {
    db = await migratedSqlite('pricing', ormModel);
    orm = await MikroORM.init(buildOrmOptions(db.settings, ormModel));
  });
  afterAll(async () => {
    await orm.close(true);
    db.remove();
  });

  it('lists the seeded ISO 4217 currencies by code, with name and symbol only', async () => {
    const { currencies } = await new CurrencyService(orm.em).list();
    const codes = currencies.map((c) => c.code);
    expect(codes).toEqual([...codes].sort());
    expect(codes).toEqual(expect.arrayContaining(['AUD', 'CAD', 'EUR', 'GBP', 'JPY', 'NZD', 'USD']));
    expect(currencies.find((c) => c.code === 'AUD')).toEqual({ code: 'AUD', name: 'Australian Dollar', symbol: '$' });
    expect(currencies.find((c) => c.code === 'EUR')).toEqual({ code: 'EUR', name: 'Euro', symbol: '€' });
  });
});
