// GET /v2/accounts/{ran} and pages of the children of a parent with 10,000 children, at markers
// 0, 5,000 and 9,975, beside a bare Fastify route answering the same JSON (measured in the same run).
//   npm run bench -- accounts [--duration 8]
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { fork } from 'node:child_process';
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startPlatform } from '../libs/testing/dist/index.js';

const { values } = parseArgs({ options: { duration: { type: 'string', default: '8' } }, allowPositionals: true });
const duration = Number(values.duration);
const CHILDREN = 10_000;
const say = (m) => process.stderr.write(`[bench:accounts] ${m}\n`);

async function run(url, headers) {
  const result = await autocannon({ url, connections: 20, duration, headers });
  if (result.non2xx || result.errors) throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
}

const platform = await startPlatform({ database: 'sqlite', quiet: true });
try {
  const token = await platform.token('admin', platform.adminPassword);
  const headers = { 'x-auth-token': token };
  const created = await fetch(`${platform.baseUrl}/v2/accounts`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'parent', currency: 'USD', monthlyRecurringRevenue: '100.00' }),
  }).then((r) => r.json());
  const ran = created.billingAccount.accountNumber;
  const parentId = Number(ran) - 10_000_000;
  say(`inserting ${CHILDREN} children of ${ran}`);
  const db = new Database(join(platform.dataDir, 'accounts.sqlite'));
  const { tenant_id: tenantId } = db.prepare('select tenant_id from billing_account where id = ?').get(parentId);
  const insert = db.prepare(
    'insert into billing_account (tenant_id, name, currency, mrr_cents, parent_id, position, customer_id, billing_day, payment_term_days, created_at, updated_at) ' +
      "values (?, ?, 'USD', 0, ?, ?, null, 1, 30, ?, ?)",
  );
  const now = Date.now();
  db.transaction(() => {
    for (let i = 0; i < CHILDREN; i++) insert.run(tenantId, `child-${i}`, parentId, i, now, now);
  })();
  db.close();

  const accountUrl = `${platform.baseUrl}/v2/accounts/${ran}`;
  const body = await (await fetch(accountUrl, { headers })).text();
  const port = 20000 + Math.floor(Math.random() * 20000);
  const bare = await new Promise((resolve, reject) => {
    const proc = fork(new URL('./baseline-http.mjs', import.meta.url), {
      env: { ...process.env, BENCH_BODY: body, BENCH_PORT: String(port) },
    });
    proc.once('message', () => resolve(proc));
    proc.once('exit', (code) => reject(new Error(`baseline exited ${code}`)));
  });
  try {
    await run(accountUrl, headers); // warm-up
    const results = {
      bare: await run(`http://127.0.0.1:${port}/currencies`, {}),
      account: await run(accountUrl, headers),
      page0: await run(`${accountUrl}/accounts?marker=0&limit=25`, headers),
      page5000: await run(`${accountUrl}/accounts?marker=5000&limit=25`, headers),
      page9975: await run(`${accountUrl}/accounts?marker=9975&limit=25`, headers),
    };
    const f = (n) => Math.round(n).toLocaleString('en');
    const row = (name, r) => `| ${name} | ${f(r.rps)} | ${(r.rps / results.bare.rps).toFixed(2)} | ${r.p50} | ${r.p99} |`;
    const table = [
      '| run (20 connections) | requests/s | ratio to bare route | p50 ms | p99 ms |',
      '| --- | ---: | ---: | ---: | ---: |',
      row('baseline: bare Fastify route, same JSON as the account', results.bare),
      row('GET /v2/accounts/{ran} (a parent of 10,000)', results.account),
      row('children page, marker 0, limit 25', results.page0),
      row('children page, marker 5,000', results.page5000),
      row('children page, marker 9,975', results.page9975),
    ].join('\n');
    process.stdout.write(`${table}\n\nlast page vs first page: ${(results.page9975.rps / results.page0.rps).toFixed(2)}x the requests/s\n`);
    mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
    writeFileSync(new URL(`./results/accounts-${Date.now()}.json`, import.meta.url), JSON.stringify(results, null, 2));
  } finally {
    bare.kill();
  }
} finally {
  await platform.stop();
}
