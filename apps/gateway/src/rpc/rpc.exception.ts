import type { RpcErrorPayload } from '@billing/contracts';

/** A service answered with a domain error. */
export class RemoteRpcException extends Error {
  constructor(readonly payload: RpcErrorPayload) {
    super(payload.message);
    this.name = 'RemoteRpcException';
  }
}

/** Nobody answered: no replica subscribes (503), or none answered in time (504). */
export class RpcUnavailableException extends Error {
  constructor(
    readonly service: string,
    readonly reason: 'no-responders' | 'timeout' | 'disconnected',
  ) {
    super(reason === 'timeout' ? `The ${service} service did not answer in time` : `The ${service} service is unavailable`);
    this.name = 'RpcUnavailableException';
  }
}
