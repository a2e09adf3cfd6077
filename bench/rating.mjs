// Call rating at scale: one tenant with 1,000,000 prefixes.
//  - in process: index build time and memory, longest-prefix lookups/s and rated calls/s, beside a
//    bare Map.get over the same keys (the baseline, measured in the same run);
//  - through the gateway: bulk rating, 10,000 calls per request, against the in-process rate.
//   npm run bench -- rating [--rates 1000000] [--duration 10]
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PrefixIndex } from '../apps/telephony/dist/rating/prefix-index.js';
import { rateCall } from '../apps/telephony/dist/rating/call-rating.js';
import { startPlatform } from '../libs/testing/dist/index.js';

const { values } = parseArgs({
  options: { rates: { type: 'string', default: '1000000' }, duration: { type: 'string', default: '10' } },
  allowPositionals: true,
});
const RATES = Number(values.rates);
const duration = Number(values.duration);
const say = (m) => process.stderr.write(`[bench:rating] ${m}\n`);

// Deterministic data: prefixes of 3 to 9 digits, numbers of 11 digits.
// mulberry32: a small deterministic generator (32-bit integer arithmetic, no precision loss).
let seed = 42;
const random = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const digits = (n) => Array.from({ length: n }, () => Math.floor(random() * 10)).join('');
const TYPES = ['LOCAL', 'NATIONAL', 'INTERNATIONAL', 'MOBILE'];
const prefixes = new Set();
while (prefixes.size < RATES) prefixes.add(digits(3 + Math.floor(random() * 7)));
// The calls to rate, made before measuring memory so they do not count as the index's.
const numbers = Array.from({ length: 1_000_000 }, () => digits(11));
global.gc?.();
const heapBefore = process.memoryUsage().heapUsed;
const rows = [...prefixes].map((prefix, i) => ({
  id: String(i + 1).padStart(20, '0'),
  prefix,
  type: TYPES[i % 4],
  free_seconds: 0,
  grace_period: 5,
  interval_1: 60,
  interval_n: 30,
  connect_fee: 2000n,
  postcall_surcharge: 10000n,
  price_1: 10000n,
  price_n: 4000n,
}));

function timed(fn) {
  const started = process.hrtime.bigint();
  const result = fn();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { result, seconds };
}

say(`building the index over ${RATES.toLocaleString('en')} rates`);
const build = timed(() => new PrefixIndex(rows));
global.gc?.();
const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;
const index = build.result;

const mapBaseline = new Map(rows.map((r) => [r.prefix, r]));
const bare = timed(() => {
  let hits = 0;
  for (const n of numbers) if (mapBaseline.get(n.slice(0, 6))) hits++;
  return hits;
});
const lookups = timed(() => {
  let hits = 0;
  for (const n of numbers) if (index.match(n)) hits++;
  return hits;
});
const rated = timed(() => {
  let total = 0n;
  for (const n of numbers) {
    const rate = index.match(n);
    if (rate) total += BigInt(rateCall(rate, 61).cost.replace('.', ''));
  }
  return total;
});
const inProcess = {
  buildSeconds: build.seconds,
  indexHeapMb: heapMb,
  bareMapGetsPerSecond: numbers.length / bare.seconds,
  lookupsPerSecond: numbers.length / lookups.seconds,
  ratedPerSecond: numbers.length / rated.seconds,
  matched: lookups.result,
};
say(JSON.stringify(inProcess));

say('starting the platform and loading the rates into the telephony database');
const platform = await startPlatform({ database: 'sqlite', quiet: true });
try {
  const token = await platform.token('admin', platform.adminPassword);
  const me = await (await fetch(`${platform.baseUrl}/auth/me`, { headers: { authorization: `Bearer ${token}` } })).json();
  const db = new Database(join(platform.dataDir, 'telephony.sqlite'));
  const insert = db.prepare(
    'insert into call_rate (id, tenant_id, prefix, type, free_seconds, grace_period, interval_1, interval_n, connect_fee, postcall_surcharge, price_1, price_n, description, created_at, updated_at) ' +
      'values (?, ?, ?, ?, 0, 5, 60, 30, 2000, 10000, 10000, 4000, null, ?, ?)',
  );
  const now = Date.now();
  db.transaction(() => rows.forEach((r) => insert.run(r.id, me.tenant.id, r.prefix, r.type, now, now)))();
  db.close();

  const items = numbers.slice(0, 10_000).map((number) => ({ number, duration: 61 }));
  const body = JSON.stringify({ items });
  const url = `${platform.baseUrl}/api/calls/rate`;
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  // The first rating builds the tenant's index in the service; a build longer than the gateway's
  // RPC timeout answers 504 while it goes on, so ask again until it is ready.
  const warm = Date.now();
  for (;;) {
    const response = await fetch(url, { method: 'POST', headers, body });
    if (response.status === 200) break;
    if (response.status !== 504 || Date.now() - warm > 120_000) {
      throw new Error(`bulk rating answered ${response.status}: ${await response.text()}`);
    }
  }
  const firstRequestSeconds = (Date.now() - warm) / 1000;
  const result = await autocannon({ url, method: 'POST', headers, body, connections: 4, duration });
  if (result.non2xx || result.errors) throw new Error(`${result.non2xx} non-2xx, ${result.errors} errors`);
  const gateway = {
    firstRequestSeconds,
    requestsPerSecond: result.requests.average,
    callsPerSecond: result.requests.average * 10_000,
    p50ms: result.latency.p50,
    p99ms: result.latency.p99,
  };
  say(JSON.stringify(gateway));
  const f = (n) => Math.round(n).toLocaleString('en');
  process.stdout.write(
    [
      `| measure (${RATES.toLocaleString('en')} prefixes) | result | goal | met |`,
      '| --- | ---: | ---: | --- |',
      `| index build | ${inProcess.buildSeconds.toFixed(2)} s | < 10 s | ${inProcess.buildSeconds < 10 ? 'yes' : 'no'} |`,
      `| rates and index in memory (heap) | ${inProcess.indexHeapMb.toFixed(0)} MB | < 500 MB | ${inProcess.indexHeapMb < 500 ? 'yes' : 'no'} |`,
      `| baseline: bare Map.get, one probe | ${f(inProcess.bareMapGetsPerSecond)} /s | | |`,
      `| longest-prefix lookups, in process | ${f(inProcess.lookupsPerSecond)} /s | >= 1,000,000 /s | ${inProcess.lookupsPerSecond >= 1e6 ? 'yes' : 'no'} |`,
      `| rated calls, in process (one core) | ${f(inProcess.ratedPerSecond)} /s | >= 200,000 /s | ${inProcess.ratedPerSecond >= 2e5 ? 'yes' : 'no'} |`,
      `| rated calls through the gateway (10,000 per request) | ${f(gateway.callsPerSecond)} /s (p50 ${gateway.p50ms} ms) | >= 50% of in process | ${((gateway.callsPerSecond / inProcess.ratedPerSecond) * 100).toFixed(0)}% |`,
      `| first bulk request (builds the service's index from SQLite) | ${gateway.firstRequestSeconds.toFixed(2)} s | | |`,
    ].join('\n') + '\n',
  );
} finally {
  await platform.stop();
}
