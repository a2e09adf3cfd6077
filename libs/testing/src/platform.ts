import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import { SERVICES, type AppName, type ServiceName } from '@billing/contracts';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export type DatabaseKind = 'sqlite' | 'postgres';

/** The server that CI and every developer run; each test run gets a database of its own on it. */
export const TEST_POSTGRES_URL = process.env['TEST_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_NATS_URL = process.env['TEST_NATS_URL'] ?? 'nats://127.0.0.1:4222';

export interface PlatformOptions {
  database: DatabaseKind;
  /** Extra environment for every app (e.g. a short RPC timeout). */
  env?: Record<string, string>;
  /** Discard the apps' output instead of keeping it for output() (long benchmark runs). */
  quiet?: boolean;
  /**
   * Processes of every service (default 1), as `REPLICAS` does for `npm start`: each joins its
   * service's queue group. The first is known by the service's name, the others as `<service>#<n>`.
   * The gateway stays one. Each replica is awaited until it logs that it listens on NATS (at info
   * level, as `addReplica` waits).
   */
  replicas?: number;
}

export interface RunningPlatform {
  baseUrl: string;
  namespace: string;
  dataDir: string;
  adminPassword: string;
  /** Set for the PostgreSQL variant: the run's own database. */
  databaseUrl?: string;
  /** Everything the apps wrote to stdout and stderr so far. */
  output(): string;
  /** A token for the given user, through POST /auth/token. */
  token(username: string, password: string): Promise<string>;
  stopApp(app: AppName): Promise<void>;
  startApp(app: AppName): Promise<void>;
  /** Starts one more gateway on a port of its own (same NATS, same key); answers its base URL. */
  addGateway(): Promise<string>;
  /**
   * Starts one more replica of a service (same queue group; `env` adds to or overrides the
   * platform's environment, e.g. another NATS_URL); stopped with the platform. Answers its key.
   */
  addReplica(app: ServiceName, env?: Record<string, string>): Promise<string>;
  /** The keys of the app processes running now: app names, and `<app>#<n>` for replicas and extra gateways. */
  processes(): string[];
  /** The process id of an app (by name or key), while it runs. */
  pid(key: string): number | undefined;
  /**
   * Sends a signal to an app's process (default SIGKILL: a crash, no drain) and waits until it has
   * exited; the key is then free, so `startApp(app)` starts the app again.
   */
  kill(key: string, signal?: NodeJS.Signals): Promise<void>;
  /**
   * The base URL of an app's ops listener (/livez, /readyz, /metrics), read from the `ops listening`
   * line it logs at info level (every app gets OPS_PORT=0 unless the suite sets it). `app` is an
   * app's name, or the key of an added replica or gateway (`pricing#5`).
   */
  opsUrl(app: string): Promise<string>;
  stop(): Promise<void>;
}

/**
 * Starts the five built apps as separate processes, as `npm start` does, against the real NATS
 * (a namespace of their own, so runs never hear each other) and a fresh SQLite directory or
 * PostgreSQL database. Migrations run first, as their own step.
 */
export async function startPlatform(options: PlatformOptions): Promise<RunningPlatform> {
  const suffix = randomBytes(6).toString('hex');
  const namespace = `e2e_${suffix}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'billing-e2e-'));
  const adminPassword = `admin-${randomBytes(12).toString('hex')}`;
  const port = await freePort();
  const databaseUrl = options.database === 'postgres' ? await createDatabase(`billing_e2e_${suffix}`) : undefined;
  const env: NodeJS.ProcessEnv = {
    PATH: process.env['PATH'],
    HOME: process.env['HOME'],
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    NATS_URL: TEST_NATS_URL,
    NATS_NAMESPACE: namespace,
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    ADMIN_PASSWORD: adminPassword,
    // Suites sign in often from one address; the sign-in limits have suites of their own.
    LOGIN_RATE_PER_MINUTE: '10000',
    LOGIN_RATE_GLOBAL_PER_MINUTE: '100000',
    // Suites and benchmarks send thousands of requests from one address and tenant; the rate-limit
    // suite sets its own limits.
    RATE_LIMIT_PER_CLIENT_PER_MINUTE: '0',
    RATE_LIMIT_PER_TENANT_PER_MINUTE: '0',
    // Any free port for each app's ops listener: suites run side by side (opsUrl finds the port).
    OPS_PORT: '0',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    ...options.env,
  };

  let output = '';
  const children = new Map<string, ChildProcess>();
  const opsPorts = new Map<string, number>();
  /** Service processes that have said they listen on NATS (a health ping may be answered by another replica). */
  const listening = new Set<ChildProcess>();
  let started = 0;

  await Promise.all(SERVICES.map((app) => run(process.execPath, [join(ROOT, 'apps', app, 'dist', 'migrate.js')], { env, cwd: ROOT })));

  const startApp = async (app: AppName, key: string = app, extraEnv: NodeJS.ProcessEnv = {}) => {
    const child = spawn(process.execPath, ['--enable-source-maps', join(ROOT, 'apps', app, 'dist', 'main.js')], {
      env: { ...env, ...extraEnv },
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (chunk: Buffer) => {
      if (!options.quiet) output += chunk.toString();
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    watchOpsPort(child, (port) => opsPorts.set(key, port));
    watchLine(child, `"msg":"${app} listening on NATS"`, () => listening.add(child));
    child.once('exit', (code, signal) => {
      output += `\n[harness] ${key} exited (${signal ?? code})\n`;
      listening.delete(child);
    });
    children.set(key, child);
    started++;
    return child;
  };

  /** Waits until each of `processes` listens on NATS. */
  const listeningOn = async (processes: ChildProcess[]) => {
    const deadline = Date.now() + 30_000;
    while (!processes.every((child) => listening.has(child))) {
      const dead = processes.find((child) => child.exitCode !== null || child.signalCode !== null);
      if (dead || Date.now() > deadline) throw new Error(`a service replica did not start:\n${output.slice(-3000)}`);
      await delay(50);
    }
  };

  const stopApp = async (app: string) => {
    const child = children.get(app);
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(killer);
    children.delete(app);
    opsPorts.delete(app);
  };

  const baseUrl = `http://127.0.0.1:${port}`;
  const platform: RunningPlatform = {
    baseUrl,
    namespace,
    dataDir,
    adminPassword,
    databaseUrl,
    output: () => output,
    token: async (username, password) => {
      const response = await fetch(`${baseUrl}/auth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password }),
      });
      if (response.status !== 200) throw new Error(`sign-in as ${username} failed: ${response.status}`);
      return ((await response.json()) as { access_token: string }).access_token;
    },
    stopApp,
    addGateway: async () => {
      const gatewayPort = await freePort();
      await startApp('gateway', `gateway#${children.size}`, { PORT: String(gatewayPort) });
      const url = `http://127.0.0.1:${gatewayPort}`;
      await waitForHealth(url, () => output);
      return url;
    },
    addReplica: async (app, extraEnv = {}) => {
      // Ready when it says so: the health ping would be answered by the replicas already running.
      const key = `${app}#${started + 1}`;
      await listeningOn([await startApp(app, key, extraEnv)]);
      return key;
    },
    processes: () => [...children.keys()],
    pid: (key) => children.get(key)?.pid,
    kill: async (key, signal = 'SIGKILL') => {
      const child = children.get(key);
      if (!child) throw new Error(`no process ${key}`);
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill(signal);
        await exited;
      }
      children.delete(key);
      opsPorts.delete(key);
    },
    opsUrl: async (app) => {
      const deadline = Date.now() + 10_000;
      while (!opsPorts.has(app)) {
        if (Date.now() > deadline) throw new Error(`no "ops listening" line from ${app}:\n${output.slice(-3000)}`);
        await delay(50);
      }
      return `http://127.0.0.1:${opsPorts.get(app)}`;
    },
    startApp: async (app) => {
      await startApp(app);
      await waitForHealth(baseUrl, () => output);
    },
    stop: async () => {
      await Promise.all([...children.keys()].map(stopApp));
      rmSync(dataDir, { recursive: true, force: true });
      if (databaseUrl) await dropDatabase(new URL(databaseUrl).pathname.slice(1));
    },
  };

  const replicas: ChildProcess[] = [];
  for (const app of [...SERVICES, 'gateway'] as const) await startApp(app);
  for (let n = 2; n <= (options.replicas ?? 1); n++) {
    for (const app of SERVICES) replicas.push(await startApp(app, `${app}#${n}`));
  }
  try {
    await waitForHealth(baseUrl, () => output);
    await listeningOn(replicas);
  } catch (error) {
    await platform.stop();
    throw error;
  }
  return platform;
}

/** Calls `found` once the child writes a line containing `text` to stdout. */
function watchLine(child: ChildProcess, text: string, found: () => void): void {
  let pending = '';
  const onData = (chunk: Buffer) => {
    pending += chunk.toString();
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    if (lines.some((line) => line.includes(text))) {
      child.stdout?.off('data', onData);
      found();
    }
  };
  child.stdout?.on('data', onData);
}

/** Reads a child's stdout until its `ops listening` line, and reports the port the line names. */
function watchOpsPort(child: ChildProcess, found: (port: number) => void): void {
  let pending = '';
  const onData = (chunk: Buffer) => {
    pending += chunk.toString();
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.includes('"msg":"ops listening"')) continue;
      const port = (JSON.parse(line) as { opsPort?: unknown }).opsPort;
      if (typeof port === 'number') {
        found(port);
        child.stdout?.off('data', onData);
        return;
      }
    }
  };
  child.stdout?.on('data', onData);
}

async function waitForHealth(baseUrl: string, output: () => string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${baseUrl}/health`);
      if (response.status === 200) return;
      last = await response.text();
    } catch {
      // not listening yet
    }
    await delay(100);
  }
  // The gateway's own request lines would hide what matters: the apps' other output.
  const relevant = output()
    .split('\n')
    .filter((line) => !line.includes('"msg":"request completed"'))
    .join('\n');
  throw new Error(`platform did not become healthy in ${timeoutMs} ms; last /health: ${last}\noutput:\n${relevant.slice(-6000)}`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function withAdminClient<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function createDatabase(name: string): Promise<string> {
  await withAdminClient((client) => client.query(`create database "${name}"`));
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function dropDatabase(name: string): Promise<void> {
  await withAdminClient((client) => client.query(`drop database if exists "${name}" with (force)`));
}

/** Runs one query against a PostgreSQL database (for tests that look behind the API). */
export async function queryPostgres<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

/**
 * Runs `sql` (e.g. a table lock) in a transaction of its own and keeps it open until the returned
 * function commits it: a test's stand-in for another client's long transaction.
 */
export async function holdPostgresTransaction(url: string, sql: string): Promise<() => Promise<void>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('begin');
  await client.query(sql);
  return async () => {
    await client.query('commit');
    await client.end();
  };
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
