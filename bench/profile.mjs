// Where a request's CPU goes: GET /api/rest/v2.9/billing/currencies under load, with the V8 CPU
// profiler running in the gateway and in the pricing service (over the inspector protocol), and the
// CPU time of every process on the request's path read from /proc. Prints one table per process and
// writes bench/results/profile-<date>-<database>.{md,json} and the raw .cpuprofile files.
//   npm run bench -- profile [--database sqlite|postgres] [--duration 10] [--connections 50] [--interval 100]
import autocannon from 'autocannon';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { startPlatform } from '../libs/testing/dist/index.js';
import { cpuUs, pidsOf } from './proc-cpu.mjs';

const { values } = parseArgs({
  options: {
    database: { type: 'string', default: 'sqlite' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    interval: { type: 'string', default: '100' },
  },
});
if (!['sqlite', 'postgres'].includes(values.database)) throw new Error(`--database must be sqlite or postgres, not ${values.database}`);
const database = values.database;
const duration = Number(values.duration);
const connections = Number(values.connections);
const samplingIntervalUs = Number(values.interval);
const PATH = '/api/rest/v2.9/billing/currencies';

const say = (m) => process.stderr.write(`[bench:profile] ${m}\n`);

// ---- categories: a sample belongs to the first frame, from the leaf up, that matches one ----

/** The npm package a script belongs to (the innermost node_modules), or undefined. */
function packageOf(url) {
  const at = url.lastIndexOf('/node_modules/');
  if (at < 0) return undefined;
  const [scope, name] = url.slice(at + '/node_modules/'.length).split('/');
  return scope.startsWith('@') ? `${scope}/${name}` : scope;
}

const inPackages =
  (...names) =>
  (frame) => {
    const pkg = packageOf(frame.url);
    return pkg !== undefined && names.some((name) => (name.endsWith('/') ? pkg.startsWith(name) : pkg === name));
  };
const inSource = (pattern) => (frame) => !frame.url.includes('/node_modules/') && pattern.test(frame.url);
const named =
  (...names) =>
  (frame) =>
    names.includes(frame.functionName) && frame.url === '';
const anyOf =
  (...tests) =>
  (frame) =>
    tests.some((test) => test(frame));

const inFunctions =
  (file, ...names) =>
  (frame) =>
    file.test(frame.url) && names.includes(frame.functionName);
// V8's JSON builtins rarely get a frame of their own: their time is the self time of the function
// calling them, so the few functions that only wrap JSON.parse/stringify and TextEncoder/TextDecoder
// (Fastify's reply serialiser, the NATS message's json(), Nest's NATS codecs) count here too.
const serialisation = anyOf(
  named('parse', 'stringify'),
  inPackages('fast-json-stringify', 'secure-json-parse'),
  inFunctions(/\/fastify\/lib\/reply\.js$/, 'serialize'),
  inFunctions(/\/@nats-io\/nats-core\/lib\/msg\.js$/, 'json', 'string'),
  (frame) => /\/@nestjs\/microservices\/(serializers|deserializers)\//.test(frame.url),
  (frame) => frame.url === 'node:internal/encoding',
);
const logging = anyOf(
  inPackages('pino', 'pino-std-serializers', 'sonic-boom', 'thread-stream', 'on-exit-leak-free', '@pinojs/'),
  inSource(/\/libs\/logging\//),
  inSource(/\/apps\/gateway\/(src|dist)\/http\/request-logging/),
);
const gc = named('(garbage collector)');
const idle = named('(idle)');
const program = named('(program)');
const nodeSockets = (frame) =>
  /^node:(_http_|https?$|internal\/http|net$|internal\/net|stream$|internal\/streams\/|internal\/stream_base|_tls_|tls$)/.test(frame.url);
const nestPipeline = inPackages('@nestjs/core', '@nestjs/common', 'rxjs', 'reflect-metadata', 'class-validator', 'class-transformer');

const RPC_CLIENT = 'RPC client (gateway rpc/, @nats-io, libs/rpc, libs/contracts)';
const NATS_CLIENT = 'NATS client (@nats-io)';
const DATABASE = 'database (MikroORM, better-sqlite3, kysely, pg, libs/persistence)';
const HTTP_IO = 'HTTP & I/O (node: http, net, streams)';
const SOCKET_IO = 'socket I/O (node: net, streams)';

/**
 * Per process: the categories in the order a frame is tested against them, and which client
 * libraries own the socket work they start (a write on the NATS socket is the RPC's cost, not
 * HTTP's); other socket work is the I/O category's.
 */
const CATEGORIES = {
  gateway: {
    io: HTTP_IO,
    socketClients: [RPC_CLIENT],
    rules: [
      ['auth (jose, gateway auth/)', anyOf(inPackages('jose'), inSource(/\/apps\/gateway\/(src|dist)\/auth\//))],
      ['serialisation (JSON, text encoding)', serialisation],
      ['logging (pino, request logging)', logging],
      [RPC_CLIENT, anyOf(inPackages('@nats-io/'), inSource(/\/apps\/gateway\/(src|dist)\/rpc\//), inSource(/\/libs\/(rpc|contracts)\//))],
      [
        'routing & Nest pipeline (fastify, find-my-way, Nest, surfaces, commands, controllers)',
        anyOf(
          inPackages('fastify', 'find-my-way', 'avvio', 'light-my-request', '@fastify/', '@nestjs/platform-fastify', 'fast-querystring'),
          inPackages('fast-uri', 'fast-decode-uri-component', 'safe-regex2', 'ret', 'toad-cache', 'process-warning', 'abstract-logging'),
          nestPipeline,
          inSource(/\/apps\/gateway\/(src|dist)\//),
        ),
      ],
      [HTTP_IO, nodeSockets],
      ['GC', gc],
      ['idle', idle],
      ['native, outside JS ((program))', program],
    ],
  },
  pricing: {
    io: SOCKET_IO,
    socketClients: [NATS_CLIENT, DATABASE],
    rules: [
      ['serialisation (JSON, text encoding)', serialisation],
      ['logging (pino)', logging],
      [
        DATABASE,
        anyOf(
          inPackages('@mikro-orm/', 'better-sqlite3', 'knex', 'kysely', 'pg', 'pg-protocol', 'pg-pool', 'pg-types', 'postgres-array'),
          inSource(/\/libs\/persistence\//),
          inSource(/\/apps\/pricing\/(src|dist)\/currency\/currency\.service/),
        ),
      ],
      [NATS_CLIENT, inPackages('@nats-io/')],
      [
        'service dispatch (Nest microservices, rxjs, libs/rpc, controller)',
        anyOf(
          inPackages('@nestjs/microservices'),
          nestPipeline,
          inSource(/\/libs\/(rpc|contracts)\//),
          inSource(/\/apps\/pricing\/(src|dist)\//),
        ),
      ],
      [SOCKET_IO, nodeSockets],
      ['GC', gc],
      ['idle', idle],
      ['native, outside JS ((program))', program],
    ],
  },
};
const IDLE = 'idle';
const OTHER = 'other';

/** Time each sample stands for: the interval up to the next sample (the last one: up to the end). */
function sampleTimes(profile) {
  const stamps = [];
  let t = profile.startTime;
  for (const delta of profile.timeDeltas) stamps.push((t += delta));
  return stamps.map((stamp, i) => Math.max(0, (stamps[i + 1] ?? profile.endTime) - stamp));
}

/**
 * Samples are taken on a wall clock: while the process waits for a core, its wait counts in whatever
 * it was doing. So beside the sampled time, each category gets its share of the process's CPU time
 * as /proc counts it, which does not grow with contention.
 */
function breakdown(profile, { rules, io, socketClients }, requests, cpuUsPerRequest) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const own = (id) => rules.find(([, test]) => test(byId.get(id).callFrame))?.[0];
  const owner = (id) => {
    for (let at = id; at !== undefined; at = parent.get(at)) if (own(at) !== undefined && own(at) !== io) return own(at);
    return undefined;
  };
  const categoryOf = new Map();
  const categorise = (id) => {
    if (categoryOf.has(id)) return categoryOf.get(id);
    let category = own(id);
    if (category === io && socketClients.includes(owner(parent.get(id)))) category = owner(parent.get(id));
    category ??= parent.has(id) ? categorise(parent.get(id)) : OTHER;
    categoryOf.set(id, category);
    return category;
  };

  const times = sampleTimes(profile);
  const total = times.reduce((a, b) => a + b, 0);
  const perCategory = new Map([...rules.map(([name]) => [name, 0]), [OTHER, 0]]);
  const otherSelf = new Map();
  const self = new Map();
  profile.samples.forEach((id, i) => {
    const category = categorise(id);
    perCategory.set(category, perCategory.get(category) + times[i]);
    const { functionName, url, lineNumber } = byId.get(id).callFrame;
    const where = `${functionName || '(anonymous)'} ${url.replace(/^file:\/\/.*?\/node_modules\//, '').replace(/^file:\/\/.*?\/(apps|libs)\//, '$1/')}:${lineNumber + 1}`;
    self.set(where, (self.get(where) ?? 0) + times[i]);
    if (category === OTHER) otherSelf.set(where, (otherSelf.get(where) ?? 0) + times[i]);
  });
  const top = (map, n) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([frame, us]) => ({ frame, percent: (100 * us) / total }));
  const busy = total - perCategory.get(IDLE);
  return {
    samples: profile.samples.length,
    profiledUs: total,
    busyUsPerRequest: busy / requests,
    cpuUsPerRequest,
    categories: [...perCategory]
      .map(([category, us]) => ({
        category,
        percent: (100 * us) / total,
        percentOfBusy: category === IDLE ? null : (100 * us) / busy,
        usPerRequest: us / requests,
        cpuUsPerRequest: category === IDLE ? null : (cpuUsPerRequest * us) / busy,
      }))
      .sort((a, b) => b.percent - a.percent),
    topSelf: top(self, 15),
    topOther: top(otherSelf, 15),
  };
}

// ---- the inspector protocol, over Node's global WebSocket ----

async function inspect(url) {
  const ws = new WebSocket(url);
  await new Promise((resolve, reject) => {
    ws.onopen = resolve;
    ws.onerror = () => reject(new Error(`cannot connect to ${url}`));
  });
  const pending = new Map();
  let lastId = 0;
  ws.onmessage = (event) => {
    const message = JSON.parse(event.data);
    const waiter = pending.get(message.id);
    if (!waiter) return;
    pending.delete(message.id);
    if (message.error) waiter.reject(new Error(`${message.error.message} (${url})`));
    else waiter.resolve(message.result);
  };
  const send = (method, params = {}) =>
    new Promise((resolve, reject) => {
      const id = ++lastId;
      pending.set(id, { resolve, reject });
      ws.send(JSON.stringify({ id, method, params }));
    });
  const evaluate = async (expression) => (await send('Runtime.evaluate', { expression, returnByValue: true })).result.value;
  return { send, evaluate, close: () => ws.close() };
}

/** Every app prints its inspector address on stderr when it starts; the app is what its argv says. */
async function inspectApps(platform) {
  const deadline = Date.now() + 10_000;
  let urls = [];
  while ((urls = [...platform.output().matchAll(/Debugger listening on (ws:\/\/\S+)/g)].map((m) => m[1])).length < 5) {
    if (Date.now() > deadline) throw new Error(`found ${urls.length} of 5 inspector addresses in the apps' output`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const apps = {};
  for (const url of urls) {
    const session = await inspect(url);
    const script = await session.evaluate('process.argv[1]');
    const app = /apps\/([^/]+)\/dist\/main\.js$/.exec(script)?.[1];
    if (app === 'gateway' || app === 'pricing') apps[app] = { session, pid: await session.evaluate('process.pid') };
    else session.close();
  }
  return apps;
}

// ---- CPU time of the processes on the path, from /proc (all threads, in clock ticks) ----

// ---- the run ----

say(`starting the platform (${database}, LOG_LEVEL=info, every app under --inspect)`);
const platform = await startPlatform({ database, env: { NODE_OPTIONS: '--inspect=127.0.0.1:0' } });
let apps = {};
try {
  apps = await inspectApps(platform);
  if (!apps.gateway || !apps.pricing) throw new Error('did not find the gateway and pricing among the inspected apps');
  const token = await platform.token('admin', platform.adminPassword);
  const url = `${platform.baseUrl}${PATH}`;
  const headers = { authorization: `Bearer ${token}` };

  say(`warming up (3 s), then profiling ${duration} s at ${connections} connections, sampling every ${samplingIntervalUs} µs`);
  await autocannon({ url, connections, duration: 3, headers });
  const onPath = {
    'load generator (autocannon, this process)': null,
    gateway: [apps.gateway.pid],
    'nats-server': pidsOf('nats-server'),
    pricing: [apps.pricing.pid],
    ...(database === 'postgres' ? { 'PostgreSQL server (all backends)': pidsOf('postgres') } : {}),
  };
  for (const { session } of [apps.gateway, apps.pricing]) {
    await session.send('Profiler.enable');
    await session.send('Profiler.setSamplingInterval', { interval: samplingIntervalUs });
  }
  await Promise.all([apps.gateway, apps.pricing].map(({ session }) => session.send('Profiler.start')));
  const startedAt = process.hrtime.bigint();
  const ownBefore = process.cpuUsage();
  const before = Object.fromEntries(Object.entries(onPath).map(([name, pids]) => [name, pids && cpuUs(pids)]));

  const load = await autocannon({ url, connections, duration, headers });

  const ownAfter = process.cpuUsage(ownBefore);
  const wallUs = Number(process.hrtime.bigint() - startedAt) / 1000;
  const cpuPerRequest = Object.fromEntries(
    Object.entries(onPath).map(([name, pids]) => [
      name,
      (pids ? cpuUs(pids) - before[name] : ownAfter.user + ownAfter.system) / load.requests.total,
    ]),
  );
  const [gatewayProfile, pricingProfile] = await Promise.all(
    [apps.gateway, apps.pricing].map(async ({ session }) => (await session.send('Profiler.stop')).profile),
  );
  if (load.non2xx || load.errors) throw new Error(`${load.non2xx} non-2xx answers, ${load.errors} errors under load`);

  const requests = load.requests.total;
  const date = new Date().toISOString();
  const result = {
    date,
    machine: `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`,
    database,
    route: `GET ${PATH}`,
    connections,
    duration,
    samplingIntervalUs,
    requests,
    rps: requests / (wallUs / 1e6),
    latencyMs: { p50: load.latency.p50, p99: load.latency.p99 },
    cpuUsPerRequest: cpuPerRequest,
    // Every process shares the machine's cores: this is what one request may spend in all of them.
    availableCpuUsPerRequest: (cpus().length * wallUs) / requests,
    gateway: breakdown(gatewayProfile, CATEGORIES.gateway, requests, cpuPerRequest.gateway),
    pricing: breakdown(pricingProfile, CATEGORIES.pricing, requests, cpuPerRequest.pricing),
  };

  const stamp = date.replace(/[:.]/g, '-');
  const file = (suffix) => new URL(`./results/profile-${stamp}-${database}${suffix}`, import.meta.url);
  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  writeFileSync(file('-gateway.cpuprofile'), JSON.stringify(gatewayProfile));
  writeFileSync(file('-pricing.cpuprofile'), JSON.stringify(pricingProfile));
  writeFileSync(file('.json'), JSON.stringify(result, null, 2));
  const text = render(result);
  writeFileSync(file('.md'), text);
  process.stdout.write(text);
  say(`wrote ${file('.md').pathname} and .json, raw profiles in *-gateway.cpuprofile and *-pricing.cpuprofile`);
} finally {
  for (const { session } of Object.values(apps)) session.close();
  await platform.stop();
}

function render(r) {
  const us = (n) => (n >= 100 ? Math.round(n).toLocaleString('en') : n.toFixed(1));
  const totalCpu = Object.values(r.cpuUsPerRequest).reduce((a, b) => a + b, 0);
  const processTable = [
    '| process | CPU µs per request (from /proc) | share |',
    '| --- | ---: | ---: |',
    ...Object.entries(r.cpuUsPerRequest).map(([name, cpu]) => `| ${name} | ${us(cpu)} | ${((100 * cpu) / totalCpu).toFixed(0)}% |`),
    `| all of them | ${us(totalCpu)} | 100% |`,
    `| available: ${cpus().length} cores × wall time / requests | ${us(r.availableCpuUsPerRequest)} | |`,
  ];
  const categoryTable = (b) => [
    '| category | % of samples | % of busy samples | µs per request, sampled | CPU µs per request (busy share × /proc) |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...b.categories.map((c) =>
      c.percentOfBusy === null
        ? `| ${c.category} | ${c.percent.toFixed(1)}% | | ${us(c.usPerRequest)} | |`
        : `| ${c.category} | ${c.percent.toFixed(1)}% | ${c.percentOfBusy.toFixed(1)}% | ${us(c.usPerRequest)} | ${us(c.cpuUsPerRequest)} |`,
    ),
    `| busy (all but idle) | | 100% | ${us(b.busyUsPerRequest)} | ${us(b.cpuUsPerRequest)} |`,
  ];
  const frames = (list) => list.map((f) => `- ${f.percent.toFixed(1)}% \`${f.frame}\``);
  const section = (name, b) => [
    `### ${name}`,
    '',
    `${b.samples.toLocaleString('en')} samples over ${(b.profiledUs / 1e6).toFixed(1)} s.`,
    '',
    ...categoryTable(b),
    '',
    'Heaviest functions (self time, % of samples):',
    '',
    ...frames(b.topSelf.slice(0, 10)),
    '',
    ...(b.topOther.length ? ['Heaviest in "other":', '', ...frames(b.topOther.slice(0, 5)), ''] : []),
  ];
  return [
    `## CPU profile: ${r.route}, ${r.database === 'sqlite' ? 'SQLite' : 'PostgreSQL'}`,
    '',
    `${r.date}, ${r.machine}; ${r.connections} connections for ${r.duration} s, V8 sampling every ${r.samplingIntervalUs} µs.`,
    `${r.requests.toLocaleString('en')} requests, ${us(r.rps)} requests/s while profiling, p50 ${r.latencyMs.p50} ms, p99 ${r.latencyMs.p99} ms.`,
    '',
    ...processTable,
    '',
    'Per category: "sampled" is the main thread\'s time in the samples, a wall clock that also counts waiting for a core;',
    '"CPU" is the category\'s share of the busy samples times the process\'s CPU time from /proc (all its threads).',
    '',
    ...section('gateway', r.gateway),
    ...section('pricing', r.pricing),
  ].join('\n');
}
