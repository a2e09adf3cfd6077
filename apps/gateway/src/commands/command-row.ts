import type { Type } from '@nestjs/common';
import type { MessageDef, RequestOf, ResponseOf } from '@billing/contracts';
import type { AccessLevel } from '../auth/access.policy.js';
import type { ParamSpecs, ParamValues } from './command-params.js';

export type RestMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * One operation of a dialect, declared once: its `cmd` name, its REST method and path, who may run
 * it, the contract it calls, how request parameters map onto that contract, and how the answer is
 * wrapped. The REST route, the cmd entry, the validation and the OpenAPI operation all come from it.
 */
export interface CommandRow<M extends MessageDef<unknown, unknown> = MessageDef<unknown, unknown>, P extends ParamSpecs = ParamSpecs> {
  /** A stable operation id (also the handler's name). */
  name: string;
  cmd?: string;
  /** `path` is relative to the dialect's REST root; `:name` segments are parameters of the row. */
  rest?: { method: RestMethod; path: string; status?: number };
  access: AccessLevel;
  contract: M;
  params: P;
  /** The contract request built from the checked parameters. */
  request(params: ParamValues<P>): RequestOf<M>;
  /** The dialect's answer (its envelope) built from the contract's response. */
  reply(response: ResponseOf<M>): object;
  summary: string;
  description?: string;
  /** The answer's schema, for OpenAPI. */
  responseType?: Type<unknown>;
}

/** Declares a row with its parameter and contract types checked against each other. */
export function defineCommand<M extends MessageDef<unknown, unknown>, const P extends ParamSpecs>(row: CommandRow<M, P>): CommandRow {
  return row as unknown as CommandRow;
}
