import { BadRequestException, UnauthorizedException } from '@nestjs/common';
import { CommonErrorCode, IdentityErrorCode } from '@billing/contracts';
import { RemoteRpcException, RpcUnavailableException } from '@billing/rpc';
import { toProblem } from './problem.js';

describe('toProblem', () => {
  it('maps a service error code to its status and keeps its message and details', () => {
    const problem = toProblem(
      new RemoteRpcException({ code: IdentityErrorCode.UsernameTaken, message: 'taken', details: { field: 'username' } }),
    );
    expect(problem).toEqual({ status: 409, code: 'IDENTITY_USERNAME_TAKEN', message: 'taken', details: { field: 'username' } });
  });

  it('turns a throttled sign-in into 429 with Retry-After', () => {
    const problem = toProblem(
      new RemoteRpcException({ code: IdentityErrorCode.TooManyAttempts, message: 'slow down', details: { retryAfterSeconds: 42 } }),
    );
    expect(problem.status).toBe(429);
    expect(problem.headers).toEqual({ 'retry-after': '42' });
  });

  it('asks for a Bearer token when a service refuses the caller', () => {
    const problem = toProblem(new RemoteRpcException({ code: IdentityErrorCode.InvalidCredentials, message: 'no' }));
    expect(problem.status).toBe(401);
    expect(problem.headers).toEqual({ 'www-authenticate': 'Bearer' });
  });

  it('hides the text of a service fault', () => {
    const problem = toProblem(new RemoteRpcException({ code: CommonErrorCode.Internal, message: 'db password wrong at 10.0.0.5' }));
    expect(problem).toEqual({ status: 500, code: 'INTERNAL', message: 'Internal server error' });
  });

  it('tells an absent service (503) from a slow one (504)', () => {
    expect(toProblem(new RpcUnavailableException('pricing', 'no-responders')).status).toBe(503);
    expect(toProblem(new RpcUnavailableException('pricing', 'disconnected')).status).toBe(503);
    expect(toProblem(new RpcUnavailableException('pricing', 'timeout')).status).toBe(504);
  });

  it('joins validation messages and asks for a Bearer token on 401', () => {
    expect(toProblem(new BadRequestException(['a must be a string', 'b must be set'])).message).toBe('a must be a string; b must be set');
    expect(toProblem(new UnauthorizedException('no')).headers).toEqual({ 'www-authenticate': 'Bearer' });
  });

  it('keeps client errors raised by Fastify as 4xx and anything unknown as a logged 500', () => {
    const tooLarge = Object.assign(new Error('x'), { statusCode: 413, code: 'FST_ERR_CTP_BODY_TOO_LARGE' });
    expect(toProblem(tooLarge)).toEqual({ status: 413, code: 'PAYLOAD_TOO_LARGE', message: 'The request body is too large' });
    const bug = new TypeError('undefined is not a function');
    expect(toProblem(bug)).toEqual({ status: 500, code: 'INTERNAL', message: 'Internal server error', fault: bug });
  });
});
