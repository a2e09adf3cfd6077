import { Controller, Module, type INestMicroservice } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { connect, errors, type NatsConnection } from '@nats-io/transport-node';
import { randomBytes } from 'node:crypto';
import { CommonErrorCode, DomainException } from '@billing/contracts';
import { bootstrapService } from './service-bootstrap.js';

const NATS_URL = process.env['TEST_NATS_URL'] ?? 'nats://127.0.0.1:4222';

@Controller()
class ProbeController {
  @MessagePattern('pricing.probe.echo')
  echo(@Payload() message: { data: unknown }) {
    return { echoed: message.data };
  }

  @MessagePattern('pricing.probe.slow')
  async slow() {
    await new Promise((resolve) => setTimeout(resolve, 300));
    return { done: true };
  }

  @MessagePattern('pricing.probe.refuse')
  refuse() {
    throw new DomainException(CommonErrorCode.Conflict, 'already there', { field: 'code' });
  }

  @MessagePattern('pricing.probe.crash')
  crash() {
    throw new Error('secret internals');
  }
}

@Module({ controllers: [ProbeController] })
class ProbeModule {}

describe('a service on NATS (real server)', () => {
  const namespace = `unit_${randomBytes(4).toString('hex')}`;
  let app: INestMicroservice;
  let nc: NatsConnection;

  const request = async (pattern: string, data: unknown = {}, subject = `${namespace}.${pattern}`) => {
    const reply = await nc.request(subject, JSON.stringify({ pattern, data: { data }, id: '1' }), { timeout: 2000 });
    return reply.json<{ response?: unknown; err?: unknown }>();
  };

  beforeAll(async () => {
    app = await bootstrapService(ProbeModule, { service: 'pricing', nats: { url: NATS_URL, namespace }, logLevel: 'silent' });
    nc = await connect({ servers: NATS_URL });
  });
  afterAll(async () => {
    await app?.close();
    await nc?.close();
  });

  it('answers under its namespace only', async () => {
    expect((await request('pricing.probe.echo', { a: 1 })).response).toEqual({ echoed: { a: 1 } });
    const outside = await request('pricing.probe.echo', {}, 'pricing.probe.echo').catch((e: unknown) => e);
    expect(outside instanceof errors.RequestError && outside.isNoResponders()).toBe(true);
  });

  it('sends a domain error as its code, message and details', async () => {
    expect((await request('pricing.probe.refuse')).err).toEqual({
      code: 'CONFLICT',
      message: 'already there',
      details: { field: 'code' },
    });
  });

  it('hides a fault behind INTERNAL', async () => {
    expect((await request('pricing.probe.crash')).err).toEqual({ code: 'INTERNAL', message: 'Internal error' });
  });

  it('answers requests in flight when it shuts down, then stops answering', async () => {
    const own = await bootstrapService(ProbeModule, {
      service: 'pricing',
      nats: { url: NATS_URL, namespace: `${namespace}_drain` },
      logLevel: 'silent',
    });
    const pending = request('pricing.probe.slow', {}, `${namespace}_drain.pricing.probe.slow`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await own.close();
    expect((await pending).response).toEqual({ done: true });
    await expect(request('pricing.probe.slow', {}, `${namespace}_drain.pricing.probe.slow`)).rejects.toThrow(/no responders/);
  });
});
