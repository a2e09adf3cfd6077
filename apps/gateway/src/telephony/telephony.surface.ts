import { BearerJwtScheme, XAuthTokenJwtScheme } from '../auth/credentials/jwt.schemes.js';
import { platformSurface } from '../surface/platform.surface.js';
import { Surface } from '../surface/surface.js';

/** Document 004 names no error body, so its routes answer errors in the platform's shape. */
export const telephonySurface = new Surface({
  name: 'telephony',
  path: ['/api/tenant/billing', '/api/call_rates/**', '/api/calls/**'],
  credentials: [BearerJwtScheme, XAuthTokenJwtScheme],
  errorBody: (problem) => platformSurface.errorBody(problem),
});
