import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import pg from 'pg';
import { holdPostgresTransaction, queryPostgres, startPlatform, type DatabaseKind, type RunningPlatform } from '@billing/testing';
import { UK_RATE } from './fixtures.js';
import { http, type HttpResult } from './http.js';
import { delay, eventually, openDescriptors, residentBytes, startPrivateNats, type PrivateNats } from './resilience-support.js';

const DATABASES: DatabaseKind[] = ['sqlite', 'postgres'];
/** Every app's request deadline in this suite: short, so that waiting it out keeps the suite fast. */
const RPC_TIMEOUT_MS = 1500;
const BILLING = '/api/rest/v2.9/billing';

/**
 * Faults under load, each on SQLite and PostgreSQL: a service process killed (-9) while clients
 * write, a service stalled by a lock (the gateway's 504 and its own bounds), PostgreSQL connections
 * killed inside a transaction, and a NATS restart. The platform runs on a nats-server of the suite's
 * own, so the restart touches no other suite.
 */
describe.each(DATABASES)('resilience under faults (%s)', (database) => {
  let nats: PrivateNats;
  let platform: RunningPlatform;
  let admin: string;
  let customerId: number;

  const api = (path: string, init: Parameters<typeof http>[2] = {}) => http(platform.baseUrl, path, { token: admin, ...init });
  const lines = (count: number) => Array.from({ length: count }, () => ({ productCode: 'fault-vm', quantity: 1 }));
  const quote = (lineCount: number) => api(`${BILLING}/quotes`, { json: { customerId, currency: 'USD', lines: lines(lineCount) } });

  beforeAll(async () => {
    nats = await startPrivateNats();
    platform = await startPlatform({ database, env: { NATS_URL: nats.url, RPC_TIMEOUT_MS: String(RPC_TIMEOUT_MS) } });
    admin = await platform.token('admin', platform.adminPassword);
    customerId = (await api('/api/v01/customers', { method: 'PUT', json: { organizationName: 'Fault Co' } })).body.id;
    const product = {
      code: 'fault-vm',
      name: 'VM',
      unit: 'month',
      chargeType: 'RECURRING',
      prices: [{ currency: 'USD', unitPrice: '10' }],
    };
    expect((await api(`${BILLING}/products`, { json: product })).status).toBe(200);
    expect((await api('/api/call_rates', { json: UK_RATE })).status).toBe(200);
  }, 60_000);
  afterAll(async () => {
    await platform?.stop();
    await nats?.close();
  });

  it('answers 504 at RPC_TIMEOUT_MS to 200 concurrent writes to a stalled service, with its memory and connections bounded', async () => {
    const gateway = platform.pid('gateway')!;
    // Warm the gateway with the same burst answered normally, so the baseline is a working process's.
    const warm = await Promise.all(Array.from({ length: 200 }, () => rawRequest(platform.baseUrl, 'GET', `${BILLING}/currencies`, admin)));
    expect(warm.filter((r) => r.status !== 200)).toEqual([]);
    await delay(200);
    const baseline = { rss: residentBytes(gateway), fds: openDescriptors(gateway) };

    let peakRss = baseline.rss;
    let peakFds = baseline.fds;
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, residentBytes(gateway));
      peakFds = Math.max(peakFds, openDescriptors(gateway));
    }, 20);
    const release = await holdProductWrites(platform, database);
    let answers: RawAnswer[];
    try {
      answers = await Promise.all(
        Array.from({ length: 200 }, (_, i) =>
          rawRequest(platform.baseUrl, 'POST', `${BILLING}/products`, admin, {
            code: `slow-${i}`,
            name: 'Slow',
            unit: 'each',
            chargeType: 'ONE_OFF',
            prices: [{ currency: 'USD', unitPrice: '1' }],
          }),
        ),
      );
    } finally {
      await release();
      clearInterval(sampler);
    }

    expect(answers.filter((a) => a.status !== 504)).toEqual([]);
    const times = answers.map((a) => a.ms).sort((a, b) => a - b);
    expect(times[0]).toBeGreaterThanOrEqual(RPC_TIMEOUT_MS - 50);
    expect(times[times.length - 1]).toBeLessThan(RPC_TIMEOUT_MS + 1000);
    // 200 requests open at once cost the gateway a few MB and a socket each, no more, and all of it is given back.
    expect(peakRss - baseline.rss).toBeLessThan(64 * 1024 * 1024);
    expect(peakFds - baseline.fds).toBeLessThan(250);
    const settled = await eventually(
      async () => openDescriptors(gateway),
      (fds) => fds <= baseline.fds + 5,
      5_000,
    );
    expect(settled).toBeLessThanOrEqual(baseline.fds + 5);

    // The service works through what was queued; the platform answers normally afterwards.
    expect((await api(`${BILLING}/currencies`)).status).toBe(200);
    const after = await eventually(
      () => api(`${BILLING}/products`, { json: { ...productBody('after-slow') } }),
      (res) => res.status === 200,
      10_000,
      100,
    );
    expect(after.status).toBe(200);
  });

  it('kill -9 of a service under 20 writing clients: every 2xx is stored once, the rest fail fast, keyed retries end with one record each', async () => {
    interface Attempt {
      name: string;
      key?: string;
      status: number;
      ms: number;
    }
    const attempts: Attempt[] = [];
    let killed = false;
    const write = (name: string, key?: string) =>
      api('/api/v01/customers', { method: 'PUT', json: { organizationName: name }, headers: key ? { 'idempotency-key': key } : {} });
    // Even clients send an Idempotency-Key with every write, odd ones none. Each stops at its first failure after the kill.
    const client = async (c: number) => {
      for (let n = 0; ; n++) {
        const name = `kill9-${c}-${n}`;
        const key = c % 2 === 0 ? randomUUID() : undefined;
        const started = Date.now();
        const res = await write(name, key);
        attempts.push({ name, key, status: res.status, ms: Date.now() - started });
        if (killed && res.status !== 201) return;
      }
    };
    const clients = Array.from({ length: 20 }, (_, c) => client(c));
    await eventually(
      async () => attempts.length,
      (n) => n >= 60,
      20_000,
    );
    killed = true;
    // On PostgreSQL, first stop the writes in flight just before they commit (a lock on the audit table),
    // so the kill always catches keyed calls that are running: their records are left RUNNING.
    const stall = database === 'postgres' ? await stallBeforeCommit(platform.databaseUrl!, 'accounts') : undefined;
    const stalled = await stall?.stopped(8); // of the accounts pool's 10 connections
    await platform.kill('accounts', 'SIGKILL');
    await stall?.release();
    await Promise.all(clients);

    expect(attempts.filter((a) => ![201, 503, 504].includes(a.status))).toEqual([]);
    const failed = attempts.filter((a) => a.status !== 201);
    expect(failed.length).toBeGreaterThanOrEqual(20);
    expect(failed.filter((a) => a.ms > RPC_TIMEOUT_MS + 1000)).toEqual([]);

    await platform.startApp('accounts');
    // A keyed write the killed process was running is settled once its lease lapses (15 s; until then 409
    // "still being processed"): run again if none of its work had committed, or, if it had, answered 409
    // "carried out, but its answer was lost". Either way the customer exists once.
    const finalAnswer = (res: HttpResult) => res.status === 201 || (res.status === 409 && res.body.error.code === 'CONFLICT');
    let waitedForLease = 0;
    const retried = await Promise.all(
      failed
        .filter((a) => a.key)
        .map(async (a) => {
          const deadline = Date.now() + 30_000;
          for (;;) {
            const res = await write(a.name, a.key);
            if (finalAnswer(res) || Date.now() > deadline) return { name: a.name, status: res.status, code: res.body?.error?.code };
            if (res.body?.error?.code === 'IDEMPOTENCY_IN_PROGRESS') waitedForLease++;
            await delay(250);
          }
        }),
    );
    expect(retried.filter((r) => r.status !== 201 && r.code !== 'CONFLICT')).toEqual([]);
    // On PostgreSQL the kill caught running keyed calls: their retries waited for the lease, then ran once.
    if (stalled)
      expect({ stopped: stalled.waiting > 0, waitedForLease: waitedForLease > 0 }).toEqual({ stopped: true, waitedForLease: true });

    const stored = await countByName(platform, database, 'accounts', 'customer', 'organization_name', 'kill9-%');
    const times = (name: string) => stored.get(name) ?? 0;
    expect([...stored].filter(([, count]) => count > 1)).toEqual([]);
    expect(attempts.filter((a) => a.status === 201 && times(a.name) !== 1)).toEqual([]);
    expect(attempts.filter((a) => a.key && times(a.name) !== 1)).toEqual([]);
    expect((await write('kill9-after')).status).toBe(201);
  }, 90_000);

  (database === 'postgres' ? it : it.skip)(
    'leaves nothing of a 50-line quote whose connections are killed mid-transaction; the services reconnect and the next quote succeeds',
    async () => {
      const url = platform.databaseUrl!;
      const first = await quote(50);
      expect(first.status).toBe(200);
      const counts = async () =>
        (
          await queryPostgres<{ quotes: string; lines: string; audit: string }>(
            url,
            'select (select count(*) from pricing.quote) as quotes, (select count(*) from pricing.quote_line) as lines, ' +
              '(select count(*) from pricing.audit_record) as audit',
          )
        )[0];
      const before = await counts();

      // The quote's transaction writes its number, the quote and its lines, then (just before it commits)
      // its audit rows: a lock on the audit table held from outside stops it there, its rows written.
      const stall = await stallBeforeCommit(url, 'pricing');
      const pending = quote(50);
      try {
        const stopped = await stall.stopped();
        expect(stopped.waiting).toBe(1);
        expect(stopped.written).toEqual(expect.arrayContaining(['tenant_sequence', 'quote', 'quote_line']));
        expect(await stall.terminateAll()).toBeGreaterThan(0);
      } finally {
        await stall.release();
      }
      const killedQuote = await pending;
      expect(killedQuote.status).toBeGreaterThanOrEqual(500);
      expect(await counts()).toEqual(before);

      // Every service's pool lost its connections; the next request opens new ones. The number skipped none.
      const next = await quote(50);
      expect(next.status).toBe(200);
      expect(Number(next.body.quotation.number.slice(2))).toBe(Number(first.body.quotation.number.slice(2)) + 1);
      const after = await counts();
      expect([Number(after.quotes) - Number(before.quotes), Number(after.lines) - Number(before.lines)]).toEqual([1, 50]);
      expect((await api('/api/v01/customers?limit=1')).status).toBe(200);
      expect((await api('/api/calls/rate', { json: { number: '4420', duration: 61 } })).body.cost).toBe('0.17600');
    },
  );

  it('reconnects every app by itself after a NATS restart under load: the chain answers again within 10 s', async () => {
    const before = new Map(platform.processes().map((key) => [key, platform.pid(key)]));
    const outputBefore = platform.output().length;
    const probes: Array<() => Promise<HttpResult>> = [
      () => api(`${BILLING}/currencies`),
      () => api(`${BILLING}/${customerId}`), // pricing asks accounts whether the customer exists
      () => api('/api/v01/customers?limit=1'),
      () => api('/api/calls/rate', { json: { number: '4420', duration: 61 } }),
      () => http(platform.baseUrl, '/health'), // every service, and the gateway's own NATS connection
    ];
    interface Sample {
      probe: number;
      startedAt: number;
      ms: number;
      status: number;
    }
    const samples: Sample[] = [];
    let loading = true;
    const loader = async (i: number) => {
      while (loading) {
        const probe = i % probes.length;
        const startedAt = Date.now();
        const status = await probes[probe]!().then(
          (res) => res.status,
          () => 0,
        );
        samples.push({ probe, startedAt, ms: Date.now() - startedAt, status });
        await delay(10);
      }
    };
    const load = Array.from({ length: 10 }, (_, i) => loader(i));
    await delay(500);
    const stoppedAt = Date.now();
    await nats.stop();
    await delay(2_000);
    await nats.start();
    const backAt = Date.now();
    // Done when every probe has answered 200 five times running since NATS came back.
    const recovered = () =>
      probes.every((_, probe) => {
        const since = samples.filter((s) => s.probe === probe && s.startedAt >= backAt).slice(-5);
        return since.length === 5 && since.every((s) => s.status === 200);
      });
    await eventually(async () => recovered(), Boolean, 12_000);
    await delay(300);
    loading = false;
    await Promise.all(load);

    expect(samples.filter((s) => s.startedAt + s.ms < stoppedAt && s.status !== 200)).toEqual([]);
    // While NATS was away nothing hung: each request was answered (503 or 504) within its deadline.
    expect(samples.filter((s) => s.status === 0 || s.ms > RPC_TIMEOUT_MS + 1000)).toEqual([]);
    // The moment from which every probe answered 200 to every request.
    const recoveredAt = Math.max(
      ...probes.map((_, probe) => {
        const failures = samples.filter((s) => s.probe === probe && s.status !== 200);
        return failures.length === 0 ? backAt : Math.max(...failures.map((s) => s.startedAt + s.ms));
      }),
    );
    expect(recoveredAt - backAt).toBeLessThan(10_000);
    expect(samples.filter((s) => s.startedAt > recoveredAt && s.status !== 200)).toEqual([]);
    // No app was restarted: the same processes answer.
    expect(new Map(platform.processes().map((key) => [key, platform.pid(key)]))).toEqual(before);
    expect(
      platform
        .output()
        .slice(outputBefore)
        .match(/\[harness\] \S+ exited.*/g),
    ).toBeNull();
  }, 60_000);
});

function productBody(code: string) {
  return { code, name: 'Product', unit: 'each', chargeType: 'ONE_OFF', prices: [{ currency: 'USD', unitPrice: '1' }] };
}

interface RawAnswer {
  status: number;
  ms: number;
}

/** One request on a connection of its own (no keep-alive pool), so the gateway's open sockets are only the requests in flight. */
function rawRequest(baseUrl: string, method: string, path: string, token: string, json?: unknown): Promise<RawAnswer> {
  const body = json === undefined ? undefined : JSON.stringify(json);
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      `${baseUrl}${path}`,
      {
        method,
        agent: false,
        headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: Date.now() - started }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Makes pricing's product writes wait until released: a lock held from outside, as another client's
 * long transaction would (SQLite: the database's write lock; PostgreSQL: the product table's).
 */
async function holdProductWrites(platform: RunningPlatform, database: DatabaseKind): Promise<() => Promise<void>> {
  if (database === 'sqlite') {
    const db = new DatabaseSync(join(platform.dataDir, 'pricing.sqlite'));
    db.exec('begin immediate');
    return async () => {
      db.exec('commit');
      db.close();
    };
  }
  return holdPostgresTransaction(platform.databaseUrl!, 'lock table pricing.product in exclusive mode');
}

/**
 * Takes a lock on a service's audit table (PostgreSQL) that stops every write transaction of the
 * service just before it commits (its audit rows are its last statement). `stopped(n)` waits until n
 * are stopped there, and tells how many are and the tables the first has written.
 */
async function stallBeforeCommit(url: string, schema: string) {
  const holder = new pg.Client({ connectionString: url });
  await holder.connect();
  await holder.query('begin');
  await holder.query(`lock table "${schema}"."audit_record" in share mode`);
  const locksOf = async () =>
    (
      await holder.query<{ pid: number; relname: string; mode: string; granted: boolean }>(
        'select l.pid, c.relname, l.mode, l.granted from pg_locks l join pg_class c on c.oid = l.relation ' +
          'join pg_namespace n on n.oid = c.relnamespace where n.nspname = $1 and l.pid <> pg_backend_pid() ' +
          'and l.database = (select oid from pg_database where datname = current_database())',
        [schema],
      )
    ).rows;
  const isWaiting = (lock: { relname: string; granted: boolean }) => lock.relname === 'audit_record' && !lock.granted;
  return {
    stopped: async (atLeast = 1) => {
      const waitingPids = (rows: Array<{ pid: number; relname: string; granted: boolean }>) =>
        new Set(rows.filter(isWaiting).map((l) => l.pid));
      const locks = await eventually(locksOf, (rows) => waitingPids(rows).size >= atLeast, 10_000);
      const waiting = [...new Set(locks.filter(isWaiting).map((lock) => lock.pid))];
      const written = locks.filter((lock) => lock.pid === waiting[0] && lock.granted && lock.mode === 'RowExclusiveLock');
      return { waiting: waiting.length, written: written.map((lock) => lock.relname) };
    },
    /** pg_terminate_backend on every other connection to the run's database; answers how many. */
    terminateAll: async () =>
      (
        await holder.query(
          'select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()',
        )
      ).rows.length,
    release: async () => {
      await holder.query('rollback').catch(() => undefined);
      await holder.end();
    },
  };
}

/** How many rows of a service's table have each value of `column` matching `pattern`, read behind the API. */
async function countByName(
  platform: RunningPlatform,
  database: DatabaseKind,
  service: string,
  table: string,
  column: string,
  pattern: string,
): Promise<Map<string, number>> {
  const sql = (qualified: string) =>
    `select "${column}" as name, count(*) as n from ${qualified} where "${column}" like ? group by "${column}"`;
  if (database === 'postgres') {
    const rows = await queryPostgres<{ name: string; n: string }>(
      platform.databaseUrl!,
      sql(`"${service}"."${table}"`).replace('?', `'${pattern.replaceAll("'", "''")}'`),
    );
    return new Map(rows.map((row) => [row.name, Number(row.n)]));
  }
  const db = new DatabaseSync(join(platform.dataDir, `${service}.sqlite`));
  try {
    const rows = db.prepare(sql(`"${table}"`)).all(pattern) as Array<{ name: string; n: number }>;
    return new Map(rows.map((row) => [row.name, Number(row.n)]));
  } finally {
    db.close();
  }
}
