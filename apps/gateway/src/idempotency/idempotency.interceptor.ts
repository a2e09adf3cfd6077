import { BadRequestException, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { runIdempotent, type IdempotencyScope } from '@billing/rpc';
import { Observable, tap } from 'rxjs';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Printable ASCII, as Stripe's keys: a UUID or any client-made token. */
const KEY = /^[\x21-\x7e]{1,255}$/;
export const REPLAYED_HEADER = 'idempotent-replayed';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Stripe's idempotent requests, on every surface: a write sent with an `Idempotency-Key` carries the
 * key (hashed with the caller's tenant, so tenants never collide) and a fingerprint of the request
 * to each service call it makes; the service runs the call once and answers repeats from its record
 * (libs/persistence). A replayed answer is marked with `Idempotent-Replayed: true`.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const header = request.headers['idempotency-key'];
    if (header === undefined || !WRITES.has(request.method)) return next.handle();
    if (typeof header !== 'string' || !KEY.test(header)) {
      throw new BadRequestException('Idempotency-Key must be 1 to 255 printable ASCII characters, given once');
    }
    // Writes that name no tenant (signing in) have nothing to repeat against.
    if (!request.caller) return next.handle();
    const scope: IdempotencyScope = {
      key: sha256(`${request.caller.tenantId}\n${header}`),
      fingerprint: fingerprintOf(request),
      calls: 0,
      replayed: false,
    };
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    return new Observable((subscriber) =>
      runIdempotent(scope, () =>
        next
          .handle()
          .pipe(
            tap(() => {
              if (scope.replayed) reply.header(REPLAYED_HEADER, 'true');
            }),
          )
          .subscribe(subscriber),
      ),
    );
  }
}

/** The same key with a different method, path, query or body is a different request. */
function fingerprintOf(request: FastifyRequest): string {
  const body = request.body === undefined ? '' : typeof request.body === 'string' ? request.body : JSON.stringify(request.body);
  return sha256(`${request.method}\n${request.url}\n${body}`);
}
