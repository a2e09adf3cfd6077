import { Catch, Logger, type ArgumentsHost, type RpcExceptionFilter } from '@nestjs/common';
import { CommonErrorCode, type RpcEnvelope, type RpcErrorPayload, DomainException } from '@billing/contracts';
import { runWithLogContext } from '@billing/logging';
import { throwError, type Observable } from 'rxjs';
import { logContextOf } from './handles.decorator.js';

/**
 * The service side's one error filter: a domain error crosses NATS as its payload; anything else is
 * a fault, logged here with its stack and sent on as a bare INTERNAL so no internals leak.
 */
@Catch()
export class DomainRpcExceptionFilter implements RpcExceptionFilter<unknown> {
  private readonly logger = new Logger('RpcExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): Observable<RpcErrorPayload> {
    if (exception instanceof DomainException) {
      return throwError(() => exception.toPayload());
    }
    // Nest calls filters after the handler's own context has ended: the fault's line takes the
    // request id from the envelope again.
    const envelope = host.switchToRpc().getData<RpcEnvelope<unknown> | undefined>();
    runWithLogContext(logContextOf(envelope), () =>
      this.logger.error(
        exception instanceof Error ? exception.message : String(exception),
        exception instanceof Error ? exception.stack : undefined,
      ),
    );
    return throwError(() => ({ code: CommonErrorCode.Internal, message: 'Internal error' }));
  }
}
