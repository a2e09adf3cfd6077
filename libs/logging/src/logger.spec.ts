import { Writable } from 'node:stream';
import { createLogger } from './logger.js';
import { runWithLogContext } from './log-context.js';

function capture() {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { lines, logger: createLogger('gateway', 'info', sink) };
}

describe('createLogger', () => {
  it('writes one JSON line per entry, with the app name', () => {
    const { lines, logger } = capture();
    logger.info({ route: '/health' }, 'request completed');
    expect(JSON.parse(lines[0]!)).toMatchObject({ app: 'gateway', route: '/health', msg: 'request completed', level: 30 });
  });

  it('redacts credentials wherever they appear', () => {
    const { lines, logger } = capture();
    logger.info(
      {
        password: 'hunter2hunter2',
        admin: { password: 'p2p2p2p2p2p2' },
        access_token: 'eyJ.secret.token',
        req: { headers: { authorization: 'Bearer eyJ.secret.token', 'x-auth-token': 'eyJ.other' } },
      },
      'sign-in',
    );
    expect(lines[0]).toContain('[redacted]');
    expect(lines[0]).not.toMatch(/hunter2|p2p2|secret|eyJ/);
  });
});

describe('the log context', () => {
  it('puts the request id and tenant on every line written inside it, and only there', async () => {
    const { lines, logger } = capture();
    logger.info('before');
    await runWithLogContext({ requestId: 'req-42', tenant: 'acme' }, async () => {
      logger.info({ step: 1 }, 'inside');
      await new Promise((resolve) => setTimeout(resolve, 5));
      logger.child({ context: 'Nested' }).warn('after an await');
    });
    logger.info('after');
    const [before, inside, awaited, after] = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(inside).toMatchObject({ requestId: 'req-42', tenant: 'acme', step: 1 });
    expect(awaited).toMatchObject({ requestId: 'req-42', tenant: 'acme', context: 'Nested' });
    // One line's own fields stay on that line.
    expect(awaited).not.toHaveProperty('step');
    expect(before).not.toHaveProperty('requestId');
    expect(after).not.toHaveProperty('requestId');
  });

  it('keeps two requests handled at once apart', async () => {
    const { lines, logger } = capture();
    const handle = (requestId: string, delay: number) =>
      runWithLogContext({ requestId }, async () => {
        await new Promise((resolve) => setTimeout(resolve, delay));
        logger.info(requestId);
      });
    await Promise.all([handle('slow', 20), handle('fast', 1)]);
    expect(lines.map((line) => JSON.parse(line) as { msg: string; requestId: string })).toEqual([
      expect.objectContaining({ msg: 'fast', requestId: 'fast' }),
      expect.objectContaining({ msg: 'slow', requestId: 'slow' }),
    ]);
  });
});

describe('a child logger that binds the request id itself', () => {
  it('writes each field once', () => {
    const { lines, logger } = capture();
    runWithLogContext({ requestId: 'req-7', tenant: 'acme' }, () => logger.child({ requestId: 'req-7' }).info('request completed'));
    expect(lines[0]!.match(/"requestId"/g)).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ requestId: 'req-7', tenant: 'acme' });
  });
});
