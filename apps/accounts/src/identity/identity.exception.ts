import { IdentityErrorCode, DomainException } from '@billing/contracts';

export class IdentityException extends DomainException<IdentityErrorCode> {}

/** One answer for an unknown user and a wrong password, so sign-in does not reveal who exists. */
export const invalidCredentials = () => new IdentityException(IdentityErrorCode.InvalidCredentials, 'Invalid username or password');
