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

/** What crosses NATS for every request: the verified caller (absent for anonymous calls) and the data. */
export interface RpcEnvelope<T> {
  caller?: CallerContext;
  data: T;
}

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
