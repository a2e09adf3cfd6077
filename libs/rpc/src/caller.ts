import type { CallerContext, RpcEnvelope } from '@billing/contracts';

/** A handler that acts for a user gets one from the gateway; its absence is a bug, not a client error. */
export function requireCaller(message: RpcEnvelope<unknown>): CallerContext {
  if (!message?.caller?.tenantId) {
    throw new Error('Message arrived without a verified caller');
  }
  return message.caller;
}
