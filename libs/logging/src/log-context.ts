import { AsyncLocalStorage } from 'node:async_hooks';

/** Fields that every log line written while handling one request carries. */
export interface LogContext {
  requestId?: string;
  tenant?: string;
  /** Who the request acts for: lines can be followed to a user, and changes recorded against them. */
  tenantId?: string;
  userId?: string;
  username?: string;
}

const storage = new AsyncLocalStorage<LogContext>();

/**
 * Runs `fn` so that every line logged by it, and by everything it awaits or schedules, carries the
 * context's fields. Fields left undefined are not written.
 */
export function runWithLogContext<T>(context: LogContext, fn: () => T): T {
  const defined = Object.fromEntries(Object.entries(context).filter(([, value]) => value !== undefined));
  return storage.run(defined, fn);
}

/** The fields of the request being handled here, or none outside a request. */
export function currentLogContext(): LogContext {
  return storage.getStore() ?? {};
}
