import { HttpException, HttpStatus } from '@nestjs/common';
import { CommonErrorCode } from '@billing/contracts';
import { RemoteRpcException, RpcUnavailableException } from '@billing/rpc';
import { httpStatusFor } from './error-status.js';

/** What went wrong, before a surface puts it into its own error shape. */
export interface Problem {
  status: number;
  /** A stable machine-readable code (a service's error code, or one derived from the status). */
  code: string;
  message: string;
  details?: Record<string, unknown>;
  headers?: Record<string, string>;
  /** A body that a library already built (the health report): surfaces that own no shape pass it on. */
  body?: object;
  /** Not a client error: log it. */
  fault?: unknown;
}

const STATUS_CODES: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'TOO_MANY_REQUESTS',
  503: 'SERVICE_UNAVAILABLE',
  504: 'GATEWAY_TIMEOUT',
};

const codeForStatus = (status: number) => STATUS_CODES[status] ?? (status >= 500 ? 'INTERNAL' : 'BAD_REQUEST');

/** Turns anything thrown while serving a request into a Problem; only real faults become 500. */
export function toProblem(exception: unknown): Problem {
  if (exception instanceof RemoteRpcException) {
    const { code, message, details } = exception.payload;
    const status = httpStatusFor(code);
    const retryAfter = details?.['retryAfterSeconds'];
    return {
      status,
      code,
      message: code === CommonErrorCode.Internal ? 'Internal server error' : message,
      ...(details && code !== CommonErrorCode.Internal ? { details } : {}),
      ...(typeof retryAfter === 'number' ? { headers: { 'retry-after': String(retryAfter) } } : {}),
      ...(status === 401 ? { headers: { 'www-authenticate': 'Bearer' } } : {}),
    };
  }
  if (exception instanceof RpcUnavailableException) {
    const status = exception.reason === 'timeout' ? 504 : 503;
    return { status, code: codeForStatus(status), message: exception.message };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const response = exception.getResponse();
    const message = messageOf(response) ?? exception.message;
    return {
      status,
      code: codeForStatus(status),
      message,
      ...(status === 401 ? { headers: { 'www-authenticate': 'Bearer' } } : {}),
      ...(isLibraryBody(response) ? { body: response } : {}),
    };
  }
  // Errors Fastify raises before a route runs: malformed JSON, wrong media type, oversized body.
  const statusCode = (exception as { statusCode?: unknown })?.statusCode;
  if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
    return { status: statusCode, code: codeForStatus(statusCode), message: fastifyMessage(exception, statusCode) };
  }
  return {
    status: HttpStatus.INTERNAL_SERVER_ERROR,
    code: CommonErrorCode.Internal,
    message: 'Internal server error',
    fault: exception,
  };
}

function messageOf(response: unknown): string | undefined {
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown })?.message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : undefined;
}

/** Nest's own bodies carry statusCode; a body without it was built by a library (terminus). */
function isLibraryBody(response: unknown): response is object {
  return typeof response === 'object' && response !== null && !('statusCode' in response);
}

function fastifyMessage(exception: unknown, status: number): string {
  const code = (exception as { code?: unknown }).code;
  switch (code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'The request body is not valid JSON';
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'The request body is too large';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'Unsupported Content-Type';
    default:
      return exception instanceof Error && status < 500 ? exception.message : 'Bad request';
  }
}
