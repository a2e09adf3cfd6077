import { Catch, Logger, type RpcExceptionFilter } from '@nestjs/common';
import { CommonErrorCode, type RpcErrorPayload } from '@billing/contracts';
import { throwError, type Observable } from 'rxjs';
import { DomainException } from './domain.exception.js';

/**
 * The service side's one error filter: a domain error crosses NATS as its payload; anything else is
 * a fault, logged here with its stack and sent on as a bare INTERNAL so no internals leak.
 */
@Catch()
export class DomainRpcExceptionFilter implements RpcExceptionFilter<unknown> {
  private readonly logger = new Logger('RpcExceptionFilter');

  catch(exception: unknown): Observable<RpcErrorPayload> {
    if (exception instanceof DomainException) {
      return throwError(() => exception.toPayload());
    }
    this.logger.error(
      exception instanceof Error ? exception.message : String(exception),
      exception instanceof Error ? exception.stack : undefined,
    );
    return throwError(() => ({ code: CommonErrorCode.Internal, message: 'Internal error' }));
  }
}
