import { BearerJwtScheme, XAuthTokenJwtScheme } from '../auth/credentials/jwt.schemes.js';
import { Surface } from './surface.js';

/** The platform's own routes (auth, identity, health, document 004): Nest's familiar shape plus a stable code. */
export const platformSurface = new Surface({
  name: 'platform',
  path: '/**',
  credentials: [BearerJwtScheme, XAuthTokenJwtScheme],
  errorBody: (problem) =>
    problem.body ?? {
      statusCode: problem.status,
      code: problem.code,
      message: problem.message,
      ...(problem.details ? { details: problem.details } : {}),
    },
});
