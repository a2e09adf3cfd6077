import { Controller, Logger, Module, type INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { CommonErrorCode, defineMessage, DomainException, type CallerContext } from '@billing/contracts';
import { createLogger, PinoNestLogger } from '@billing/logging';
import { metricsRegistry, rpcServerMetrics } from '@billing/observability';
import { Handles } from './handles.decorator.js';
import { NamespacedNatsServer } from './namespaced-nats.server.js';
import { natsConnectionOptions } from './nats.connection.js';
import { DomainRpcExceptionFilter } from './rpc-exception.filter.js';

const NATS_URL = process.env['TEST_NATS_URL'] ?? 'nats://127.0.0.1:4222';

const Greet = defineMessage<{ name: string }, { greeting: string; tenant: string }>('pricing.probe.greet');
const Crash = defineMessage<Record<string, never>, never>('pricing.probe.crash');
const Refuse = defineMessage<Record<string, never>, never>('pricing.probe.refuse');
const Anonymous = defineMessage<{ name: string }, { greeting: string; hasCaller: boolean }>('pricing.probe.anonymous');

@Controller()
class ProbeController {
  private readonly logger = new Logger('Probe');

  @Handles(Greet)
  async greet(data: { name: string }, caller: CallerContext) {
    await new Promise((resolve) => setTimeout(resolve, 5));
    this.logger.log(`greeting ${data.name}`);
    return { greeting: `hello ${data.name}`, tenant: caller.tenantName };
  }

  @Handles(Crash)
  crash(): never {
    throw new Error('secret internals');
  }

  @Handles(Anonymous, { anonymous: true })
  anonymous(data: { name: string }, caller?: CallerContext) {
    return { greeting: `hello ${data.name}`, hasCaller: caller !== undefined };
  }

  @Handles(Refuse)
  async refuse(): Promise<never> {
    throw new DomainException(CommonErrorCode.NotFound, 'no such thing');
  }
}

/** Never started: only compiled, to prove that a handler that drifts from its contract does not. */
export class DriftingController {
  // @ts-expect-error the request is the contract's { name: string }, not { id: number }
  @Handles(Greet)
  wrongRequest(data: { id: number }, caller: CallerContext) {
    return { greeting: String(data.id), tenant: caller.tenantName };
  }

  // @ts-expect-error the response lacks the contract's tenant
  @Handles(Greet)
  wrongResponse(data: { name: string }) {
    return { greeting: data.name };
  }

  // @ts-expect-error an anonymous handler may not count on a caller
  @Handles(Anonymous, { anonymous: true })
  callerRequired(data: { name: string }, caller: CallerContext) {
    return { greeting: data.name, hasCaller: caller.tenantId !== '' };
  }
}

@Module({ controllers: [ProbeController] })
class ProbeModule {}

const caller: CallerContext = {
  tenantId: 't-1',
  tenantName: 'acme',
  userId: 'u-1',
  username: 'jane',
  roles: ['admin'],
  operator: false,
  requestId: 'req-7f3a',
};

describe('@Handles (a service on the real NATS server)', () => {
  const namespace = `unit_${randomBytes(4).toString('hex')}`;
  const lines: Record<string, unknown>[] = [];
  let app: INestMicroservice;
  let nc: NatsConnection;

  const request = async (pattern: string, envelope: unknown) => {
    const packet = JSON.stringify({ pattern, data: envelope, id: '1' });
    const reply = await nc.request(`${namespace}.${pattern}`, packet, { timeout: 2000 });
    return reply.json<{ response?: unknown; err?: unknown }>();
  };

  beforeAll(async () => {
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(JSON.parse(String(chunk)) as Record<string, unknown>);
        done();
      },
    });
    const strategy = new NamespacedNatsServer({ ...natsConnectionOptions('pricing', { nats: { url: NATS_URL } }), namespace });
    app = await NestFactory.createMicroservice(ProbeModule, {
      strategy,
      logger: new PinoNestLogger(createLogger('pricing', 'info', sink)),
    });
    app.useGlobalFilters(new DomainRpcExceptionFilter());
    await app.listen();
    nc = await connect({ servers: NATS_URL });
  });
  afterAll(async () => {
    await app?.close();
    await nc?.close();
  });
  beforeEach(() => lines.splice(0));

  it("hands the handler the envelope's data and caller", async () => {
    expect((await request(Greet.pattern, { caller, data: { name: 'Ada' } })).response).toEqual({ greeting: 'hello Ada', tenant: 'acme' });
  });

  it('puts the request id and tenant on what the handler logs through Nest', async () => {
    await request(Greet.pattern, { caller, data: { name: 'Ada' } });
    expect(lines).toContainEqual(expect.objectContaining({ msg: 'greeting Ada', context: 'Probe', requestId: 'req-7f3a', tenant: 'acme' }));
  });

  it('answers a request without a caller with INTERNAL, and logs the fault', async () => {
    expect((await request(Greet.pattern, { data: { name: 'Ada' } })).err).toEqual({ code: 'INTERNAL', message: 'Internal error' });
    expect(lines).toContainEqual(expect.objectContaining({ level: 50, msg: `${Greet.pattern} arrived without a verified caller` }));
    expect(lines.some((line) => line['msg'] === 'greeting Ada')).toBe(false);
  });

  it("logs a handler's fault with the request id, and sends only INTERNAL", async () => {
    expect((await request(Crash.pattern, { caller, data: {} })).err).toEqual({ code: 'INTERNAL', message: 'Internal error' });
    expect(lines).toContainEqual(
      expect.objectContaining({ level: 50, context: 'RpcExceptionFilter', msg: 'secret internals', requestId: 'req-7f3a' }),
    );
  });

  it('counts and times each handled message by pattern and outcome (ok, or the error code answered)', async () => {
    const metrics = rpcServerMetrics();
    const greeted = metrics.series(Greet.pattern, 'ok');
    const [before, sumBefore] = [greeted.count, greeted.sum];
    await request(Greet.pattern, { caller, data: { name: 'Ada' } });
    await request(Greet.pattern, { caller, data: { name: 'Bob' } });
    expect(greeted.count).toBe(before + 2);
    expect(greeted.sum - sumBefore).toBeGreaterThan(0.008); // each waits 5 ms

    const refused = metrics.series(Refuse.pattern, CommonErrorCode.NotFound).count;
    expect((await request(Refuse.pattern, { caller, data: {} })).err).toMatchObject({ code: 'NOT_FOUND' });
    expect(metrics.series(Refuse.pattern, CommonErrorCode.NotFound).count).toBe(refused + 1);

    const crashed = metrics.series(Crash.pattern, CommonErrorCode.Internal).count;
    await request(Crash.pattern, { caller, data: {} });
    expect(metrics.series(Crash.pattern, CommonErrorCode.Internal).count).toBe(crashed + 1);

    const text = await metricsRegistry.metrics();
    expect(text).toContain(`rpc_handled_total{pattern="${Greet.pattern}",outcome="ok"} ${before + 2}`);
    expect(text).toContain(`rpc_handle_duration_seconds_count{pattern="${Refuse.pattern}",outcome="NOT_FOUND"} ${refused + 1}`);
  });

  it('lets an anonymous handler answer without a caller', async () => {
    expect((await request(Anonymous.pattern, { data: { name: 'Ada' } })).response).toEqual({ greeting: 'hello Ada', hasCaller: false });
  });
});
