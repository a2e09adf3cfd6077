import { CommonErrorCode, DomainException, type RpcErrorPayload } from '@billing/contracts';

/**
 * Another service answered with a domain error. It is a DomainException itself, so a service that
 * made the call passes it on to its own caller unchanged (a customer another service does not know
 * is still CUSTOMER_NOT_FOUND).
 */
export class RemoteRpcException extends DomainException {
  constructor(readonly payload: RpcErrorPayload) {
    super(payload.code, payload.message, payload.details);
    this.name = 'RemoteRpcException';
  }
}

/**
 * Nobody answered: no replica subscribes (503), or none answered in time (504). A service that meets
 * it passes on UNAVAILABLE.
 */
export class RpcUnavailableException extends DomainException {
  constructor(
    readonly service: string,
    readonly reason: 'no-responders' | 'timeout' | 'disconnected',
  ) {
    super(
      CommonErrorCode.Unavailable,
      reason === 'timeout' ? `The ${service} service did not answer in time` : `The ${service} service is unavailable`,
    );
    this.name = 'RpcUnavailableException';
  }
}
