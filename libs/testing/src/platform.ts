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
  /** Starts one more replica of a service (same queue group); stopped with the platform. */
  addReplica(app: ServiceName): Promise<void>;
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
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    ...options.env,
  };

  let output = '';
  const children = new Map<string, ChildProcess>();

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
    child.once('exit', (code, signal) => (output += `\n[harness] ${key} exited (${signal ?? code})\n`));
    children.set(key, child);
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
    addReplica: async (app) => {
      // Ready when it says so: the health ping would be answered by the replicas already running.
      const ready = `"msg":"${app} listening on NATS"`;
      const before = output.split(ready).length;
      await startApp(app, `${app}#${children.size}`);
      const deadline = Date.now() + 30_000;
      while (output.split(ready).length === before) {
        if (Date.now() > deadline) throw new Error(`replica of ${app} did not start:\n${output.slice(-3000)}`);
        await delay(50);
      }
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

  for (const app of [...SERVICES, 'gateway'] as const) await startApp(app);
  try {
    await waitForHealth(baseUrl, () => output);
  } catch (error) {
    await platform.stop();
    throw error;
  }
  return platform;
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
