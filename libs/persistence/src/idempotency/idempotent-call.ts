import { AsyncLocalStorage } from 'node:async_hooks';
import type { EventSubscriber, TransactionEventArgs } from '@mikro-orm/core';
import { IdempotencyRecordEntity } from './idempotency-record.entity.js';

/** The record of the Idempotency-Key call whose handler is running in this async context. */
export const idempotentCall = new AsyncLocalStorage<{ recordId: number }>();

/**
 * Marks a running call's record COMMITTED inside every transaction its handler commits, so the mark
 * and the handler's writes are kept or lost together. A process killed after that commit and before
 * the call's answer was stored leaves a COMMITTED record: a retry then learns that the work was done
 * (its answer lost) instead of doing it a second time.
 */
export class IdempotentCallSubscriber implements EventSubscriber {
  async beforeTransactionCommit({ em, transaction }: TransactionEventArgs): Promise<void> {
    const call = idempotentCall.getStore();
    if (!call) return;
    await em
      .getDriver()
      .nativeUpdate(
        IdempotencyRecordEntity,
        { id: call.recordId, state: 'RUNNING' },
        { state: 'COMMITTED' },
        { ctx: transaction ?? em.getTransactionContext() },
      );
  }
}
