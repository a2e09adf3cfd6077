import type { Problem } from './problem.js';

/**
 * One API dialect's error shape. The gateway serves several documents, each with its own idea of
 * an error body; the filter picks the surface by path and lets it shape the body.
 */
export interface ErrorSurface {
  readonly name: string;
  owns(path: string): boolean;
  body(problem: Problem): object;
}

/** The platform's own routes (auth, identity, health): Nest's familiar shape plus a stable code. */
export const platformSurface: ErrorSurface = {
  name: 'platform',
  owns: () => true,
  body: (problem) =>
    problem.body ?? {
      statusCode: problem.status,
      code: problem.code,
      message: problem.message,
      ...(problem.details ? { details: problem.details } : {}),
    },
};
