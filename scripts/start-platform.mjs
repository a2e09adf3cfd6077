// Runs the five apps as separate processes that talk over NATS, and stops them together on Ctrl-C
// or SIGTERM. If nothing answers at NATS_URL and a nats-server binary is on the PATH, starts one.
// Runs after the build, so the list of apps comes from the built contracts library.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { APPS } from '../libs/contracts/dist/index.js';

// An app reports { type: 'ready' } over IPC once it listens; one that has not within this is stuck.
const BOOT_DEADLINE_MS = 60_000;
// Restart pauses double from the first to the cap, and start over once an app has stayed up this long.
const FIRST_RESTART_PAUSE_MS = 1000;
const MAX_RESTART_PAUSE_MS = 30_000;
const STABLE_AFTER_MS = 60_000;

const natsUrl = (process.env.NATS_URL ?? 'nats://127.0.0.1:4222').split(',')[0];
const { hostname, port } = new URL(natsUrl.includes('://') ? natsUrl : `nats://${natsUrl}`);
const natsPort = Number(port || 4222);
const children = new Map();
/** Apps that have been ready at least once: their exits are crashes to restart, not failed boots. */
const everReady = new Set();
let stopping = false;

const say = (message) => process.stderr.write(`[platform] ${message}\n`);

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

/** Spawns an app with an IPC channel, on which it reports { type: 'ready' } once it listens. */
function startApp(app, restarts = 0) {
  const child = spawn(process.execPath, ['--enable-source-maps', join('apps', app, 'dist', 'main.js')], {
    env: process.env,
    stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
  });
  children.set(app, child);
  say(`started ${app} (pid ${child.pid})`);
  let readyAt;
  const deadline = setTimeout(() => {
    say(`${app} (pid ${child.pid}) was not ready within ${BOOT_DEADLINE_MS / 1000} s; stopping it`);
    child.kill('SIGKILL');
  }, BOOT_DEADLINE_MS);
  child.on('message', (message) => {
    if (message?.type !== 'ready' || readyAt) return;
    readyAt = Date.now();
    clearTimeout(deadline);
    markReady(app, child.pid);
  });
  child.once('exit', (code, signal) => {
    clearTimeout(deadline);
    children.delete(app);
    const how = signal ? `signal ${signal}` : `exit code ${code}`;
    if (!stopping) afterExit(app, `${app} (pid ${child.pid}) exited (${how})`, restarts, readyAt);
  });
}

function markReady(app, pid) {
  say(`${app} (pid ${pid}) is ready`);
  const booting = everReady.size < APPS.length;
  everReady.add(app);
  if (booting && everReady.size === APPS.length) {
    say(`All apps are ready. Gateway on port ${process.env.PORT ?? 3000}; Swagger UI at /docs. Ctrl-C stops all.`);
  }
}

/**
 * An app that exits before it was ever ready cannot boot (bad configuration, a missing migration),
 * so the platform stops. One that was ready and then exits is restarted after a pause.
 */
function afterExit(app, exited, restarts, readyAt) {
  if (!everReady.has(app)) {
    say(`${app} failed to start: ${exited} before it was ready; stopping the platform`);
    void stop(1);
    return;
  }
  const attempt = readyAt !== undefined && Date.now() - readyAt >= STABLE_AFTER_MS ? 0 : restarts;
  const pause = Math.min(FIRST_RESTART_PAUSE_MS * 2 ** attempt, MAX_RESTART_PAUSE_MS);
  say(`${exited}; restarting in ${pause} ms`);
  setTimeout(() => !stopping && startApp(app, attempt + 1), pause);
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
for (const app of APPS) startApp(app);
