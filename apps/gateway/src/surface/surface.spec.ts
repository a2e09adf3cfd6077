import { Controller, Get, Injectable, Module, Post, UnauthorizedException } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { CallerContext, Role } from '@billing/contracts';
import { Caller } from '../auth/access.decorator.js';
import type { CredentialScheme } from '../auth/credentials/credential-scheme.js';
import { testGateway } from '../gateway.test-factory.js';
import { Produces } from './media.decorators.js';
import { Surface, surfaceProvider } from './surface.js';

const SESSIONS: Record<string, Role[]> = { 'good-session': ['billing:observer'], 'admin-session': ['admin'] };

/** A dialect of its own, as document 002's will be: `/{org}/...`, a session header, its own errors. */
@Injectable()
class SessionHeaderScheme implements CredentialScheme {
  find(request: FastifyRequest): string | undefined {
    const value = request.headers['sessionid'];
    return typeof value === 'string' ? value : undefined;
  }
  async verify(credential: string): Promise<CallerContext> {
    const roles = SESSIONS[credential];
    if (!roles) throw new UnauthorizedException('Invalid session');
    return { tenantId: 'tenant-1', tenantName: 'acme', userId: 'user-9', username: 'sam', roles, operator: false };
  }
}

const orgSurface = new Surface({
  name: 'test-org-dialect',
  path: '/:org/rest/2.0/**',
  tenantParam: 'org',
  credentials: [SessionHeaderScheme],
  media: { produces: ['application/json'] },
  errorStatus: (problem) => (problem.status === 403 ? 401 : problem.status),
  errorBody: (problem) => ({ errors: [{ error_code: problem.code, error_text: problem.message }] }),
});

@Controller(':org/rest/2.0')
class OrgController {
  @Get('whoami')
  whoami(@Caller() caller: CallerContext) {
    return { user: caller.username };
  }

  @Post('things')
  create() {
    return { created: true };
  }

  @Get('report')
  @Produces('text/csv')
  report() {
    return 'a,b';
  }
}

@Module({ controllers: [OrgController], providers: [SessionHeaderScheme, surfaceProvider(orgSurface)] })
class OrgDialectModule {}

describe('a dialect declared as a surface', () => {
  let gateway: Awaited<ReturnType<typeof testGateway>>;
  const session = { sessionid: 'good-session' };

  beforeAll(async () => {
    gateway = await testGateway({ dialects: [OrgDialectModule] });
  });
  afterAll(() => gateway?.close());

  it("authenticates with the surface's own scheme, and only the caller's organisation answers", async () => {
    const mine = await gateway.inject({ method: 'GET', url: '/acme/rest/2.0/whoami', headers: session });
    expect(mine.statusCode).toBe(200);
    expect(mine.json()).toEqual({ user: 'sam' });
    const theirs = await gateway.inject({ method: 'GET', url: '/globex/rest/2.0/whoami', headers: session });
    expect(theirs.statusCode).toBe(404);
    expect(theirs.json()).toEqual({ errors: [{ error_code: 'NOT_FOUND', error_text: 'No such organization' }] });
  });

  it("answers every error in the surface's shape and status mapping", async () => {
    const none = await gateway.inject({ method: 'GET', url: '/acme/rest/2.0/whoami' });
    expect(none.statusCode).toBe(401);
    expect(none.json()).toEqual({ errors: [{ error_code: 'UNAUTHORIZED', error_text: 'Missing access token' }] });
    const bad = await gateway.inject({ method: 'GET', url: '/acme/rest/2.0/whoami', headers: { sessionid: 'stolen' } });
    expect(bad.json()).toEqual({ errors: [{ error_code: 'UNAUTHORIZED', error_text: 'Invalid session' }] });
    // An observer may not write: this dialect reports that as 401 (its errorStatus), in its shape.
    const write = await gateway.inject({ method: 'POST', url: '/acme/rest/2.0/things', headers: session, payload: {} });
    expect(write.statusCode).toBe(401);
    expect(write.json()).toEqual({ errors: [{ error_code: 'FORBIDDEN', error_text: 'Your role does not allow this operation' }] });
    const unknown = await gateway.inject({ method: 'GET', url: '/acme/rest/2.0/nothing', headers: session });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().errors[0].error_code).toBe('NOT_FOUND');
  });

  it('does not take credentials the surface does not list', async () => {
    const bearer = await gateway.token();
    const res = await gateway.inject({ method: 'GET', url: '/acme/rest/2.0/whoami', headers: { authorization: `Bearer ${bearer}` } });
    expect(res.statusCode).toBe(401);
  });

  it('derives 405 and Allow from the routes that exist, before authentication', async () => {
    const res = await gateway.inject({ method: 'DELETE', url: '/acme/rest/2.0/whoami' });
    expect(res.statusCode).toBe(405);
    expect(res.headers['allow']).toBe('GET');
    expect(res.json()).toEqual({ errors: [{ error_code: 'METHOD_NOT_ALLOWED', error_text: 'This resource supports GET' }] });
    const other = await gateway.inject({ method: 'PUT', url: '/api/rest/v2.9/billing/currencies' });
    expect(other.statusCode).toBe(405);
    expect(other.json()).toEqual({ code: 'FAULT', message: 'This resource supports GET' });
  });

  it('answers 415 for a body type the route does not take and 406 for an Accept it cannot meet', async () => {
    const admin = { sessionid: 'admin-session' };
    const xml = await gateway.inject({
      method: 'POST',
      url: '/acme/rest/2.0/things',
      headers: { ...admin, 'content-type': 'application/xml' },
      payload: '<a/>',
    });
    expect((await gateway.inject({ method: 'POST', url: '/acme/rest/2.0/things', headers: admin, payload: {} })).statusCode).toBe(201);
    expect(xml.statusCode).toBe(415);
    expect(xml.json().errors[0].error_code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const accept = await gateway.inject({ method: 'GET', url: '/acme/rest/2.0/whoami', headers: { ...session, accept: 'text/html' } });
    expect(accept.statusCode).toBe(406);
    expect(accept.json().errors[0].error_code).toBe('NOT_ACCEPTABLE');
    const csv = await gateway.inject({ method: 'GET', url: '/acme/rest/2.0/report', headers: { ...session, accept: 'text/csv' } });
    expect(csv.statusCode).toBe(200);
    expect(
      (await gateway.inject({ method: 'GET', url: '/acme/rest/2.0/whoami', headers: { ...session, accept: 'application/*;q=0.5' } }))
        .statusCode,
    ).toBe(200);
  });
});
