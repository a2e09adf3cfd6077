// Runs the five apps as separate processes that talk over NATS, and stops them together on Ctrl-C
// or SIGTERM. If nothing answers at NATS_URL and a nats-server binary is on the PATH, starts one.
// REPLICAS=n runs n processes of every service (each joins its service's queue group, so they share
// the load and any one may die); the gateway stays one. Runs after the build, so the list of apps
// comes from the built contracts library.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { OPS_PORT_DEFAULTS } from '../libs/config/dist/index.js';
import { APPS, SERVICES } from '../libs/contracts/dist/index.js';

// An app reports { type: 'ready' } over IPC once it listens; one that has not within this is stuck.
const BOOT_DEADLINE_MS = 60_000;
// Restart pauses double from the first to the cap, and start over once an app has stayed up this long.
const FIRST_RESTART_PAUSE_MS = 1000;
const MAX_RESTART_PAUSE_MS = 30_000;
const STABLE_AFTER_MS = 60_000;

const MAX_REPLICAS = 16;

const natsUrl = (process.env.NATS_URL ?? 'nats://127.0.0.1:4222').split(',')[0];
const { hostname, port } = new URL(natsUrl.includes('://') ? natsUrl : `nats://${natsUrl}`);
const natsPort = Number(port || 4222);
const children = new Map();
/** Processes that have been ready at least once: their exits are crashes to restart, not failed boots. */
const everReady = new Set();
let stopping = false;

const say = (message) => process.stderr.write(`[platform] ${message}\n`);

const replicas = parseReplicas(process.env.REPLICAS);
/**
 * Every process to run: the gateway once, each service `replicas` times. A process is known by its
 * app's name, and a service's second and later replicas as `<service>#<n>`.
 */
const INSTANCES = APPS.flatMap((app) =>
  Array.from({ length: SERVICES.includes(app) ? replicas : 1 }, (_, i) => ({
    app,
    replica: i + 1,
    name: i === 0 ? app : `${app}#${i + 1}`,
  })),
);

function parseReplicas(value) {
  if (value === undefined || value === '') return 1;
  const count = Number(value);
  if (!Number.isInteger(count) || count < 1 || count > MAX_REPLICAS) {
    say(`REPLICAS must be a whole number from 1 to ${MAX_REPLICAS}, not "${value}"`);
    process.exit(2);
  }
  return count;
}

/**
 * The environment of one process. Replicas share everything but their ops listener's port: the nth
 * replica's is its app's port (OPS_PORT, or the app's default) plus 10 × (n - 1), so that
 * `REPLICAS=2 npm start` serves pricing's /metrics on 9101 and 9111. OPS_PORT=0 (any free port)
 * stays 0.
 */
function environmentOf({ app, replica }) {
  if (replica === 1) return process.env;
  const set = process.env.OPS_PORT;
  if (set === '0') return process.env;
  const base = set ? Number(set) : OPS_PORT_DEFAULTS[app];
  return { ...process.env, OPS_PORT: String(base + 10 * (replica - 1)) };
}

function reachable(host, portNumber, timeoutMs = 1000) {
  return new Promise((resolve) => {
    const socket = connect({ host, port: portNumber, timeout: timeoutMs });
    socket.once('connect', () => socket.end() && resolve(true));
    socket.once('timeout', () => socket.destroy() && resolve(false));
    socket.once('error', () => resolve(false));
  });
}

async function ensureNats() {
  if (await reachable(hostname, natsPort)) return;
  const found = (process.env.PATH ?? '')
    .split(':')
    .map((dir) => join(dir, 'nats-server'))
    .find((file) => existsSync(file));
  if (!found) {
    say(`Nothing answers at ${natsUrl}, and no nats-server is on the PATH.`);
    say('Install NATS (Debian/Ubuntu: apt-get install nats-server; macOS: brew install nats-server;');
    say('or run the nats image: docker run -p 4222:4222 nats -js), or set NATS_URL to a running server.');
    process.exit(1);
  }
  const storeDir = join(process.env.DATA_DIR ?? './data', 'nats');
  mkdirSync(storeDir, { recursive: true });
  say(`Starting ${found} on ${hostname}:${natsPort} (JetStream store in ${storeDir})`);
  const nats = spawn(found, ['-a', hostname, '-p', String(natsPort), '-js', '-sd', storeDir], { stdio: 'inherit' });
  children.set('nats-server', nats);
  for (let i = 0; i < 50 && !(await reachable(hostname, natsPort)); i++) await new Promise((r) => setTimeout(r, 100));
}

/** Spawns an app's process with an IPC channel, on which it reports { type: 'ready' } once it listens. */
function startApp(instance, restarts = 0) {
  const { app, name } = instance;
  const child = spawn(process.execPath, ['--enable-source-maps', join('apps', app, 'dist', 'main.js')], {
    env: environmentOf(instance),
    stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
  });
  children.set(name, child);
  say(`started ${name} (pid ${child.pid})`);
  let readyAt;
  const deadline = setTimeout(() => {
    say(`${name} (pid ${child.pid}) was not ready within ${BOOT_DEADLINE_MS / 1000} s; stopping it`);
    child.kill('SIGKILL');
  }, BOOT_DEADLINE_MS);
  child.on('message', (message) => {
    if (message?.type !== 'ready' || readyAt) return;
    readyAt = Date.now();
    clearTimeout(deadline);
    markReady(name, child.pid);
  });
  child.once('exit', (code, signal) => {
    clearTimeout(deadline);
    children.delete(name);
    const how = signal ? `signal ${signal}` : `exit code ${code}`;
    if (!stopping) afterExit(instance, `${name} (pid ${child.pid}) exited (${how})`, restarts, readyAt);
  });
}

function markReady(name, pid) {
  say(`${name} (pid ${pid}) is ready`);
  const booting = everReady.size < INSTANCES.length;
  everReady.add(name);
  if (booting && everReady.size === INSTANCES.length) {
    const each = replicas > 1 ? ` (${replicas} processes of each service)` : '';
    say(`All apps are ready${each}. Gateway on port ${process.env.PORT ?? 3000}; Swagger UI at /docs. Ctrl-C stops all.`);
  }
}

/**
 * An app that exits before it was ever ready cannot boot (bad configuration, a missing migration),
 * so the platform stops. One that was ready and then exits is restarted after a pause.
 */
function afterExit(instance, exited, restarts, readyAt) {
  const { name } = instance;
  if (!everReady.has(name)) {
    say(`${name} failed to start: ${exited} before it was ready; stopping the platform`);
    void stop(1);
    return;
  }
  const attempt = readyAt !== undefined && Date.now() - readyAt >= STABLE_AFTER_MS ? 0 : restarts;
  const pause = Math.min(FIRST_RESTART_PAUSE_MS * 2 ** attempt, MAX_RESTART_PAUSE_MS);
  say(`${exited}; restarting in ${pause} ms`);
  setTimeout(() => !stopping && startApp(instance, attempt + 1), pause);
}

async function stop(exitCode = 0) {
  if (stopping) return;
  stopping = true;
  say('Stopping…');
  // Apps first (each drains its NATS work), then the nats-server this script started, if any.
  const apps = [...children].filter(([name]) => name !== 'nats-server').map(([, child]) => child);
  await Promise.all(apps.map((child) => terminate(child, 15_000)));
  const nats = children.get('nats-server');
  if (nats) await terminate(nats, 5_000);
  process.exit(exitCode);
}

/** SIGTERM, then SIGKILL if the process is still there after the grace period. */
async function terminate(child, graceMs) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));

await ensureNats();
for (const instance of INSTANCES) startApp(instance);
