// A soak: a mix of reads and writes on every surface at 80% of the mix's measured peak, for a long
// time, on PostgreSQL. Reports errors (goal 0), p99 latency per window, and each process's memory
// at the start and the end (goal: no growth trend).
//   npm run bench -- soak [--minutes 10] [--database postgres|sqlite] [--connections 50] [--share 0.8]
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { startPlatform } from '../libs/testing/dist/index.js';

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '10' },
    database: { type: 'string', default: 'postgres' },
    connections: { type: 'string', default: '50' },
    share: { type: 'string', default: '0.8' },
    window: { type: 'string', default: '30' },
  },
  allowPositionals: true,
});
const MINUTES = Number(values.minutes);
const CONNECTIONS = Number(values.connections);
const SHARE = Number(values.share);
const WINDOW_MS = Number(values.window) * 1000;
const say = (m) => process.stderr.write(`[bench:soak] ${m}\n`);

const UK_RATE = {
  type: 'INTERNATIONAL',
  free_seconds: 0,
  grace_period: 5,
  interval_1: 60,
  interval_n: 30,
  connect_fee: 0.02,
  postcall_surcharge: 0.1,
  price_1: 0.1,
  price_n: 0.04,
};

/** Resident memory of a process, in MiB, from /proc. */
function rssMiB(pid) {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8')
      .split('\n')
      .find((l) => l.startsWith('VmRSS:'));
    return Math.round(Number(line.split(/\s+/)[1]) / 1024);
  } catch {
    return null;
  }
}

const platform = await startPlatform({ database: values.database, quiet: true });
try {
  const token = await platform.token('admin', platform.adminPassword);
  const call = async (method, path, body) => {
    const res = await fetch(`${platform.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    await res.arrayBuffer();
    return res.status;
  };
  const customer = async () => {
    const res = await fetch(`${platform.baseUrl}/api/v01/customers`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ organizationName: 'Soak' }),
    });
    return (await res.json()).id;
  };
  const customers = await Promise.all(Array.from({ length: 20 }, customer));
  await call('POST', '/api/rest/v2.9/billing/products', {
    code: 'soak',
    name: 'Soak',
    unit: 'month',
    chargeType: 'RECURRING',
    prices: [{ currency: 'USD', unitPrice: '19.90' }],
  });
  await call('POST', '/api/call_rates', { ...UK_RATE, prefix: '44' });
  let counter = 0;
  const pick = (list) => list[counter++ % list.length];

  /** The mix, by weight: what a billing front end and a switch send together. */
  const MIX = [
    [30, () => call('GET', '/api/rest/v2.9/billing/currencies')],
    [15, () => call('GET', `/api/v01/customers/${pick(customers)}`)],
    [10, () => call('PUT', '/api/v01/customers', { organizationName: `Soak ${counter}` })],
    [
      10,
      () =>
        call('POST', '/api/rest/v2.9/billing/quotes', {
          customerId: pick(customers),
          currency: 'USD',
          lines: [{ productCode: 'soak', quantity: 2 }],
        }),
    ],
    [20, () => call('POST', '/api/calls/rate', { number: '+44 20 7946 0000', duration: 61 + (counter % 300) })],
    [10, () => call('GET', '/api/rest/v2.9/billing/products')],
    [5, () => call('POST', '/v2/accounts', { name: `soak-${counter}`, currency: 'USD', monthlyRecurringRevenue: '1.00' })],
  ];
  const total = MIX.reduce((sum, [weight]) => sum + weight, 0);
  const nextRequest = () => {
    let roll = counter % total;
    for (const [weight, send] of MIX) {
      if (roll < weight) return send;
      roll -= weight;
    }
    return MIX[0][1];
  };

  say('measuring the peak of the mix (10 s, closed loop)');
  let done = 0;
  const peakEnd = Date.now() + 10_000;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (Date.now() < peakEnd) {
        await nextRequest()();
        done++;
      }
    }),
  );
  const peak = done / 10;
  const target = peak * SHARE;
  say(`peak ${Math.round(peak)} req/s; soaking at ${Math.round(target)} req/s for ${MINUTES} min`);

  const memory = () => Object.fromEntries(platform.processes().map((key) => [key, rssMiB(platform.pid(key))]));
  const startMemory = memory();
  const windows = [];
  let window = { latencies: [], errors: 0, statuses: {} };
  const end = Date.now() + MINUTES * 60_000;
  const interval = 1000 / target;
  let nextAt = performance.now();
  const inFlight = new Set();
  const ticker = setInterval(() => {
    const latencies = window.latencies.sort((a, b) => a - b);
    const p = (q) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] : 0);
    windows.push({
      at: (windows.length * WINDOW_MS) / 1000 + WINDOW_MS / 1000,
      rps: latencies.length / (WINDOW_MS / 1000),
      p50: p(0.5),
      p99: p(0.99),
      errors: window.errors,
      memory: memory(),
    });
    say(`t=${windows.at(-1).at}s ${Math.round(windows.at(-1).rps)} req/s p99 ${windows.at(-1).p99.toFixed(1)} ms errors ${window.errors}`);
    window = { latencies: [], errors: 0, statuses: {} };
  }, WINDOW_MS);
  while (Date.now() < end) {
    const now = performance.now();
    if (now < nextAt) {
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, nextAt - now)));
      continue;
    }
    nextAt += interval;
    if (inFlight.size >= CONNECTIONS * 4) continue; // the platform is behind: count it, do not pile up
    const started = performance.now();
    const current = window;
    const request = nextRequest()()
      .then((status) => {
        current.latencies.push(performance.now() - started);
        if (status >= 500) current.errors++;
      })
      .catch(() => current.errors++)
      .finally(() => inFlight.delete(request));
    inFlight.add(request);
  }
  await Promise.all(inFlight);
  clearInterval(ticker);
  const endMemory = memory();
  const errors = windows.reduce((sum, w) => sum + w.errors, 0);
  const rows = windows.map((w) => `| ${w.at} | ${Math.round(w.rps)} | ${w.p50.toFixed(1)} | ${w.p99.toFixed(1)} | ${w.errors} |`);
  const memoryRows = Object.keys(startMemory).map((key) => `| ${key} | ${startMemory[key]} | ${endMemory[key]} |`);
  process.stdout.write(
    [
      `peak of the mix ${Math.round(peak)} req/s (${CONNECTIONS} connections, closed loop); soak at ${Math.round(target)} req/s for ${MINUTES} min on ${values.database}; 5xx or failed: ${errors}`,
      '',
      '| t (s) | req/s | p50 ms | p99 ms | 5xx |',
      '| ---: | ---: | ---: | ---: | ---: |',
      ...rows,
      '',
      '| process | RSS MiB at start | RSS MiB at end |',
      '| --- | ---: | ---: |',
      ...memoryRows,
      '',
    ].join('\n'),
  );
  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  writeFileSync(
    new URL(`./results/soak-${Date.now()}.json`, import.meta.url),
    JSON.stringify({ peak, target, windows, startMemory, endMemory }, null, 2),
  );
} finally {
  await platform.stop();
}
