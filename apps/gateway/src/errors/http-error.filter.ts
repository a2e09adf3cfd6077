import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { billingAccountsSurface } from '../billing-accounts/billing-accounts.surface.js';
import { billingApiSurface } from '../billing-api/billing-api.surface.js';
import { customersSurface } from '../customers/customers.surface.js';
import { platformSurface, type ErrorSurface } from './error-surface.js';
import { toProblem } from './problem.js';

/** Document surfaces first; the platform's own shape answers for every other path. */
const SURFACES: readonly ErrorSurface[] = [billingApiSurface, customersSurface, billingAccountsSurface, platformSurface];

/**
 * The gateway's one error filter. Everything thrown while serving a request ends here (Nest also
 * routes Fastify's own parser errors and unknown routes through it) and leaves in the surface's shape.
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const problem = toProblem(exception);
    if (problem.fault !== undefined) {
      const fault = problem.fault instanceof Error ? problem.fault : new Error(String(problem.fault));
      this.logger.error(`${request.method} ${request.url} failed: ${fault.message}`, fault.stack);
    }
    const path = request.url.split('?')[0] ?? '/';
    const surface = SURFACES.find((s) => s.owns(path)) ?? platformSurface;
    void reply
      .status(problem.status)
      .headers(problem.headers ?? {})
      .type('application/json; charset=utf-8')
      .send(surface.body(problem));
  }
}
