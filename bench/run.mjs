// Measures GET /api/rest/v2.9/billing/currencies through the whole chain (gateway -> NATS -> pricing
// -> SQLite), and in the same run two baselines: a bare Fastify route returning the same JSON, and a
// raw NATS request-reply of the same payload. Writes docs/benchmarks.md and bench/results/*.json.
//   npm run bench [-- --duration 10 --connections 50]
import autocannon from 'autocannon';
import { connect } from '@nats-io/transport-node';
import { fork } from 'node:child_process';
import { Agent, get } from 'node:http';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { startPlatform } from '../libs/testing/dist/index.js';

const { values } = parseArgs({
  options: { duration: { type: 'string', default: '10' }, connections: { type: 'string', default: '50' } },
});
const duration = Number(values.duration);
const connections = Number(values.connections);
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

const agent = new Agent({ keepAlive: true, maxSockets: 1 });
const httpGet = (url, headers) => () =>
  new Promise((resolve, reject) => {
    get(url, { agent, headers }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`${url}: ${res.statusCode}`))));
    }).on('error', reject);
  });

say('starting the platform (five processes, SQLite, LOG_LEVEL=info)');
const platform = await startPlatform({ database: 'sqlite', quiet: true });
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

  say(`warming up, then ${duration}s per run at ${connections} connections`);
  await autocannon({ url, connections, duration: 2, headers: { authorization: `Bearer ${token}` } });
  const chain = await http(url, { authorization: `Bearer ${token}` });
  const bareHttp = await http(`http://127.0.0.1:${httpPort}/currencies`);
  const rawNats = await natsRequests(subject, '{}');
  say('unloaded latency, one request at a time');
  const nc = await connect({ servers: natsUrl });
  const idle = {
    chain: await unloaded(httpGet(url, { authorization: `Bearer ${token}` })),
    bareHttp: await unloaded(httpGet(`http://127.0.0.1:${httpPort}/currencies`, {})),
    rawNats: await unloaded(() => nc.request(subject, '{}', { timeout: 5000 })),
  };
  await nc.close();
  agent.destroy();

  const slowest = Math.min(bareHttp.rps, rawNats.rps);
  const rpsRatio = chain.rps / slowest;
  // autocannon reports whole milliseconds, so the p50 goal is judged on the hrtime-timed idle runs.
  const p50Ratio = idle.chain.p50 / (idle.bareHttp.p50 + idle.rawNats.p50);
  const result = {
    date: new Date().toISOString(),
    machine: `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`,
    duration,
    connections,
    payloadBytes: Buffer.byteLength(body),
    chain,
    bareHttp,
    rawNats,
    idle,
    rpsRatioToSlowestBaseline: rpsRatio,
    p50RatioToSumOfBaselines: p50Ratio,
  };
  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  writeFileSync(new URL(`./results/currencies-${result.date.replace(/[:.]/g, '-')}.json`, import.meta.url), JSON.stringify(result, null, 2));
  const f = (n) => (n >= 100 ? Math.round(n).toLocaleString('en') : n.toFixed(2));
  const row = (name, loaded, alone) =>
    `| ${name} | ${f(loaded.rps)} | ${f(loaded.p50)} | ${f(loaded.p99)} | ${f(alone.p50)} | ${f(alone.p99)} |`;
  const table = [
    `| run | requests/s (${connections} conns) | p50 ms | p99 ms | p50 ms, 1 at a time | p99 ms, 1 at a time |`,
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    row('whole chain: gateway → NATS → pricing → SQLite', chain, idle.chain),
    row('baseline: bare Fastify route, same JSON', bareHttp, idle.bareHttp),
    row('baseline: raw NATS request-reply, same payload', rawNats, idle.rawNats),
  ].join('\n');
  process.stdout.write(`${table}\n\nrequests/s vs slowest baseline: ${(rpsRatio * 100).toFixed(0)}% (goal >= 50%)\n`);
  process.stdout.write(`p50 (1 at a time) vs sum of baseline p50s: ${p50Ratio.toFixed(2)}x (goal <= 1.5x)\n`);
  writeFileSync(new URL('./results/latest.md', import.meta.url), `${table}\n`);
} finally {
  for (const stop of stops.reverse()) await stop();
}
