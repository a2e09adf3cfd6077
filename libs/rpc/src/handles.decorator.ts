import { MessagePattern } from '@nestjs/microservices';
import type { CallerContext, MessageDef, RequestOf, ResponseOf, RpcEnvelope } from '@billing/contracts';
import { runWithLogContext, type LogContext, type Logger } from '@billing/logging';
import { observeHandler } from './rpc-observation.js';

type Answer<M> = ResponseOf<M> | Promise<ResponseOf<M>>;

/** A handler acting for a user: the gateway verified the caller, and the types are the contract's. */
export type ContractHandler<M> = (data: RequestOf<M>, caller: CallerContext) => Answer<M>;

/** A handler that no user calls (sign-in, the health ping): a caller is not required. */
export type AnonymousContractHandler<M> = (data: RequestOf<M>, caller?: CallerContext) => Answer<M>;

/**
 * The method is inferred as F and must be a handler of the contract. (TypedPropertyDescriptor is
 * invariant, so a descriptor of exactly the handler type would force every method to spell out the
 * contract's types verbatim; bounding F lets `async get(data, caller): Promise<X>` or `list()`
 * through while a wrong request, caller or response type still fails to compile.)
 */
type HandlerDecorator<H> = <F extends H>(target: object, key: string | symbol, descriptor: TypedPropertyDescriptor<F>) => void;

type AnyHandler = (data: unknown, caller?: CallerContext) => unknown;

/**
 * Subscribes the method to the contract's pattern and hands it the envelope's data and caller, with
 * both types taken from the contract, so a handler whose signature drifts from it does not compile.
 * The handler runs in a log context carrying the request id and tenant, so every line it logs can be
 * followed back to the gateway's request line, and is counted and timed (rpc_handled_total,
 * rpc_handle_duration_seconds) by pattern and outcome.
 */
export function Handles<M extends MessageDef<unknown, unknown>>(contract: M): HandlerDecorator<ContractHandler<M>>;
export function Handles<M extends MessageDef<unknown, unknown>>(
  contract: M,
  options: { anonymous: true },
): HandlerDecorator<AnonymousContractHandler<M>>;
export function Handles(contract: MessageDef<unknown, unknown>, options?: { anonymous: true }): HandlerDecorator<AnyHandler> {
  return (target, key, descriptor) => {
    const handler = descriptor.value!;
    const invoke = function (this: unknown, envelope: RpcEnvelope<unknown> | undefined) {
      const caller = envelope?.caller;
      // Only the gateway sends requests, and it always names the caller: a missing one is a bug, not a client error.
      if (!options?.anonymous && !caller?.tenantId) {
        throw new Error(`${contract.pattern} arrived without a verified caller`);
      }
      return runWithLogContext(logContextOf(envelope), () => {
        if (!handledLog?.isLevelEnabled('debug')) return handler.call(this, envelope?.data, caller);
        return logHandled(contract.pattern, handledLog, () => handler.call(this, envelope?.data, caller));
      });
    };
    // Counted and timed by pattern and outcome, and a server span while tracing is on.
    const unwrapped = function (this: unknown, envelope: RpcEnvelope<unknown> | undefined) {
      return observeHandler(contract.pattern, invoke, this, envelope);
    };
    // Decorators applied before this one (interceptors, guards) keep their metadata.
    for (const metadataKey of Reflect.getMetadataKeys(handler)) {
      Reflect.defineMetadata(metadataKey, Reflect.getMetadata(metadataKey, handler), unwrapped);
    }
    descriptor.value = unwrapped as typeof handler;
    MessagePattern(contract.pattern)(target, key, descriptor);
  };
}

let handledLog: Logger | undefined;

/** Where a line per handled message goes, at debug level (the service's own logger, set at boot). */
export function logHandledMessagesTo(logger: Logger): void {
  handledLog = logger;
}

async function logHandled(pattern: string, logger: Logger, run: () => unknown): Promise<unknown> {
  const started = performance.now();
  let outcome = 'answered';
  try {
    return await run();
  } catch (error) {
    outcome = 'failed';
    throw error;
  } finally {
    logger.debug({ pattern, outcome, durationMs: Math.round((performance.now() - started) * 100) / 100 }, 'message handled');
  }
}

/** The request id and tenant of the request an envelope carries, for its log lines. */
export function logContextOf(envelope: RpcEnvelope<unknown> | undefined): LogContext {
  const caller = envelope?.caller;
  return {
    requestId: caller?.requestId,
    tenant: caller?.tenantName,
    tenantId: caller?.tenantId,
    userId: caller?.userId,
    username: caller?.username,
  };
}
