import { Test, type TestingModule } from '@nestjs/testing';
import { migratedSqlite, type MigratedDatabase } from '@billing/testing';
import { AppModule } from '../app.module.js';
import { loadConfig } from '../config/app.config.js';
import { ormModel } from '../orm-model.js';
import { CurrencyService } from './currency.service.js';

describe('CurrencyService on the migrated database', () => {
  let db: MigratedDatabase;
  let moduleRef: TestingModule;

  beforeAll(async () => {
    db = await migratedSqlite('pricing', ormModel);
    moduleRef = await Test.createTestingModule({
      imports: [AppModule.forRoot(loadConfig({ DATA_DIR: db.settings.dataDir }))],
    }).compile();
    await moduleRef.init();
  });
  afterAll(async () => {
    await moduleRef.close();
    db.remove();
  });

  it('lists the seeded ISO 4217 currencies by code, with name and symbol only', async () => {
    const { currencies } = await moduleRef.get(CurrencyService).list();
    const codes = currencies.map((c) => c.code);
    expect(codes).toEqual([...codes].sort());
    expect(codes).toEqual(expect.arrayContaining(['AUD', 'CAD', 'EUR', 'GBP', 'JPY', 'NZD', 'USD']));
    expect(currencies.find((c) => c.code === 'AUD')).toEqual({ code: 'AUD', name: 'Australian Dollar', symbol: '$' });
    expect(currencies.find((c) => c.code === 'EUR')).toEqual({ code: 'EUR', name: 'Euro', symbol: '€' });
  });
});
