import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { SurfaceRegistry } from '../surface/surface.registry.js';
import { toProblem } from './problem.js';

/**
 * The gateway's one error filter. Everything thrown while serving a request ends here (Nest also
 * routes Fastify's own parser errors and unknown routes through it) and leaves in the status and
 * body of the request's surface.
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpErrorFilter');

  constructor(private readonly surfaces: SurfaceRegistry) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const problem = toProblem(exception);
    if (problem.fault !== undefined) {
      const fault = problem.fault instanceof Error ? problem.fault : new Error(String(problem.fault));
      this.logger.error(`${request.method} ${request.url} failed: ${fault.message}`, fault.stack);
    }
    const surface = this.surfaces.forRequest(request);
    const status = surface.errorStatus(problem);
    void reply
      .status(status)
      .headers(problem.headers ?? {})
      .type('application/json; charset=utf-8')
      .send(surface.errorBody({ ...problem, status }));
  }
}
