import { ServerNats, type NatsContext, type NatsOptions } from '@nestjs/microservices';
import type { Msg, NatsConnection, Subscription } from '@nats-io/transport-node';
import { context } from '@opentelemetry/api';
import { tracingEnabled } from '@billing/observability';
import { watchNatsConnection } from './nats.connection.js';
import { contextFromHeaders } from './rpc-observation.js';
import { SendBatch } from './send-batch.js';
import { natsSubject } from './subject.js';

type NatsServerOptions = NonNullable<NatsOptions['options']> & { namespace: string; drainTimeoutMs?: number };

/**
 * Nest's NATS server, with two changes: every pattern is subscribed under the namespace prefix, and
 * shutdown drains (stop taking new requests, let those in flight answer) instead of dropping them.
 */
export class NamespacedNatsServer extends ServerNats {
  private inFlight = 0;
  private readonly ownSubscriptions: Subscription[] = [];
  private readonly answers = new SendBatch();
  private connected: () => boolean = () => false;
  private closing = false;
  private readonly afterClose: Array<() => Promise<void>> = [];

  constructor(private readonly serverOptions: NatsServerOptions) {
    super(serverOptions);
  }

  override bindEvents(client: NatsConnection): void {
    this.connected = watchNatsConnection(client);
    const queue = this.serverOptions.queue;
    // Decided once: tracing starts before the service does, or not at all.
    const traced = tracingEnabled();
    for (const pattern of this.messageHandlers.keys()) {
      const handle = this.getMessageHandler(pattern).bind(this);
      const sub = client.subscribe(natsSubject(this.serverOptions.namespace, pattern), {
        queue,
        callback: (err, msg) => {
          this.inFlight++;
          // The caller's trace context (from the message headers) is active while the handler runs.
          const handled = traced ? context.with(contextFromHeaders(msg?.headers), handle, undefined, err, msg) : handle(err, msg);
          void Promise.resolve(handled).finally(() => this.inFlight--);
        },
      });
      this.ownSubscriptions.push(sub);
    }
  }

  /** Ready for requests: connected to NATS and not shutting down (readiness turns 503 as the drain begins). */
  isServing(): boolean {
    return !this.closing && this.connected();
  }

  /** Runs once the drain is over and the connection closed (the ops listener and the span exporter stop then). */
  onClosed(step: () => Promise<void>): void {
    this.afterClose.push(step);
  }

  /**
   * Our patterns are plain strings (libs/contracts), never JSON objects: Nest's lookup would first
   * try JSON.parse on every message's pattern and catch the SyntaxError (4% of a service's CPU).
   */
  override getRouteFromPattern(pattern: string): string {
    return pattern;
  }

  /** Answers go out in batches (see SendBatch): Nest's publisher, deferred to the end of the turn. */
  override getPublisher(message: Msg, id: string, context: NatsContext): (response: unknown) => void {
    const publish = super.getPublisher(message, id, context);
    return (response) => this.answers.defer(() => publish(response));
  }

  override async close(): Promise<void> {
    this.closing = true;
    try {
      await this.drainAndClose();
    } finally {
      for (const step of this.afterClose.splice(0)) await step().catch(() => undefined);
    }
  }

  private async drainAndClose(): Promise<void> {
    let client: NatsConnection;
    try {
      client = this.unwrap<NatsConnection>();
    } catch {
      return; // never connected: nothing to drain
    }
    for (const sub of this.ownSubscriptions) sub.unsubscribe();
    const deadline = Date.now() + (this.serverOptions.drainTimeoutMs ?? 10_000);
    while (this.inFlight > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    if (!client.isClosed()) await client.drain().catch(() => undefined);
    await super.close();
  }
}
