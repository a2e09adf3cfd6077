import { TelephonyErrorCode, DomainException } from '@billing/contracts';

export class CallRateException extends DomainException<TelephonyErrorCode> {}

export const callRateNotFound = (id: unknown) =>
  new CallRateException(TelephonyErrorCode.CallRateNotFound, `Call rate ${String(id).slice(0, 64)} not found`);

export const prefixTaken = (prefix: string) =>
  new CallRateException(TelephonyErrorCode.PrefixTaken, `A call rate with prefix "${prefix}" already exists`, { prefix });
