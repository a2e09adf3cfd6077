import { AsyncLocalStorage } from 'node:async_hooks';
import type { IdempotencyClaim } from '@billing/contracts';

/** The Idempotency-Key of the HTTP request being served, for every service call it makes. */
export interface IdempotencyScope {
  key: string;
  fingerprint: string;
  /** How many service calls the request has made so far: the next call's number. */
  calls: number;
  /** Set when a service answered from its record: the request is a replay. */
  replayed: boolean;
}

const scopes = new AsyncLocalStorage<IdempotencyScope>();

/** Runs `work` (an HTTP request's handling) with its Idempotency-Key in scope. */
export function runIdempotent<T>(scope: IdempotencyScope, work: () => T): T {
  return scopes.run(scope, work);
}

/** The claim the next service call carries, if the request has a key; numbers the calls in order. */
export function nextIdempotencyClaim(): { scope: IdempotencyScope; claim: IdempotencyClaim } | undefined {
  const scope = scopes.getStore();
  if (!scope) return undefined;
  return { scope, claim: { key: scope.key, fingerprint: scope.fingerprint, call: scope.calls++ } };
}
