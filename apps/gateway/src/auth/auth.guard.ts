import {
  BadRequestException,
  ForbiddenException,
  Injectable,
  NotFoundException,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
  type Type,
} from '@nestjs/common';
import { ModuleRef, Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import type { CallerContext } from '@billing/contracts';
import type { Surface } from '../surface/surface.js';
import { SurfaceRegistry } from '../surface/surface.registry.js';
import { ACCESS_KEY } from './access.decorator.js';
import { allows, defaultAccessFor, type AccessLevel } from './access.policy.js';
import type { CredentialScheme } from './credentials/credential-scheme.js';

/**
 * Every route is authenticated unless marked public, with the credential schemes of its surface.
 * Where the path names the tenant (`/:org/...`), it must be the caller's: another tenant's is 404.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly schemes = new Map<Type<CredentialScheme>, CredentialScheme>();

  constructor(
    private readonly reflector: Reflector,
    private readonly surfaces: SurfaceRegistry,
    private readonly modules: ModuleRef,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const declared = this.reflector.getAllAndOverride<AccessLevel | undefined>(ACCESS_KEY, [context.getHandler(), context.getClass()]);
    if (declared === 'public') return true;

    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const surface = this.surfaces.forRequest(request);
    const caller = { ...(await this.authenticate(surface, request)), requestId: String(request.id) };
    request.caller = caller;

    if (surface.tenantParam !== undefined && pathParam(request, surface.tenantParam) !== caller.tenantName) {
      throw new NotFoundException('No such organization');
    }
    if (!allows(caller, declared ?? defaultAccessFor(request.method))) {
      throw new ForbiddenException('Your role does not allow this operation');
    }
    return true;
  }

  /**
   * The first scheme that finds a credential decides. A request carrying two different credentials
   * (a Bearer token and another X-Auth-Token) is refused rather than answered as either caller: a
   * proxy that adds its own token beside the client's would otherwise make one act as the other.
   */
  private async authenticate(surface: Surface, request: FastifyRequest): Promise<CallerContext> {
    let decided: { scheme: CredentialScheme; credential: string } | undefined;
    for (const type of surface.credentials) {
      const scheme = this.scheme(type);
      const credential = scheme.find(request);
      if (credential === undefined) continue;
      if (decided && decided.credential !== credential) {
        throw new BadRequestException('The request carries two different credentials; send one');
      }
      decided ??= { scheme, credential };
    }
    if (!decided) throw new UnauthorizedException('Missing access token');
    return decided.scheme.verify(decided.credential, request);
  }

  private scheme(type: Type<CredentialScheme>): CredentialScheme {
    const known = this.schemes.get(type);
    if (known) return known;
    const scheme = this.modules.get(type, { strict: false });
    this.schemes.set(type, scheme);
    return scheme;
  }
}

function pathParam(request: FastifyRequest, name: string): string | undefined {
  const value = (request.params as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : undefined;
}
