import type { ErrorSurface } from '../errors/error-surface.js';

export const BILLING_ACCOUNTS_PREFIX = '/v2/accounts';

/** Document 003's fault names, by status. */
const NAMES: Record<number, string> = {
  400: 'badRequest',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'itemNotFound',
  405: 'badMethod',
  406: 'notAcceptable',
  409: 'conflict',
  413: 'requestEntityTooLarge',
  415: 'badMediaType',
  429: 'overLimit',
  503: 'serviceUnavailable',
  504: 'gatewayTimeout',
};

/** `{"itemNotFound": {"code": 404, "message": "…"}}` */
export const billingAccountsSurface: ErrorSurface = {
  name: 'billing-accounts-v2',
  owns: (path) => path === BILLING_ACCOUNTS_PREFIX || path.startsWith(`${BILLING_ACCOUNTS_PREFIX}/`),
  body: (problem) => ({
    [NAMES[problem.status] ?? (problem.status >= 500 ? 'internalServerError' : 'badRequest')]: {
      code: problem.status,
      message: problem.message,
    },
  }),
};
