import type { CallHandler, ExecutionContext } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/sql';
import { Migration } from '@mikro-orm/migrations';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { firstValueFrom, from, type Observable } from 'rxjs';
import { CommonErrorCode, DomainException, REPLAYED_REPLY } from '@billing/contracts';
import { runMigrations } from '../migrate.js';
import { buildOrmOptions, type DatabaseSettings } from '../orm-options.js';
import { IdempotencyRecordEntity } from './idempotency-record.entity.js';
import { IdempotentRepliesInterceptor } from './idempotent-replies.interceptor.js';

class ThingMigration extends Migration {
  override up(): void {
    this.addSql('create table "thing" ("id" integer not null primary key autoincrement, "name" varchar(64) not null)');
  }
}

const TENANT = 'tenant-a';
const SUBJECT = 'ns.things.thing.create';

/** An RPC call as Nest hands it to an interceptor: the envelope with its Idempotency-Key claim. */
function callWith(key: string): ExecutionContext {
  const envelope = { caller: { tenantId: TENANT }, data: {}, idempotency: { key, fingerprint: 'f'.repeat(64), call: 0 } };
  return {
    getType: () => 'rpc',
    switchToRpc: () => ({ getData: () => envelope, getContext: () => ({ getSubject: () => SUBJECT }) }),
    getHandler: () => function create() {},
  } as unknown as ExecutionContext;
}

describe('a keyed call whose work committed but whose answer was not stored', () => {
  let dataDir: string;
  let orm: MikroORM;
  let interceptor: IdempotentRepliesInterceptor;
  let runs: number;

  const things = async () => (await orm.em.getConnection().execute<{ n: number }[]>('select count(*) as n from thing'))[0]!.n;
  const record = (key: string) => orm.em.fork().findOneOrFail(IdempotencyRecordEntity, { tenantId: TENANT, keyHash: key });
  /** Runs the call through the interceptor; the handler inserts a thing in a transaction, then does `after`. */
  const send = async (key: string, after: () => Promise<void> | void = () => undefined): Promise<unknown> => {
    const handler: CallHandler = {
      handle: () =>
        from(
          (async () => {
            runs++;
            await orm.em.fork().transactional((em) => (em as EntityManager).execute('insert into thing (name) values (?)', [key], 'run'));
            await after();
            return { created: key };
          })(),
        ),
    };
    return firstValueFrom((await interceptor.intercept(callWith(key), handler)) as Observable<unknown>);
  };

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'idempotent-call-'));
    const settings: DatabaseSettings = { service: 'things', dataDir, poolMax: 1 };
    const options = buildOrmOptions(settings, { entities: [], migrations: [{ name: '0001', class: ThingMigration }] });
    await runMigrations(settings, options);
    orm = await MikroORM.init(options);
    interceptor = new IdempotentRepliesInterceptor(orm.em);
    runs = 0;
  });
  afterEach(async () => {
    await orm.close(true);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('marks its record COMMITTED in the transaction of its work, and keeps its answer once stored', async () => {
    let during: unknown;
    await expect(send('k1', async () => void (during = (await record('k1')).state))).resolves.toEqual({ created: 'k1' });
    expect(during).toBe('COMMITTED');
    expect(await record('k1')).toMatchObject({ state: 'DONE', reply: { response: { created: 'k1' } } });
    await expect(send('k1')).resolves.toEqual({ [REPLAYED_REPLY]: { created: 'k1' } });
    expect([runs, await things()]).toEqual([1, 1]);
  });

  it('does not run again after a fault that followed its commit: a repeat is told the answer was lost', async () => {
    await expect(
      send('k2', () => {
        throw new Error('the event could not be published');
      }),
    ).rejects.toThrow('the event could not be published');
    expect(await record('k2')).toMatchObject({ state: 'DONE', reply: { error: { code: CommonErrorCode.Conflict } } });
    const repeat = send('k2');
    await expect(repeat).rejects.toBeInstanceOf(DomainException);
    await expect(repeat).rejects.toThrow(/carried out \(at least in part\), but its answer was lost/);
    expect([runs, await things()]).toEqual([1, 1]);
  });

  it('after its process died (lease lapsed): a COMMITTED call is not run again, a RUNNING one is', async () => {
    const lapsed = new Date(Date.now() - 1000);
    const em = orm.em.fork();
    for (const [keyHash, state] of [
      ['committed', 'COMMITTED'],
      ['running', 'RUNNING'],
    ] as const) {
      em.create(IdempotencyRecordEntity, {
        tenantId: TENANT,
        keyHash,
        call: 0,
        pattern: SUBJECT,
        fingerprint: 'f'.repeat(64),
        state,
        leaseUntil: lapsed,
        createdAt: new Date(),
      });
    }
    await em.flush();

    await expect(send('committed')).rejects.toThrow(/answer was lost/);
    await expect(send('running')).resolves.toEqual({ created: 'running' });
    expect([runs, await things()]).toEqual([1, 1]);
    expect(await record('committed')).toMatchObject({ state: 'DONE', leaseUntil: null });
  });
});
