import {
  applyDecorators,
  BadRequestException,
  Controller,
  Get,
  HttpCode,
  Inject,
  Post,
  Put,
  Patch,
  Delete,
  Req,
  type Type,
} from '@nestjs/common';
import { ApiBody, ApiExtension, ApiOkResponse, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { CallerContext } from '@billing/contracts';
import { Access, Caller } from '../auth/access.decorator.js';
import { Consumes } from '../surface/media.decorators.js';
import { commandCatalogue, restOperation } from './command-openapi.js';
import type { CommandRow, RestMethod } from './command-row.js';
import { CommandRunner } from './command.runner.js';

const ROUTE: Record<RestMethod, (path: string) => MethodDecorator> = { GET: Get, POST: Post, PUT: Put, PATCH: Patch, DELETE: Delete };

type Handler = (this: { runner: CommandRunner }, request: FastifyRequest, caller: CallerContext) => Promise<object>;

/** Adds a handler method to a generated controller and applies its decorators, as if written by hand. */
function defineHandler(target: Type<unknown>, name: string, handler: Handler, decorators: MethodDecorator[]): void {
  Object.defineProperty(target.prototype, name, { value: handler, writable: true, configurable: true });
  Req()(target.prototype, name, 0);
  Caller()(target.prototype, name, 1);
  const descriptor = Object.getOwnPropertyDescriptor(target.prototype, name)!;
  for (const decorate of decorators) decorate(target.prototype, name, descriptor);
}

const named = <T>(target: T, name: string): T => Object.defineProperty(target, 'name', { value: name }) as T;

function bodyObject(body: unknown): Record<string, unknown> {
  if (body === undefined) return {};
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new BadRequestException('The request body must be a JSON object');
  return body as Record<string, unknown>;
}

/** What a request carries for a row: the query, then a body's fields, then the path's parameters. */
function restSource(request: FastifyRequest): Record<string, unknown> {
  const query = request.query as Record<string, unknown>;
  const body = request.method === 'GET' || request.method === 'DELETE' ? {} : bodyObject(request.body);
  return { ...query, ...body, ...(request.params as Record<string, unknown>) };
}

interface CommonOptions {
  tag: string;
  rows: readonly CommandRow[];
  /** The dialect's error body, for OpenAPI. */
  errorType: Type<unknown>;
}

export interface CommandSurfaceOptions extends CommonOptions {
  /** The REST root the rows' paths are relative to, e.g. `api/rest/v2.9/billing`. */
  restRoot: string;
}

/** The failures every command can meet, in the dialect's error shape. */
const errorResponses = (type: Type<unknown>) =>
  applyDecorators(
    ApiResponse({ status: 400, type, description: 'A parameter is missing or wrong' }),
    ApiResponse({ status: 401, type, description: 'Missing or invalid token' }),
    ApiResponse({ status: 403, type, description: "The caller's role does not allow the operation" }),
    ApiResponse({ status: 503, type, description: 'The service is unavailable' }),
    ApiResponse({ status: 504, type, description: 'The service did not answer in time' }),
  );

/** A controller with one route per row that has a REST form. */
export function restCommandsController({ restRoot, tag, rows, errorType }: CommandSurfaceOptions): Type<unknown> {
  @ApiTags(tag)
  @errorResponses(errorType)
  @Controller(restRoot)
  class RestCommands {
    constructor(@Inject(CommandRunner) readonly runner: CommandRunner) {}
  }
  for (const row of rows) {
    if (!row.rest) continue;
    defineHandler(
      RestCommands,
      row.name,
      function (request, caller) {
        return this.runner.run(row, restSource(request), caller);
      },
      [ROUTE[row.rest.method](row.rest.path), HttpCode(row.rest.status ?? 200), Access(row.access), restOperation(row)],
    );
  }
  return named(RestCommands, `${tag.replace(/\W/g, '')}RestCommands`);
}

export interface CommandEndpointOptions extends CommonOptions {
  /** The command endpoint, e.g. `api/rest/v2.9/json.php`: GET with a query, POST with JSON or a form. */
  endpoint: string;
}

/**
 * The `cmd` form of the same rows: GET with the parameters in the query, or POST with them in a JSON
 * or form body (what PHP clients send). The route takes any valid token; each row checks its own role.
 */
export function commandEndpointController({ endpoint, tag, rows, errorType }: CommandEndpointOptions): Type<unknown> {
  const byCmd = new Map(rows.filter((row) => row.cmd).map((row) => [row.cmd!, row]));
  const catalogue = commandCatalogue(rows);
  const dispatch = (runner: CommandRunner, source: Record<string, unknown>, caller: CallerContext) => {
    const cmd = source['cmd'];
    if (typeof cmd !== 'string' || cmd.length === 0) throw new BadRequestException('Missing cmd');
    const row = byCmd.get(cmd);
    if (!row) throw new BadRequestException(`Unknown cmd "${cmd.slice(0, 100)}"`);
    return runner.run(row, source, caller);
  };

  @ApiTags(tag)
  @errorResponses(errorType)
  @Controller()
  class CommandEndpoint {
    constructor(@Inject(CommandRunner) readonly runner: CommandRunner) {}
  }
  const common = [
    Access('authenticated'),
    ApiOkResponse({ description: "The command's envelope, code OK" }),
    ApiExtension('x-commands', [...byCmd.keys()]),
  ];
  defineHandler(
    CommandEndpoint,
    'fromQuery',
    function (request, caller) {
      return dispatch(this.runner, request.query as Record<string, unknown>, caller);
    },
    [
      Get(endpoint),
      ...common,
      ApiOperation({ summary: 'Run a command (query form)', description: `Parameters in the query string.\n\n${catalogue}` }),
      ApiQuery({ name: 'cmd', required: true, example: [...byCmd.keys()][0] }),
    ],
  );
  defineHandler(
    CommandEndpoint,
    'fromBody',
    function (request, caller) {
      return dispatch(this.runner, { ...(request.query as Record<string, unknown>), ...bodyObject(request.body) }, caller);
    },
    [
      Post(endpoint),
      HttpCode(200),
      ...common,
      Consumes('application/json', 'application/x-www-form-urlencoded'),
      ApiOperation({
        summary: 'Run a command (JSON or form body)',
        description: `Parameters in a JSON object or a form body.\n\n${catalogue}`,
      }),
      ApiBody({
        schema: {
          type: 'object',
          required: ['cmd'],
          properties: { cmd: { type: 'string', example: [...byCmd.keys()][0] } },
          additionalProperties: true,
        },
      }),
    ],
  );
  return named(CommandEndpoint, `${tag.replace(/\W/g, '')}CommandEndpoint`);
}
