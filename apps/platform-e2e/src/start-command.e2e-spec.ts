import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { APPS, SERVICES } from '@billing/contracts';
import { TEST_NATS_URL } from '@billing/testing';
import { http } from './http.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const run = promisify(execFile);
const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const ADMIN_PASSWORD = 'start-command-password';

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/** scripts/start-platform.mjs with its output kept, and the PIDs it reports for each app it starts. */
function supervise(env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, ['scripts/start-platform.mjs'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c));
  child.stderr!.on('data', (c: Buffer) => (output += c));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const pids = (app: string) => [...output.matchAll(new RegExp(`started ${app} \\(pid (\\d+)\\)`, 'g'))].map((m) => Number(m[1]));
  const waitFor = async (what: string, done = () => output.includes(what), timeoutMs = 30_000) => {
    for (const deadline = Date.now() + timeoutMs; !done(); await delay(50)) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`no "${what}" in:\n${output.slice(-4000)}`);
    }
  };
  // SIGTERM, never SIGKILL: a killed supervisor would leave its apps running.
  const stop = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    return exited;
  };
  return { child, exited, pids, waitFor, stop, output: () => output };
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** The supervisor that `npm start` ends in: scripts/start-platform.mjs, after build and migrate. */
describe('the start command', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'billing-start-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  const envFor = (port: number, natsUrl: string, path: string) => ({
    PATH: path,
    HOME: process.env['HOME'],
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    NATS_URL: natsUrl,
    NATS_NAMESPACE: `start_${randomBytes(4).toString('hex')}`,
    ADMIN_PASSWORD,
    LOG_LEVEL: 'warn',
    // Any free ports for the ops listeners: the defaults (9100-9104) may be taken by a running `npm start`.
    OPS_PORT: '0',
  });
  const migrate = (env: NodeJS.ProcessEnv) =>
    Promise.all(SERVICES.map((app) => run(process.execPath, [join('apps', app, 'dist', 'migrate.js')], { cwd: ROOT, env })));

  it('starts a nats-server when none answers, runs five apps, and stops them all on SIGTERM', async () => {
    const [port, natsPort] = [await freePort(), await freePort()];
    const env = envFor(port, `nats://127.0.0.1:${natsPort}`, process.env['PATH'] ?? '');
    await migrate(env);

    const supervisor = supervise(env);
    try {
      let healthy = false;
      for (let i = 0; i < 150 && !healthy; i++) {
        healthy = await fetch(`http://127.0.0.1:${port}/health`).then(
          (r) => r.status === 200,
          () => false,
        );
        if (!healthy) await delay(200);
      }
      expect({ healthy, output: healthy ? '' : supervisor.output() }).toEqual({ healthy: true, output: '' });
      expect(supervisor.output()).toContain('nats-server');

      expect(await supervisor.stop()).toBe(0);
      // Gateway and NATS are gone with it.
      await expect(fetch(`http://127.0.0.1:${port}/health/live`)).rejects.toThrow();
      expect(await reachable(natsPort)).toBe(false);
    } finally {
      await supervisor.stop();
    }
  }, 60_000);

  it('restarts a service that dies after it was ready, and leaves the other apps running', async () => {
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const env = envFor(port, TEST_NATS_URL, process.env['PATH'] ?? '');
    await migrate(env);

    const supervisor = supervise(env);
    try {
      // Killed as soon as it is ready, so within seconds of its start: a crash, not a failed boot.
      await supervisor.waitFor('pricing ready', () => /pricing \(pid \d+\) is ready/.test(supervisor.output()));
      const first = Object.fromEntries(APPS.map((app) => [app, supervisor.pids(app)]));
      const killed = first['pricing']![0]!;
      process.kill(killed, 'SIGKILL');
      await supervisor.waitFor(`pricing (pid ${killed}) exited (signal SIGKILL); restarting in 1000 ms`);
      await supervisor.waitFor('pricing started again', () => supervisor.pids('pricing').length === 2, 5_000);
      const [, restarted] = supervisor.pids('pricing');
      await supervisor.waitFor(`pricing (pid ${restarted}) is ready`);
      await supervisor.waitFor('All apps are ready');

      const token = (await http(baseUrl, '/auth/token', { json: { username: 'admin', password: ADMIN_PASSWORD } })).body.access_token;
      expect((await http(baseUrl, '/api/rest/v2.9/billing/currencies', { token })).status).toBe(200);
      expect(supervisor.child.exitCode).toBeNull();
      for (const app of APPS.filter((name) => name !== 'pricing')) {
        expect({ app, pids: supervisor.pids(app), alive: alive(first[app]![0]!) }).toEqual({ app, pids: first[app], alive: true });
      }

      expect(await supervisor.stop()).toBe(0);
      expect([restarted!, ...APPS.map((app) => first[app]![0]!)].filter(alive)).toEqual([]);
    } finally {
      await supervisor.stop();
    }
  }, 90_000);

  it('runs REPLICAS processes of every service and one gateway; a killed replica leaves its twin serving', async () => {
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const env = { ...envFor(port, TEST_NATS_URL, process.env['PATH'] ?? ''), REPLICAS: '2' };
    await migrate(env);

    const supervisor = supervise(env);
    try {
      await supervisor.waitFor('All apps are ready (2 processes of each service)');
      const pids = [...APPS, ...SERVICES.map((app) => `${app}#2`)].map((name) => ({ name, pids: supervisor.pids(name) }));
      expect(pids.filter((p) => p.pids.length !== 1)).toEqual([]);
      expect(supervisor.pids('gateway#2')).toEqual([]);
      expect(new Set(pids.map((p) => p.pids[0])).size).toBe(APPS.length + SERVICES.length);

      // Each replica is in its service's queue group: with the first pricing gone, the second answers
      // every request at once (no 503 while the supervisor restarts the first).
      const token = (await http(baseUrl, '/auth/token', { json: { username: 'admin', password: ADMIN_PASSWORD } })).body.access_token;
      const [first] = supervisor.pids('pricing');
      process.kill(first!, 'SIGKILL');
      await supervisor.waitFor(`pricing (pid ${first}) exited (signal SIGKILL)`);
      for (let i = 0; i < 10; i++) expect((await http(baseUrl, '/api/rest/v2.9/billing/currencies', { token })).status).toBe(200);
      await supervisor.waitFor('pricing restarted', () => supervisor.pids('pricing').length === 2, 5_000);
      expect(alive(supervisor.pids('pricing#2')[0]!)).toBe(true);

      expect(await supervisor.stop()).toBe(0);
      const all = [...APPS, ...SERVICES.map((app) => `${app}#2`)].flatMap((name) => supervisor.pids(name));
      expect(all.filter(alive)).toEqual([]);
    } finally {
      await supervisor.stop();
    }
  }, 90_000);

  it('refuses a REPLICAS that is not a whole number from 1 to 16', async () => {
    for (const replicas of ['0', 'two', '17']) {
      const supervisor = supervise({ ...envFor(await freePort(), TEST_NATS_URL, process.env['PATH'] ?? ''), REPLICAS: replicas });
      expect(await supervisor.exited).toBe(2);
      expect(supervisor.output()).toContain(`REPLICAS must be a whole number from 1 to 16, not "${replicas}"`);
      expect(supervisor.output()).not.toContain('started');
    }
  });

  it('stops the whole platform, naming the app, when one cannot boot', async () => {
    const env = envFor(await freePort(), TEST_NATS_URL, process.env['PATH'] ?? '');
    await migrate(env);
    // Only accounts reads this setting, so every other app boots.
    const supervisor = supervise({ ...env, LOGIN_MAX_FAILURES: '0' });
    try {
      expect(await supervisor.exited).toBe(1);
      expect(supervisor.output()).toMatch(/accounts failed to start: accounts \(pid \d+\) exited \(exit code 1\) before it was ready/);
      expect(APPS.flatMap((app) => supervisor.pids(app)).filter(alive)).toEqual([]);
    } finally {
      await supervisor.stop();
    }
  }, 60_000);

  it('says how to get NATS when none answers and no nats-server is on the PATH', async () => {
    const supervisor = supervise(envFor(await freePort(), `nats://127.0.0.1:${await freePort()}`, '/nonexistent'));
    expect(await supervisor.exited).toBe(1);
    expect(supervisor.output()).toMatch(/no nats-server is on the PATH/);
    expect(supervisor.output()).toMatch(/NATS_URL/);
  });
});

/** The tables every service's database gets besides its own: idempotency records and the audit trail. */
const PLATFORM_MIGRATIONS = ['platform-0001-idempotency', 'platform-0002-audit'];

describe('npm run migrate', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'billing-migrate-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('gives each service its SQLite file under DATA_DIR with every one of its migrations applied', async () => {
    const env = {
      PATH: `${dirname(process.execPath)}:${process.env['PATH'] ?? ''}`,
      HOME: process.env['HOME'],
      DATA_DIR: dataDir,
      ADMIN_PASSWORD,
      LOG_LEVEL: 'warn',
    };
    await run('npm', ['run', 'migrate'], { cwd: ROOT, env });

    for (const service of SERVICES) {
      const folder = join(ROOT, 'apps', service, 'src', 'migrations');
      // Its own migrations, then the platform's that every service gets from libs/persistence.
      const own = (existsSync(folder) ? readdirSync(folder) : []).map((file) => file.replace(/\.migration\.ts$/, ''));
      const expected = [...own, ...PLATFORM_MIGRATIONS].sort();
      const db = new DatabaseSync(join(dataDir, `${service}.sqlite`), { readOnly: true });
      try {
        const applied = db
          .prepare('select name from mikro_orm_migrations order by name')
          .all()
          .map((row) => row['name']);
        expect({ service, applied }).toEqual({ service, applied: expected });
      } finally {
        db.close();
      }
    }
  }, 120_000);
});

function reachable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' }, () => {
      socket.end();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}
