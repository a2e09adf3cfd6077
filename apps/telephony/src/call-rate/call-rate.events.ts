import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import type { ServiceConfig } from '@billing/config';
import { TelephonyContracts } from '@billing/contracts';
import { natsEventSubject } from '@billing/rpc';
import { TELEPHONY_CONFIG } from '../config/app.config.js';

type Listener = (event: TelephonyContracts.CallRatesChanged) => void;

/**
 * "A tenant's rates changed", told to every telephony replica. Plain NATS publish/subscribe with no
 * queue group, so each replica hears it (the request handlers share a queue group instead).
 */
@Injectable()
export class CallRateEvents implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(CallRateEvents.name);
  private nc?: NatsConnection;
  private readonly listeners: Listener[] = [];
  private readonly subject: string;

  constructor(@Inject(TELEPHONY_CONFIG) private readonly config: ServiceConfig) {
    this.subject = natsEventSubject(config.nats.namespace, TelephonyContracts.CALL_RATES_CHANGED_EVENT);
  }

  async onModuleInit(): Promise<void> {
    this.nc = await connect({
      servers: this.config.nats.url.split(','),
      name: 'billing-telephony-events',
      maxReconnectAttempts: -1,
    });
    this.nc.subscribe(this.subject, {
      callback: (err, msg) => {
        if (err) return this.logger.error(err.message);
        const event = msg.json<TelephonyContracts.CallRatesChanged>();
        for (const listener of this.listeners) listener(event);
      },
    });
    // The subscription is registered with the server before any write can publish.
    await this.nc.flush();
  }

  onChange(listener: Listener): void {
    this.listeners.push(listener);
  }

  /** Published, and flushed to the server, before the write that caused it answers. */
  async changed(tenantId: string): Promise<void> {
    if (!this.nc) return;
    this.nc.publish(this.subject, JSON.stringify({ tenantId } satisfies TelephonyContracts.CallRatesChanged));
    await this.nc.flush();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.nc?.drain().catch(() => undefined);
  }
}
