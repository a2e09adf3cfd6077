/**
 * Every code a service may raise. Codes name what went wrong in domain terms; no HTTP status travels
 * over NATS. The gateway maps each code to a status in one exhaustive switch, so adding a code here
 * without mapping it fails the build.
 */
export const CommonErrorCode = {
  ValidationFailed: 'VALIDATION_FAILED',
  NotFound: 'NOT_FOUND',
  Conflict: 'CONFLICT',
  /** A dependency of the service (its database) is not answering. */
  Unavailable: 'UNAVAILABLE',
  Internal: 'INTERNAL',
  /** An Idempotency-Key reused with a different request. */
  IdempotencyKeyReused: 'IDEMPOTENCY_KEY_REUSED',
  /** The first request with this Idempotency-Key is still running. */
  IdempotencyInProgress: 'IDEMPOTENCY_IN_PROGRESS',
} as const;
export type CommonErrorCode = (typeof CommonErrorCode)[keyof typeof CommonErrorCode];

export const IdentityErrorCode = {
  InvalidCredentials: 'IDENTITY_INVALID_CREDENTIALS',
  TooManyAttempts: 'IDENTITY_TOO_MANY_ATTEMPTS',
  UsernameTaken: 'IDENTITY_USERNAME_TAKEN',
  TenantNameTaken: 'IDENTITY_TENANT_NAME_TAKEN',
  UserNotFound: 'IDENTITY_USER_NOT_FOUND',
  CannotDeleteSelf: 'IDENTITY_CANNOT_DELETE_SELF',
  OperatorOnly: 'IDENTITY_OPERATOR_ONLY',
  /** The caller's token names a user that no longer exists: its credentials are gone. */
  CallerUnknown: 'IDENTITY_CALLER_UNKNOWN',
  /** A role the caller may not grant, a user the caller may not manage, or a role the caller no longer holds. */
  NotPermitted: 'IDENTITY_NOT_PERMITTED',
  /** The change would leave a tenant without an admin. */
  LastAdmin: 'IDENTITY_LAST_ADMIN',
  /** The change would leave the platform without an operator. */
  LastOperator: 'IDENTITY_LAST_OPERATOR',
} as const;
export type IdentityErrorCode = (typeof IdentityErrorCode)[keyof typeof IdentityErrorCode];

export const CustomerErrorCode = {
  CustomerNotFound: 'CUSTOMER_NOT_FOUND',
  BillingAccountNotFound: 'BILLING_ACCOUNT_NOT_FOUND',
  /** A re-parent that would make an account its own ancestor, or break the hierarchy's rules. */
  HierarchyConflict: 'BILLING_ACCOUNT_HIERARCHY_CONFLICT',
} as const;
export type CustomerErrorCode = (typeof CustomerErrorCode)[keyof typeof CustomerErrorCode];

export const TelephonyErrorCode = {
  CallRateNotFound: 'TELEPHONY_CALL_RATE_NOT_FOUND',
  PrefixTaken: 'TELEPHONY_PREFIX_TAKEN',
  NoMatchingRate: 'TELEPHONY_NO_MATCHING_RATE',
  ImportRejected: 'TELEPHONY_IMPORT_REJECTED',
} as const;
export type TelephonyErrorCode = (typeof TelephonyErrorCode)[keyof typeof TelephonyErrorCode];

export const PricingErrorCode = {
  ProductNotFound: 'PRICING_PRODUCT_NOT_FOUND',
  ProductCodeTaken: 'PRICING_PRODUCT_CODE_TAKEN',
  /** A retired product cannot be priced for a customer or quoted. */
  ProductRetired: 'PRICING_PRODUCT_RETIRED',
  /** The product has no price in the currency asked for. */
  NoPrice: 'PRICING_NO_PRICE',
  PromoNotFound: 'PRICING_PROMO_NOT_FOUND',
  PromoCodeTaken: 'PRICING_PROMO_CODE_TAKEN',
  /** Expired, not started, exhausted, used up by the customer, not first-time, wrong currency or below the minimum: details.reason says which. */
  PromoNotApplicable: 'PRICING_PROMO_NOT_APPLICABLE',
  /** A change that would undo what already happened (a limit below the redemptions made). */
  PromoConflict: 'PRICING_PROMO_CONFLICT',
  QuoteNotFound: 'PRICING_QUOTE_NOT_FOUND',
  /** Accepting or declining a quote that is not open (accepted, declined or expired). */
  QuoteNotOpen: 'PRICING_QUOTE_NOT_OPEN',
} as const;
export type PricingErrorCode = (typeof PricingErrorCode)[keyof typeof PricingErrorCode];

export type ErrorCode = CommonErrorCode | IdentityErrorCode | CustomerErrorCode | TelephonyErrorCode | PricingErrorCode;

/** The one error shape that crosses NATS. */
export interface RpcErrorPayload {
  code: ErrorCode;
  message: string;
  details?: Record<string, unknown>;
}

export function isRpcErrorPayload(value: unknown): value is RpcErrorPayload {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as RpcErrorPayload).code === 'string' &&
    typeof (value as RpcErrorPayload).message === 'string'
  );
}

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
