import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { SERVICE_APPS } from '@billing/testing';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const run = promisify(execFile);

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

const exitOf = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

/** The supervisor that `npm start` ends in: scripts/start-platform.mjs, after build and migrate. */
describe('the start command', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'billing-start-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  const envFor = (port: number, natsPort: number, path: string) => ({
    PATH: path,
    HOME: process.env['HOME'],
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    NATS_URL: `nats://127.0.0.1:${natsPort}`,
    NATS_NAMESPACE: `start_${randomBytes(4).toString('hex')}`,
    ADMIN_PASSWORD: 'start-command-password',
    LOG_LEVEL: 'warn',
  });

  it('starts a nats-server when none answers, runs five apps, and stops them all on SIGTERM', async () => {
    const [port, natsPort] = [await freePort(), await freePort()];
    const env = envFor(port, natsPort, process.env['PATH'] ?? '');
    await Promise.all(SERVICE_APPS.map((app) => run(process.execPath, [join('apps', app, 'dist', 'migrate.js')], { cwd: ROOT, env })));

    const supervisor = spawn(process.execPath, ['scripts/start-platform.mjs'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    supervisor.stdout!.on('data', (c: Buffer) => (output += c));
    supervisor.stderr!.on('data', (c: Buffer) => (output += c));
    const exited = exitOf(supervisor);
    try {
      let healthy = false;
      for (let i = 0; i < 150 && !healthy; i++) {
        healthy = await fetch(`http://127.0.0.1:${port}/health`).then((r) => r.status === 200, () => false);
        if (!healthy) await new Promise((r) => setTimeout(r, 200));
      }
      expect({ healthy, output: healthy ? '' : output }).toEqual({ healthy: true, output: '' });
      expect(output).toContain('nats-server');

      supervisor.kill('SIGTERM');
      expect(await exited).toBe(0);
      // Gateway and NATS are gone with it.
      await expect(fetch(`http://127.0.0.1:${port}/health/live`)).rejects.toThrow();
      expect(await reachable(natsPort)).toBe(false);
    } finally {
      supervisor.kill('SIGKILL');
    }
  }, 60_000);

  it('says how to get NATS when none answers and no nats-server is on the PATH', async () => {
    const env = envFor(await freePort(), await freePort(), '/nonexistent');
    const supervisor = spawn(process.execPath, ['scripts/start-platform.mjs'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    supervisor.stderr!.on('data', (c: Buffer) => (output += c));
    expect(await exitOf(supervisor)).toBe(1);
    expect(output).toMatch(/no nats-server is on the PATH/);
    expect(output).toMatch(/NATS_URL/);
  });
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
