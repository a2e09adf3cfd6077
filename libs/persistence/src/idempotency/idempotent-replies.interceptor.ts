import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/core';
import { CommonErrorCode, DomainException, REPLAYED_REPLY, type IdempotencyClaim, type RpcEnvelope } from '@billing/contracts';
import { catchError, finalize, from, mergeMap, Observable, of, throwError } from 'rxjs';
import { IdempotencyRecordEntity } from './idempotency-record.entity.js';
import { idempotentCall } from './idempotent-call.js';

/** Records are kept this long, as Stripe keeps keys: a repeat after that runs again. */
const KEEP_MS = 24 * 60 * 60 * 1000;
/** How long a running call holds its record without renewing it: a process killed mid-call frees it this much later. */
const LEASE_MS = 15_000;
const RENEW_MS = 5_000;
/** How long a repeat waits for the first call to finish before answering "in progress"; below every RPC deadline. */
const WAIT_MS = 1_000;
const POLL_MS = 25;
/** Errors that say nothing about the request itself: a repeat should run again rather than replay them. */
const TRANSIENT = new Set<string>([CommonErrorCode.Unavailable, CommonErrorCode.Internal, CommonErrorCode.IdempotencyInProgress]);

type Reply = NonNullable<IdempotencyRecordEntity['reply']>;
type Claimed = { kind: 'run'; record: IdempotencyRecordEntity } | { kind: 'replay'; reply: Reply };

/**
 * The answer kept for a call whose work committed but whose own answer was never stored (its process
 * died in between, or it failed after its commit): the work is not done again.
 */
const ANSWER_LOST: Reply = {
  error: {
    code: CommonErrorCode.Conflict,
    message:
      'The request with this Idempotency-Key was carried out (at least in part), but its answer was lost; read the result back, and send it again with a new key only if it is not there',
  },
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Exactly-once service calls for writes sent with an Idempotency-Key. The first call with a claim
 * (tenant, key, call number) inserts a RUNNING record (a unique index decides between concurrent
 * ones), runs the handler and stores its answer, a domain error included; a repeat replays that
 * answer without running the handler, waits briefly for a call still running, or is refused when
 * the request differs. The record lives in the service's own database, so a call that finishes
 * after the gateway gave up (504) is still found by the client's retry.
 */
@Injectable()
export class IdempotentRepliesInterceptor implements NestInterceptor {
  constructor(private readonly em: EntityManager) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    if (context.getType() !== 'rpc') return next.handle();
    const envelope = context.switchToRpc().getData<RpcEnvelope<unknown> | undefined>();
    const tenantId = envelope?.caller?.tenantId;
    if (!envelope?.idempotency || !tenantId) return next.handle();
    const pattern = patternOf(context);
    const claimed = await this.claim(tenantId, envelope.idempotency, pattern);
    if (claimed.kind === 'replay') return replay(claimed.reply);
    const renewal = setInterval(() => void this.renew(claimed.record).catch(() => undefined), RENEW_MS);
    renewal.unref();
    // The handler runs in the call's context, so each transaction it commits marks the record (IdempotentCallSubscriber).
    const handled = new Observable<unknown>((subscriber) =>
      idempotentCall.run({ recordId: claimed.record.id }, () => next.handle().subscribe(subscriber)),
    );
    return handled.pipe(
      mergeMap((response) => from(this.settle(claimed.record, { response })).pipe(mergeMap(() => of(response)))),
      catchError((error: unknown) => from(this.fail(claimed.record, error)).pipe(mergeMap(() => throwError(() => error)))),
      finalize(() => clearInterval(renewal)),
    );
  }

  private async claim(tenantId: string, claim: IdempotencyClaim, pattern: string): Promise<Claimed> {
    const em = this.em.fork();
    const key = { tenantId, keyHash: claim.key, call: claim.call };
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      const now = new Date();
      try {
        const record = em.create(IdempotencyRecordEntity, {
          ...key,
          pattern,
          fingerprint: claim.fingerprint,
          state: 'RUNNING',
          leaseUntil: new Date(now.getTime() + LEASE_MS),
          createdAt: now,
        });
        await em.flush();
        if (Math.random() < 0.01) await this.forgetOld(em, now);
        return { kind: 'run', record };
      } catch (error) {
        if (!(error instanceof UniqueConstraintViolationException)) throw error;
        em.clear();
      }
      const found = await em.findOne(IdempotencyRecordEntity, key, { refresh: true });
      if (!found) continue; // forgotten between the insert and this read
      if (found.createdAt.getTime() < now.getTime() - KEEP_MS) {
        await em.nativeDelete(IdempotencyRecordEntity, { id: found.id, createdAt: found.createdAt });
        continue;
      }
      if (found.fingerprint !== claim.fingerprint || found.pattern !== pattern) {
        throw new DomainException(
          CommonErrorCode.IdempotencyKeyReused,
          'This Idempotency-Key was used with a different request; use a new key for a new request',
        );
      }
      if (found.state === 'DONE' && found.reply) return { kind: 'replay', reply: found.reply };
      if (found.leaseUntil && found.leaseUntil.getTime() < now.getTime() && found.state === 'COMMITTED') {
        // Its process stopped renewing after its work committed: the work stands, its answer is lost.
        const settled = await em.nativeUpdate(
          IdempotencyRecordEntity,
          { id: found.id, leaseUntil: found.leaseUntil },
          { state: 'DONE', reply: ANSWER_LOST, leaseUntil: null },
        );
        if (settled === 1) return { kind: 'replay', reply: ANSWER_LOST };
        continue;
      }
      if (found.leaseUntil && found.leaseUntil.getTime() < now.getTime()) {
        // Its process stopped renewing before any of its work committed (killed mid-call): the call runs again, here.
        const taken = await em.nativeUpdate(
          IdempotencyRecordEntity,
          { id: found.id, leaseUntil: found.leaseUntil },
          { leaseUntil: new Date(now.getTime() + LEASE_MS) },
        );
        if (taken === 1) return { kind: 'run', record: await em.findOneOrFail(IdempotencyRecordEntity, found.id, { refresh: true }) };
        continue;
      }
      if (Date.now() > deadline) {
        throw new DomainException(
          CommonErrorCode.IdempotencyInProgress,
          'A request with this Idempotency-Key is still being processed; retry it shortly',
        );
      }
      await sleep(POLL_MS);
    }
  }

  private async settle(record: IdempotencyRecordEntity, reply: Reply): Promise<void> {
    await this.em.fork().nativeUpdate(IdempotencyRecordEntity, { id: record.id }, { state: 'DONE', reply, leaseUntil: null });
  }

  /**
   * A domain error is the request's answer and is kept; a fault or an outage is not: the call may run
   * again, unless some of its work had already committed.
   */
  private async fail(record: IdempotencyRecordEntity, error: unknown): Promise<void> {
    if (error instanceof DomainException && !TRANSIENT.has(error.code)) {
      await this.settle(record, { error: error.toPayload() });
      return;
    }
    const em = this.em.fork();
    const forgotten = await em.nativeDelete(IdempotencyRecordEntity, { id: record.id, state: 'RUNNING' });
    if (forgotten === 0) await this.settle(record, ANSWER_LOST);
  }

  private async renew(record: IdempotencyRecordEntity): Promise<void> {
    await this.em
      .fork()
      .nativeUpdate(
        IdempotencyRecordEntity,
        { id: record.id, state: { $in: ['RUNNING', 'COMMITTED'] } },
        { leaseUntil: new Date(Date.now() + LEASE_MS) },
      );
  }

  private async forgetOld(em: EntityManager, now: Date): Promise<void> {
    await em.nativeDelete(IdempotencyRecordEntity, { createdAt: { $lt: new Date(now.getTime() - KEEP_MS) } });
  }
}

function replay(reply: Reply): Observable<unknown> {
  if (reply.error) {
    const { code, message, details } = reply.error;
    return throwError(() => new DomainException(code as CommonErrorCode, message, details));
  }
  return of({ [REPLAYED_REPLY]: reply.response });
}

/** The message's subject, which names its contract (under the deployment's namespace). */
function patternOf(context: ExecutionContext): string {
  const transport = context.switchToRpc().getContext<{ getSubject?: () => string } | undefined>();
  return (transport?.getSubject?.() ?? context.getHandler().name).slice(0, 255);
}
