import {
  CommonErrorCode,
  CustomerErrorCode,
  IdentityErrorCode,
  PricingErrorCode,
  TelephonyErrorCode,
  type ErrorCode,
} from '@billing/contracts';

/** Every service error code's HTTP status. A code added to the contracts and not mapped here fails to compile. */
export function httpStatusFor(code: ErrorCode): number {
  switch (code) {
    case CommonErrorCode.ValidationFailed:
    case TelephonyErrorCode.ImportRejected:
    case PricingErrorCode.NoPrice:
    case PricingErrorCode.PromoNotApplicable:
      return 400;
    case IdentityErrorCode.InvalidCredentials:
    case IdentityErrorCode.CallerUnknown:
      return 401;
    case IdentityErrorCode.OperatorOnly:
    case IdentityErrorCode.NotPermitted:
      return 403;
    case CommonErrorCode.NotFound:
    case IdentityErrorCode.UserNotFound:
    case CustomerErrorCode.CustomerNotFound:
    case CustomerErrorCode.BillingAccountNotFound:
    case TelephonyErrorCode.CallRateNotFound:
    case TelephonyErrorCode.NoMatchingRate:
    case PricingErrorCode.ProductNotFound:
    case PricingErrorCode.PromoNotFound:
    case PricingErrorCode.QuoteNotFound:
      return 404;
    case CommonErrorCode.Conflict:
    case CommonErrorCode.IdempotencyKeyReused:
    case CommonErrorCode.IdempotencyInProgress:
    case IdentityErrorCode.UsernameTaken:
    case IdentityErrorCode.TenantNameTaken:
    case IdentityErrorCode.CannotDeleteSelf:
    case IdentityErrorCode.LastAdmin:
    case IdentityErrorCode.LastOperator:
    case TelephonyErrorCode.PrefixTaken:
    case CustomerErrorCode.HierarchyConflict:
    case PricingErrorCode.ProductCodeTaken:
    case PricingErrorCode.ProductRetired:
    case PricingErrorCode.PromoCodeTaken:
    case PricingErrorCode.PromoConflict:
    case PricingErrorCode.QuoteNotOpen:
      return 409;
    case IdentityErrorCode.TooManyAttempts:
      return 429;
    case CommonErrorCode.Unavailable:
      return 503;
    case CommonErrorCode.Internal:
      return 500;
    default:
      return assertNever(code);
  }
}

function assertNever(code: never): never {
  throw new Error(`Unmapped error code ${String(code)}`);
}
