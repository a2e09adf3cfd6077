import { BearerJwtScheme, XAuthTokenJwtScheme } from '../auth/credentials/jwt.schemes.js';
import { Surface } from '../surface/surface.js';

export const CUSTOMERS_PREFIX = '/api/v01/';

/**
 * Document 001 names no error body; ours is one object with a stable code and a message, on
 * every /api/v01 error (documented in docs/customers.md).
 */
export const customersSurface = new Surface({
  name: 'customers-v01',
  path: `${CUSTOMERS_PREFIX}**`,
  credentials: [BearerJwtScheme, XAuthTokenJwtScheme],
  errorBody: (problem) => ({
    error: {
      status: problem.status,
      code: problem.code,
      message: problem.message,
      ...(problem.details ? { details: problem.details } : {}),
    },
  }),
});
