import type { ErrorSurface } from '../errors/error-surface.js';

export const BILLING_API_PREFIX = '/api/rest/v2.9/';

/** Document 000's one error shape, with the HTTP status carrying the kind of failure. */
export const billingApiSurface: ErrorSurface = {
  name: 'billing-api-v2.9',
  owns: (path) => path.startsWith(BILLING_API_PREFIX),
  body: (problem) => ({ code: 'FAULT', message: problem.message }),
};

/** Document 000's success envelope: code "OK", a message, then the payload's own fields. */
export function ok<T extends object>(message: string, payload: T): { code: 'OK'; message: string } & T {
  return { code: 'OK', message, ...payload };
}
