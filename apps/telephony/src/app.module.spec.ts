import { Test } from '@nestjs/testing';
import { DatabaseProbe } from '@billing/persistence';
import { serviceHealthController } from '@billing/rpc';
import { migratedSqlite } from '@billing/testing';
import { AppModule } from './app.module.js';
import { loadConfig } from './config/app.config.js';
import { ormModel } from './orm-model.js';

describe('telephony service', () => {
  it('boots on its migrated database and answers the health ping', async () => {
    const db = await migratedSqlite('telephony', ormModel);
    const moduleRef = await Test.createTestingModule({
      imports: [AppModule.forRoot(loadConfig({ DATA_DIR: db.settings.dataDir }))],
    }).compile();
    await moduleRef.init();
    try {
      const health = moduleRef.get<{ ping(envelope: unknown): Promise<unknown> }>(serviceHealthController('telephony', DatabaseProbe), {
        strict: false,
      });
      await expect(health.ping({ data: {} })).resolves.toEqual({ service: 'telephony', status: 'up', database: 'up' });
    } finally {
      await moduleRef.close();
      db.remove();
    }
  });
});
