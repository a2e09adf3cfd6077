import { CommonErrorCode, type ErrorCode, type RpcErrorPayload } from '@billing/contracts';

/**
 * The base of every feature's exception: a code the gateway can map, a message safe to show a
 * client, and optional details (e.g. which field, or how long to wait).
 */
export class DomainException<C extends ErrorCode = ErrorCode> extends Error {
  constructor(
    readonly code: C,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }

  toPayload(): RpcErrorPayload {
    return { code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}) };
  }
}

export class ValidationException extends DomainException<typeof CommonErrorCode.ValidationFailed> {
  constructor(message: string, details?: Record<string, unknown>) {
    super(CommonErrorCode.ValidationFailed, message, details);
  }
}
