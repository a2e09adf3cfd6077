import type { Role } from './roles.js';

/**
 * Who is calling, as the gateway verified it from the token. Services take the tenant from here and
 * never from a client-supplied field.
 */
export interface CallerContext {
  tenantId: string;
  tenantName: string;
  userId: string;
  username: string;
  roles: Role[];
  /** The bootstrap admin of the first tenant: the platform operator. */
  operator: boolean;
  requestId?: string;
}

/**
 * A write sent with an Idempotency-Key: which key (hashed with the tenant, never the client's text),
 * which request (a fingerprint of method, path and body), and which of the request's service calls
 * this is (a route may make several, in a fixed order). The service answers a repeat from its record.
 */
export interface IdempotencyClaim {
  key: string;
  fingerprint: string;
  call: number;
}

/** What crosses NATS for every request: the verified caller (absent for anonymous calls) and the data. */
export interface RpcEnvelope<T> {
  caller?: CallerContext;
  data: T;
  idempotency?: IdempotencyClaim;
}

/** The field a service's reply is wrapped in when it is a replay of an earlier answer to the same claim. */
export const REPLAYED_REPLY = 'idempotentReplay';

/**
 * A message pattern with its request and response types attached, so the gateway's client infers
 * both from the one constant that the service also subscribes to.
 */
export interface MessageDef<Req, Res> {
  readonly pattern: string;
  /** Type carriers only; never set at run time. */
  readonly __request?: Req;
  readonly __response?: Res;
}

export type RequestOf<M> = M extends MessageDef<infer Req, unknown> ? Req : never;
export type ResponseOf<M> = M extends MessageDef<unknown, infer Res> ? Res : never;

export function defineMessage<Req, Res>(pattern: string): MessageDef<Req, Res> {
  return { pattern };
}

/**
 * A fact broadcast to every replica that listens (no queue group): the name and payload type side
 * by side, as for messages.
 */
export interface EventDef<Payload> {
  readonly event: string;
  /** Type carrier only; never set at run time. */
  readonly __payload?: Payload;
}

export type PayloadOf<E> = E extends EventDef<infer P> ? P : never;

export function defineEvent<Payload>(event: string): EventDef<Payload> {
  return { event };
}
