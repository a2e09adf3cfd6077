// Runs the five apps as separate processes that talk over NATS, and stops them together on Ctrl-C
// or SIGTERM. If nothing answers at NATS_URL and a nats-server binary is on the PATH, starts one.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';

const APPS = ['pricing', 'accounts', 'entities', 'telephony', 'gateway'];
const natsUrl = (process.env.NATS_URL ?? 'nats://127.0.0.1:4222').split(',')[0];
const { hostname, port } = new URL(natsUrl.includes('://') ? natsUrl : `nats://${natsUrl}`);
const natsPort = Number(port || 4222);
const children = new Map();
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

/** A crash after a clean boot is restarted (with a growing pause); a failure to boot stops everything. */
function startApp(app, restarts = 0) {
  const startedAt = Date.now();
  const child = spawn(process.execPath, ['--enable-source-maps', join('apps', app, 'dist', 'main.js')], {
    env: process.env,
    stdio: 'inherit',
  });
  children.set(app, child);
  child.once('exit', (code, signal) => {
    children.delete(app);
    if (stopping) return;
    if (Date.now() - startedAt < 5000) {
      say(`${app} failed to start (${signal ?? code}); stopping the platform`);
      void stop(1);
      return;
    }
    const pause = Math.min(1000 * 2 ** restarts, 30_000);
    say(`${app} exited (${signal ?? code}); restarting in ${pause} ms`);
    setTimeout(() => !stopping && startApp(app, restarts + 1), pause);
  });
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
say(`Started ${APPS.join(', ')}. Gateway on port ${process.env.PORT ?? 3000}; Swagger UI at /docs. Ctrl-C stops all.`);
