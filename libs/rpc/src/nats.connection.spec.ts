import { connectNats, natsConnectionOptions } from './nats.connection.js';

const NATS_URL = process.env['TEST_NATS_URL'] ?? 'nats://127.0.0.1:4222';

describe('natsConnectionOptions', () => {
  it('takes every server of a comma-separated NATS_URL and names the connection after the app and purpose', () => {
    const options = natsConnectionOptions('telephony', { nats: { url: 'nats://a:4222, nats://b:4222' } }, 'events');
    expect(options).toMatchObject({
      servers: ['nats://a:4222', 'nats://b:4222'],
      name: 'billing-telephony-events',
      maxReconnectAttempts: -1,
    });
    expect(natsConnectionOptions('pricing', { nats: { url: NATS_URL } }).name).toBe('billing-pricing');
  });

  it('connects to the real server', async () => {
    const nc = await connectNats('pricing', { nats: { url: NATS_URL } }, 'unit-test');
    try {
      await expect(nc.flush()).resolves.toBeUndefined();
    } finally {
      await nc.close();
    }
  });
});
