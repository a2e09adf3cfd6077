import type { OnApplicationShutdown } from '@nestjs/common';
import { errors, type MsgHdrs, type NatsConnection } from '@nats-io/transport-node';
import { randomUUID } from 'node:crypto';
import {
  CommonErrorCode,
  isRpcErrorPayload,
  REPLAYED_REPLY,
  type CallerContext,
  type MessageDef,
  type RequestOf,
  type ResponseOf,
} from '@billing/contracts';
import { nextIdempotencyClaim } from './idempotency.scope.js';
import { tracingEnabled } from '@billing/observability';
import { traceRpcRequest } from './rpc-observation.js';
import { RemoteRpcException, RpcUnavailableException } from './rpc.exception.js';
import { SendBatch } from './send-batch.js';
import { natsSubject } from './subject.js';

/** A reply as Nest's NATS server sends it. */
interface ReplyPacket {
  response?: unknown;
  err?: unknown;
}

export interface RpcClientOptions {
  namespace: string;
  /** How long a request may wait for its answer by default. */
  timeoutMs: number;
}

/**
 * Request-reply over NATS in the wire format of Nest's NATS transport, for the gateway and for a
 * service that asks another (pricing asks accounts about a customer). It uses the NATS client's own
 * request, so every call has a deadline and "no responders" is known at once instead of waited out.
 */
export class RpcClient implements OnApplicationShutdown {
  private readonly sends = new SendBatch();

  constructor(
    private readonly nc: NatsConnection,
    private readonly options: RpcClientOptions,
  ) {}

  request<M extends MessageDef<unknown, unknown>>(
    message: M,
    data: RequestOf<M>,
    caller?: CallerContext,
    timeoutMs = this.options.timeoutMs,
  ): Promise<ResponseOf<M>> {
    if (!tracingEnabled()) return this.exchange(message, data, caller, timeoutMs);
    // A client span per request; its context travels to the service in the message headers.
    const subject = natsSubject(this.options.namespace, message.pattern);
    return traceRpcRequest(message.pattern, subject, (headers) => this.exchange(message, data, caller, timeoutMs, headers));
  }

  private async exchange<M extends MessageDef<unknown, unknown>>(
    message: M,
    data: RequestOf<M>,
    caller: CallerContext | undefined,
    timeoutMs: number,
    headers?: MsgHdrs,
  ): Promise<ResponseOf<M>> {
    const service = message.pattern.split('.')[0] ?? 'unknown';
    const idempotent = nextIdempotencyClaim();
    const envelope = idempotent ? { caller, data, idempotency: idempotent.claim } : { caller, data };
    const packet = JSON.stringify({ pattern: message.pattern, data: envelope, id: randomUUID() });
    let reply;
    try {
      const subject = natsSubject(this.options.namespace, message.pattern);
      reply = await this.sends.run(() =>
        this.nc.request(subject, packet, headers ? { timeout: timeoutMs, headers } : { timeout: timeoutMs }),
      );
    } catch (error) {
      throw new RpcUnavailableException(service, unavailableReason(error));
    }
    const { response, err } = reply.json<ReplyPacket>();
    if (err !== undefined && err !== null) {
      throw new RemoteRpcException(isRpcErrorPayload(err) ? err : { code: CommonErrorCode.Internal, message: 'Internal error' });
    }
    if (idempotent && isReplay(response)) {
      idempotent.scope.replayed = true;
      return response[REPLAYED_REPLY] as ResponseOf<M>;
    }
    return response as ResponseOf<M>;
  }

  isConnected(): boolean {
    return !this.nc.isClosed() && !this.nc.isDraining();
  }

  async onApplicationShutdown(): Promise<void> {
    if (!this.nc.isClosed()) await this.nc.drain().catch(() => undefined);
  }
}

const isReplay = (response: unknown): response is Record<typeof REPLAYED_REPLY, unknown> =>
  typeof response === 'object' && response !== null && REPLAYED_REPLY in response;

function unavailableReason(error: unknown): RpcUnavailableException['reason'] {
  if (error instanceof errors.TimeoutError) return 'timeout';
  if (error instanceof errors.RequestError && error.isNoResponders()) return 'no-responders';
  if (error instanceof errors.NoRespondersError) return 'no-responders';
  if (error instanceof Error && error.cause instanceof errors.TimeoutError) return 'timeout';
  return 'disconnected';
}
