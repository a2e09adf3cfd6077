import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiExtension, ApiOkResponse, ApiOperation, ApiParam, ApiQuery } from '@nestjs/swagger';
import type { ParamSpec } from './command-params.js';
import type { CommandRow } from './command-row.js';

type Schema = Record<string, unknown>;

/** A parameter's OpenAPI schema: decimals are strings, so no client reads them as binary floats. */
export function paramSchema(spec: ParamSpec): Schema {
  const base = {
    ...(spec.description ? { description: spec.description } : {}),
    ...(spec.example !== undefined ? { example: spec.example } : {}),
  };
  switch (spec.type) {
    case 'string':
      return { type: 'string', maxLength: spec.maxLength ?? 1000, ...base };
    case 'integer':
      return {
        type: 'integer',
        ...(spec.min !== undefined ? { minimum: spec.min } : {}),
        ...(spec.max !== undefined ? { maximum: spec.max } : {}),
        ...base,
      };
    case 'decimal':
      return { type: 'string', format: 'decimal', pattern: '^-?\\d+(\\.\\d+)?$', ...base };
    case 'boolean':
      return { type: 'boolean', ...base };
    case 'date':
      return { type: 'string', format: 'date', ...base };
    case 'enum':
      return { type: 'string', enum: [...spec.values], ...base };
    case 'object':
      return { type: 'object', ...base };
    case 'array':
      return { type: 'array', items: {}, ...base };
  }
}

export function pathParamNames(path: string): string[] {
  return path
    .split('/')
    .filter((segment) => segment.startsWith(':'))
    .map((segment) => segment.slice(1));
}

/** The OpenAPI operation of a row's REST form, with its cmd name as the `x-cmd` extension. */
export function restOperation(row: CommandRow): MethodDecorator {
  const rest = row.rest!;
  const inPath = new Set(pathParamNames(rest.path));
  const entries = Object.entries(row.params);
  const takesBody = rest.method !== 'GET' && rest.method !== 'DELETE';
  const decorators: Array<MethodDecorator | ClassDecorator> = [
    ApiOperation({ summary: row.summary, description: row.description, operationId: row.name }),
    ApiOkResponse(row.responseType ? { type: row.responseType } : { description: 'The document envelope, code OK' }),
  ];
  for (const [name, spec] of entries.filter(([name]) => inPath.has(name))) {
    decorators.push(ApiParam({ name, required: true, schema: paramSchema(spec) }));
  }
  const others = entries.filter(([name]) => !inPath.has(name));
  if (takesBody && others.length > 0) {
    const required = others.filter(([, spec]) => spec.required).map(([name]) => name);
    decorators.push(
      ApiBody({
        schema: {
          type: 'object',
          properties: Object.fromEntries(others.map(([name, spec]) => [name, paramSchema(spec)])),
          ...(required.length > 0 ? { required } : {}),
        },
      }),
    );
  } else if (!takesBody) {
    for (const [name, spec] of others) decorators.push(ApiQuery({ name, required: spec.required ?? false, schema: paramSchema(spec) }));
  }
  if (row.cmd) decorators.push(ApiExtension('x-cmd', row.cmd));
  return applyDecorators(...(decorators as MethodDecorator[]));
}

/** The cmd table that the command endpoint's OpenAPI description lists. */
export function commandCatalogue(rows: readonly CommandRow[]): string {
  const lines = rows
    .filter((row) => row.cmd)
    .map((row) => {
      const params = Object.entries(row.params)
        .map(([name, spec]) => `${name}${spec.required ? '' : '?'}: ${spec.type}`)
        .join(', ');
      return `| \`${row.cmd}\` | ${row.summary} | ${params || '—'} | ${row.rest ? `${row.rest.method} ${row.rest.path}` : '—'} |`;
    });
  return ['| cmd | operation | parameters | REST form |', '| --- | --- | --- | --- |', ...lines].join('\n');
}
