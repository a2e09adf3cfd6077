import { ForbiddenException, Injectable } from '@nestjs/common';
import type { CallerContext } from '@billing/contracts';
import { allows } from '../auth/access.policy.js';
import { RpcClient } from '@billing/rpc';
import { readParams } from './command-params.js';
import type { CommandRow } from './command-row.js';

/** Runs a row for a caller: role check, parameters, the contract call, the dialect's envelope. */
@Injectable()
export class CommandRunner {
  constructor(private readonly rpc: RpcClient) {}

  async run(row: CommandRow, source: Record<string, unknown>, caller: CallerContext): Promise<object> {
    if (!allows(caller, row.access)) throw new ForbiddenException('Your role does not allow this operation');
    const request = row.request(readParams(row.params, source));
    return row.reply(await this.rpc.request(row.contract, request, caller));
  }
}
