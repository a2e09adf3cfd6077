import type { FastifyRequest } from 'fastify';
import type { CallerContext } from '@billing/contracts';

/**
 * One way a caller proves who they are. A surface lists the schemes it accepts; the first scheme
 * that finds its credential in a request decides (a wrong credential is 401, never a fall-through).
 */
export interface CredentialScheme {
  /** The credential as sent, or undefined when the request does not use this scheme. */
  find(request: FastifyRequest): string | undefined;
  /** The verified caller, or an UnauthorizedException. */
  verify(credential: string, request: FastifyRequest): Promise<CallerContext>;
}
