import { Inject, Injectable, Logger, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import type { EventDef, PayloadOf } from '@billing/contracts';
import { connectNats, type NatsConnectionConfig } from './nats.connection.js';
import { natsEventSubject } from './subject.js';

export interface ServiceEventsOptions extends NatsConnectionConfig {
  app: string;
  nats: { url: string; namespace: string };
}

const EVENTS_OPTIONS = Symbol('EVENTS_OPTIONS');

/**
 * Facts told to every replica that listens (plain publish/subscribe, no queue group: the request
 * handlers share a queue group instead), on a connection of their own. A publish is flushed to the
 * server before it returns, so the write that caused it answers only once the fact is out.
 */
@Injectable()
export class ServiceEvents implements OnApplicationShutdown {
  private readonly logger = new Logger(ServiceEvents.name);
  private connection?: Promise<NatsConnection>;

  constructor(@Inject(EVENTS_OPTIONS) private readonly options: ServiceEventsOptions) {}

  async publish<E extends EventDef<unknown>>(event: E, payload: PayloadOf<E>): Promise<void> {
    const nc = await this.nc();
    nc.publish(this.subject(event), JSON.stringify(payload));
    await nc.flush();
  }

  /** Registered with the server before it resolves, so no later publish can be missed. */
  async subscribe<E extends EventDef<unknown>>(event: E, listener: (payload: PayloadOf<E>) => void): Promise<void> {
    const nc = await this.nc();
    nc.subscribe(this.subject(event), {
      callback: (error, message) => {
        if (error) return this.logger.error(error.message);
        listener(message.json<PayloadOf<E>>());
      },
    });
    await nc.flush();
  }

  async onApplicationShutdown(): Promise<void> {
    const nc = await this.connection?.catch(() => undefined);
    await nc?.drain().catch(() => undefined);
  }

  private nc(): Promise<NatsConnection> {
    this.connection ??= connectNats(this.options.app, this.options, 'events');
    return this.connection;
  }

  private subject(event: EventDef<unknown>): string {
    return natsEventSubject(this.options.nats.namespace, event.event);
  }
}

/** Gives an app `ServiceEvents` (global), connected under the app's name. */
@Module({})
export class ServiceEventsModule {
  static forRoot(options: ServiceEventsOptions): DynamicModule {
    return {
      module: ServiceEventsModule,
      global: true,
      providers: [{ provide: EVENTS_OPTIONS, useValue: options }, ServiceEvents],
      exports: [ServiceEvents],
    };
  }
}
