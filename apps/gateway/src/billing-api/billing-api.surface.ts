import { BearerJwtScheme, XAuthTokenJwtScheme } from '../auth/credentials/jwt.schemes.js';
import { Surface } from '../surface/surface.js';

/** Document 000's one error shape, with the HTTP status carrying the kind of failure. */
export const billingApiSurface = new Surface({
  name: 'billing-api-v2.9',
  path: '/api/rest/v2.9/**',
  credentials: [BearerJwtScheme, XAuthTokenJwtScheme],
  errorBody: (problem) => ({ code: 'FAULT', message: problem.message }),
});
