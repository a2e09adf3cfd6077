import type { ErrorSurface } from '../errors/error-surface.js';

export const CUSTOMERS_PREFIX = '/api/v01/';

/**
 * Document 001 names no error body; ours is one object with a stable code and a message, on
 * every /api/v01 error (documented in docs/customers.md).
 */
export const customersSurface: ErrorSurface = {
  name: 'customers-v01',
  owns: (path) => path.startsWith(CUSTOMERS_PREFIX),
  body: (problem) => ({
    error: { status: problem.status, code: problem.code, message: problem.message, ...(problem.details ? { details: problem.details } : {}) },
  }),
};
