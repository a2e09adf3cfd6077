import { Injectable, NotAcceptableException, UnsupportedMediaTypeException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import Negotiator from 'negotiator';
import { CONSUMES_KEY, PRODUCES_KEY } from './media.decorators.js';
import { SurfaceRegistry } from './surface.registry.js';

/**
 * One media rule for every route: a body in a type the route does not take is 415, an Accept that
 * rules out everything the route answers in is 406, each in the route's surface's error shape.
 * Runs after authentication, so an anonymous caller learns nothing about a route.
 */
@Injectable()
export class MediaTypeGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly surfaces: SurfaceRegistry,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const targets = [context.getHandler(), context.getClass()];
    const surface = this.surfaces.forRequest(request);
    const bodyType = requestBodyType(request);
    if (bodyType !== undefined) {
      const consumes = this.reflector.getAllAndOverride<string[] | undefined>(CONSUMES_KEY, targets) ?? surface.media.consumes;
      if (!consumes.includes(bodyType)) {
        throw new UnsupportedMediaTypeException(`This resource takes ${consumes.join(' or ') || 'no body'}, not ${bodyType}`);
      }
    }
    const produces = this.reflector.getAllAndOverride<string[] | undefined>(PRODUCES_KEY, targets) ?? surface.media.produces;
    if (produces.length > 0 && request.headers.accept && !new Negotiator(request).mediaType([...produces])) {
      throw new NotAcceptableException(`This resource answers ${produces.join(' or ')} only`);
    }
    return true;
  }
}

/** The media type of the body sent, without parameters; undefined when there is no body. */
function requestBodyType(request: FastifyRequest): string | undefined {
  const length = request.headers['content-length'];
  const hasBody = (length !== undefined && length !== '0') || request.headers['transfer-encoding'] !== undefined;
  if (!hasBody) return undefined;
  const type = request.headers['content-type'];
  return (type?.split(';')[0] ?? '').trim().toLowerCase() || 'application/octet-stream';
}

/** The caller's preferred type among those a route can answer in (the first when Accept is absent or allows any). */
export function preferredMediaType(request: FastifyRequest, available: readonly string[]): string {
  if (!request.headers.accept) return available[0]!;
  return new Negotiator(request).mediaType([...available]) ?? available[0]!;
}
