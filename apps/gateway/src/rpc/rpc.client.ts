import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { errors, type NatsConnection } from '@nats-io/transport-node';
import { randomUUID } from 'node:crypto';
import {
  CommonErrorCode,
  isRpcErrorPayload,
  type CallerContext,
  type MessageDef,
  type RequestOf,
  type ResponseOf,
} from '@billing/contracts';
import { natsSubject, SendBatch } from '@billing/rpc';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/app.config.js';
import { RemoteRpcException, RpcUnavailableException } from './rpc.exception.js';
import { NATS_CONNECTION } from './nats.connection.js';

/** A reply as Nest's NATS server sends it. */
interface ReplyPacket {
  response?: unknown;
  err?: unknown;
}

/**
 * Request-reply over NATS in the wire format of Nest's NATS transport. It uses the NATS client's own
 * request, so every call has a deadline and "no responders" is known at once instead of waiting it out.
 */
@Injectable()
export class RpcClient implements OnApplicationShutdown {
  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  private readonly sends = new SendBatch();

  async request<M extends MessageDef<unknown, unknown>>(
    message: M,
    data: RequestOf<M>,
    caller?: CallerContext,
    timeoutMs = this.config.rpcTimeoutMs,
  ): Promise<ResponseOf<M>> {
    const service = message.pattern.split('.')[0] ?? 'unknown';
    const packet = JSON.stringify({ pattern: message.pattern, data: { caller, data }, id: randomUUID() });
    let reply;
    try {
      const subject = natsSubject(this.config.nats.namespace, message.pattern);
      reply = await this.sends.run(() => this.nc.request(subject, packet, { timeout: timeoutMs }));
    } catch (error) {
      throw new RpcUnavailableException(service, unavailableReason(error));
    }
    const { response, err } = reply.json<ReplyPacket>();
    if (err !== undefined && err !== null) {
      throw new RemoteRpcException(isRpcErrorPayload(err) ? err : { code: CommonErrorCode.Internal, message: 'Internal error' });
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

function unavailableReason(error: unknown): RpcUnavailableException['reason'] {
  if (error instanceof errors.TimeoutError) return 'timeout';
  if (error instanceof errors.RequestError && error.isNoResponders()) return 'no-responders';
  if (error instanceof errors.NoRespondersError) return 'no-responders';
  if (error instanceof Error && error.cause instanceof errors.TimeoutError) return 'timeout';
  return 'disconnected';
}
