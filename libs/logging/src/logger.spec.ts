import { Writable } from 'node:stream';
import { createLogger } from './logger.js';

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
