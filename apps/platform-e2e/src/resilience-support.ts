import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Helpers of the resilience suites: a private NATS server, a NATS proxy that delays events, /proc readings. */

export const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export function reachable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' }, () => {
      socket.end();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

/** Polls `probe` until `done` holds or the deadline passes; answers the last value. */
export async function eventually<T>(probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs: number, everyMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value) || Date.now() > deadline) return value;
    await delay(everyMs);
  }
}

export interface PrivateNats {
  url: string;
  port: number;
  /** Stops the server (SIGTERM, as an orchestrator restarting it would) and waits until its port is closed. */
  stop(): Promise<void>;
  /** Starts it again on the same port and store, and waits until it accepts connections. */
  start(): Promise<void>;
  /** Stops it and removes its store. */
  close(): Promise<void>;
}

/** The nats-server binary: on the PATH, or where Debian's package puts it. */
function natsServerBinary(): string {
  const onPath = (process.env['PATH'] ?? '')
    .split(':')
    .map((dir) => join(dir, 'nats-server'))
    .find((file) => existsSync(file));
  return onPath ?? '/usr/sbin/nats-server';
}

/**
 * A nats-server of the test's own (JetStream on, a temporary store, a free port on loopback), so a
 * test can stop and restart NATS without touching the server every other suite uses.
 */
export async function startPrivateNats(): Promise<PrivateNats> {
  const port = await freePort();
  const storeDir = mkdtempSync(join(tmpdir(), 'billing-nats-'));
  let server: ChildProcess | undefined;
  const start = async () => {
    server = spawn(natsServerBinary(), ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', storeDir], { stdio: 'ignore' });
    const up = await eventually(() => reachable(port), Boolean, 10_000);
    if (!up) throw new Error(`the private nats-server did not listen on ${port}`);
  };
  const stop = async () => {
    const running = server;
    server = undefined;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGTERM');
    const killer = setTimeout(() => running.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(killer);
  };
  await start();
  return {
    url: `nats://127.0.0.1:${port}`,
    port,
    stop,
    start,
    close: async () => {
      await stop();
      rmSync(storeDir, { recursive: true, force: true });
    },
  };
}

export interface NatsProxy {
  url: string;
  /**
   * Holds back the messages (MSG and HMSG frames) the server sends to connections named `name`
   * (the name a client gives in CONNECT, e.g. `billing-telephony-events`); everything else, PONGs
   * included, still flows, so the client stays connected and its own publishes and flushes work.
   * The held messages are delivered, in order, by `release()`: a message that is late, as an event
   * may be in a NATS cluster.
   */
  hold(name: string): void;
  release(): void;
  /** How many messages on a subject ending in `subjectSuffix` the server delivered to connections named `name`. */
  delivered(name: string, subjectSuffix: string): number;
  close(): Promise<void>;
}

interface ProxiedConnection {
  name?: string;
  client: Socket;
  held: Buffer[];
}

/** A TCP proxy in front of a NATS server that reads the server's frames to each client (see NatsProxy). */
export async function startNatsProxy(targetUrl: string): Promise<NatsProxy> {
  const target = new URL(targetUrl);
  const connections = new Set<ProxiedConnection>();
  const counts = new Map<string, number>();
  let holding: string | undefined;

  const server: Server = createServer((client) => {
    const connection: ProxiedConnection = { client, held: [] };
    connections.add(connection);
    const upstream = connect(Number(target.port || 4222), target.hostname);
    for (const socket of [client, upstream]) socket.on('error', () => undefined);
    client.on('close', () => {
      upstream.destroy();
      connections.delete(connection);
    });
    upstream.on('close', () => client.destroy());

    // Client to server: passed on as it comes; the first CONNECT names the connection.
    let hello = '';
    client.on('data', (chunk: Buffer) => {
      if (connection.name === undefined && hello.length < 65_536) {
        hello += chunk.toString('latin1');
        const connectLine = /CONNECT (\{.*?\})\r\n/.exec(hello);
        if (connectLine) connection.name = String((JSON.parse(connectLine[1]!) as { name?: unknown }).name ?? '');
      }
      upstream.write(chunk);
    });

    // Server to client: split into frames, so messages can be counted and held.
    let pending = Buffer.alloc(0);
    upstream.on('data', (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      for (;;) {
        const lineEnd = pending.indexOf('\r\n');
        if (lineEnd < 0) return;
        const line = pending.subarray(0, lineEnd).toString('latin1');
        const [op, subject] = line.split(' ');
        const isMessage = op === 'MSG' || op === 'HMSG';
        const size = isMessage ? lineEnd + 2 + Number(line.slice(line.lastIndexOf(' ') + 1)) + 2 : lineEnd + 2;
        if (pending.length < size) return;
        const frame = pending.subarray(0, size);
        pending = pending.subarray(size);
        if (!isMessage) {
          client.write(frame);
          continue;
        }
        const key = `${connection.name ?? ''}\n${subject ?? ''}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
        if (holding !== undefined && connection.name === holding) connection.held.push(Buffer.from(frame));
        else client.write(frame);
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as { port: number };

  const release = () => {
    holding = undefined;
    for (const connection of connections) {
      for (const frame of connection.held.splice(0)) connection.client.write(frame);
    }
  };
  return {
    url: `nats://127.0.0.1:${port}`,
    hold: (name) => (holding = name),
    release,
    delivered: (name, subjectSuffix) =>
      [...counts].filter(([key]) => key.startsWith(`${name}\n`) && key.endsWith(subjectSuffix)).reduce((sum, [, n]) => sum + n, 0),
    close: () =>
      new Promise<void>((resolve) => {
        release();
        server.close(() => resolve());
        for (const connection of connections) connection.client.destroy();
      }),
  };
}

/** A process's resident memory in bytes, from /proc/<pid>/status. */
export function residentBytes(pid: number): number {
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) throw new Error(`no VmRSS for process ${pid}`);
  return Number(match[1]) * 1024;
}

/** How many file descriptors (sockets among them) a process has open. */
export function openDescriptors(pid: number): number {
  return readdirSync(`/proc/${pid}/fd`).length;
}
