import { BearerJwtScheme, XAuthTokenJwtScheme } from '../auth/credentials/jwt.schemes.js';
import { Surface } from '../surface/surface.js';

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

/** Errors as `{"itemNotFound": {"code": 404, "message": "…"}}`; JSON only, both ways. */
export const billingAccountsSurface = new Surface({
  name: 'billing-accounts-v2',
  path: `${BILLING_ACCOUNTS_PREFIX}/**`,
  credentials: [BearerJwtScheme, XAuthTokenJwtScheme],
  media: { produces: ['application/json'], consumes: ['application/json'] },
  errorBody: (problem) => ({
    [NAMES[problem.status] ?? (problem.status >= 500 ? 'internalServerError' : 'badRequest')]: {
      code: problem.status,
      message: problem.message,
    },
  }),
});
