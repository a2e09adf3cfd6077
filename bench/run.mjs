// Measures GET /api/rest/v2.9/billing/currencies through the whole chain (gateway -> NATS -> pricing
// -> database), and in the same run two baselines: a bare Fastify route returning the same JSON, and
// a raw NATS request-reply of the same payload. Once per database engine, each with its own
// baselines. Prints one table per engine and writes bench/results/*.json and bench/results/latest.md.
//   npm run bench [-- --duration 10 --connections 50 --database sqlite|postgres|both]
import autocannon from 'autocannon';
import { connect } from '@nats-io/transport-node';
import { fork } from 'node:child_process';
import { Agent, get } from 'node:http';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { startPlatform } from '../libs/testing/dist/index.js';

const ENGINES = { sqlite: ['sqlite'], postgres: ['postgres'], both: ['sqlite', 'postgres'] };
const ENGINE_NAMES = { sqlite: 'SQLite', postgres: 'PostgreSQL' };

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    database: { type: 'string', default: 'both' },
  },
});
const duration = Number(values.duration);
const connections = Number(values.connections);
const engines = ENGINES[values.database];
if (!engines) throw new Error(`--database must be sqlite, postgres or both, not ${values.database}`);
const natsUrl = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';

const say = (m) => process.stderr.write(`[bench] ${m}\n`);

function child(script, env) {
  return new Promise((resolve, reject) => {
    const proc = fork(new URL(script, import.meta.url), { env: { ...process.env, ...env }, stdio: 'inherit' });
    proc.once('message', () => resolve(proc));
    proc.once('exit', (code) => reject(new Error(`${script} exited ${code}`)));
  });
}

async function http(url, headers = {}) {
  const result = await autocannon({ url, connections, duration, headers });
  if (result.non2xx || result.errors) throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, requests: result.requests.total };
}

/** Closed-loop request-reply with the same concurrency as the HTTP runs. */
async function natsRequests(subject, payload) {
  const nc = await connect({ servers: natsUrl });
  const latencies = [];
  const deadline = Date.now() + duration * 1000;
  const data = new TextEncoder().encode(payload);
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (Date.now() < deadline) {
        const started = process.hrtime.bigint();
        await nc.request(subject, data, { timeout: 5000 });
        latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
      }
    }),
  );
  await nc.close();
  latencies.sort((a, b) => a - b);
  const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  return { rps: latencies.length / duration, p50: at(0.5), p99: at(0.99), requests: latencies.length };
}

/** One request at a time for a few seconds, timed with hrtime: latency without queueing. */
async function unloaded(send, seconds = 3) {
  const latencies = [];
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    const started = process.hrtime.bigint();
    await send();
    latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  latencies.sort((a, b) => a - b);
  return { p50: latencies[Math.floor(latencies.length / 2)], p99: latencies[Math.floor(latencies.length * 0.99)] };
}

const httpGet = (agent, url, headers) => () =>
  new Promise((resolve, reject) => {
    get(url, { agent, headers }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`${url}: ${res.statusCode}`))));
    }).on('error', reject);
  });

/** The whole measurement on one engine: a fresh platform and fresh baselines. */
async function measure(database) {
  say(`${ENGINE_NAMES[database]}: starting the platform (five processes, LOG_LEVEL=info)`);
  const platform = await startPlatform({ database, quiet: true });
  const stops = [() => platform.stop()];
  try {
    const token = await platform.token('admin', platform.adminPassword);
    const url = `${platform.baseUrl}/api/rest/v2.9/billing/currencies`;
    const body = await (await fetch(url, { headers: { authorization: `Bearer ${token}` } })).text();

    const httpPort = 20000 + Math.floor(Math.random() * 20000);
    const bare = await child('./baseline-http.mjs', { BENCH_BODY: body, BENCH_PORT: String(httpPort) });
    stops.push(() => bare.kill());
    const subject = `bench_${randomBytes(4).toString('hex')}.echo`;
    const responder = await child('./baseline-nats-responder.mjs', { BENCH_BODY: body, BENCH_SUBJECT: subject, NATS_URL: natsUrl });
    stops.push(() => responder.kill());

    say(`${ENGINE_NAMES[database]}: warming up, then ${duration}s per run at ${connections} connections`);
    await autocannon({ url, connections, duration: 2, headers: { authorization: `Bearer ${token}` } });
    const chain = await http(url, { authorization: `Bearer ${token}` });
    const bareHttp = await http(`http://127.0.0.1:${httpPort}/currencies`);
    const rawNats = await natsRequests(subject, '{}');
    say(`${ENGINE_NAMES[database]}: unloaded latency, one request at a time`);
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const nc = await connect({ servers: natsUrl });
    const idle = {
      chain: await unloaded(httpGet(agent, url, { authorization: `Bearer ${token}` })),
      bareHttp: await unloaded(httpGet(agent, `http://127.0.0.1:${httpPort}/currencies`, {})),
      rawNats: await unloaded(() => nc.request(subject, '{}', { timeout: 5000 })),
    };
    await nc.close();
    agent.destroy();

    // A chain request pays for an HTTP round and a NATS round on the same cores, so the two
    // baselines composed in series bound what the chain can reach.
    const composedLimit = 1 / (1 / bareHttp.rps + 1 / rawNats.rps);
    return {
      database,
      payloadBytes: Buffer.byteLength(body),
      chain,
      bareHttp,
      rawNats,
      idle,
      composedLimitRps: composedLimit,
      rpsRatioToComposedLimit: chain.rps / composedLimit,
      rpsRatioToSlowestBaseline: chain.rps / Math.min(bareHttp.rps, rawNats.rps),
      // autocannon reports whole milliseconds, so the p50 goal is judged on the hrtime-timed idle runs.
      p50RatioToSumOfBaselines: idle.chain.p50 / (idle.bareHttp.p50 + idle.rawNats.p50),
    };
  } finally {
    for (const stop of stops.reverse()) await stop();
  }
}

const f = (n) => (n >= 100 ? Math.round(n).toLocaleString('en') : n.toFixed(2));
const pct = (r) => `${(r * 100).toFixed(0)}%`;

function report(r) {
  const row = (name, loaded, alone) =>
    `| ${name} | ${f(loaded.rps)} | ${f(loaded.p50)} | ${f(loaded.p99)} | ${f(alone.p50)} | ${f(alone.p99)} |`;
  const sumOfP50s = r.idle.bareHttp.p50 + r.idle.rawNats.p50;
  return [
    `${ENGINE_NAMES[r.database]}:`,
    '',
    `| run | requests/s (${connections} conns) | p50 ms | p99 ms | p50 ms, 1 at a time | p99 ms, 1 at a time |`,
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    row(`whole chain: gateway → NATS → pricing → ${ENGINE_NAMES[r.database]}`, r.chain, r.idle.chain),
    row('baseline: bare Fastify route, same JSON', r.bareHttp, r.idle.bareHttp),
    row('baseline: raw NATS request-reply, same payload', r.rawNats, r.idle.rawNats),
    `| composed limit: 1 / (1/bare HTTP + 1/raw NATS) | ${f(r.composedLimitRps)} | | | ${f(sumOfP50s)} (sum) | |`,
    '',
    '| ratio | measured | goal |',
    '| --- | ---: | --- |',
    `| chain requests/s vs composed limit | ${pct(r.rpsRatioToComposedLimit)} | ≥ 50% |`,
    `| chain requests/s vs slowest baseline | ${pct(r.rpsRatioToSlowestBaseline)} | |`,
    `| chain p50 (1 at a time) vs sum of baseline p50s | ${r.p50RatioToSumOfBaselines.toFixed(2)}× | ≤ 1.5× |`,
    '',
  ].join('\n');
}

const date = new Date().toISOString();
const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`;
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
const tables = [];
for (const database of engines) {
  const result = { date, machine, duration, connections, ...(await measure(database)) };
  writeFileSync(
    new URL(`./results/currencies-${database}-${date.replace(/[:.]/g, '-')}.json`, import.meta.url),
    JSON.stringify(result, null, 2),
  );
  tables.push(report(result));
  process.stdout.write(`${tables.at(-1)}\n`);
}
writeFileSync(new URL('./results/latest.md', import.meta.url), `Measured ${date} on ${machine}.\n\n${tables.join('\n')}`);
