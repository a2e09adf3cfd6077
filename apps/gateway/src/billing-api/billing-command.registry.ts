import { Injectable } from '@nestjs/common';
import type { CallerContext } from '@billing/contracts';
import type { AccessLevel } from '../auth/access.policy.js';
import { BillingApiService } from './billing-api.service.js';

export interface BillingCommand {
  /** What the caller's roles must allow; checked by the dispatcher, as the route itself is open to any token. */
  access: AccessLevel;
  run(caller: CallerContext, params: Record<string, unknown>): Promise<object>;
}

/** The `cmd` names of document 000, each mapped onto the same operation as its REST path. */
@Injectable()
export class BillingCommandRegistry {
  private readonly commands: ReadonlyMap<string, BillingCommand>;

  constructor(api: BillingApiService) {
    this.commands = new Map<string, BillingCommand>([
      ['billing.currency.get', { access: 'read', run: (caller) => api.currencies(caller) }],
    ]);
  }

  find(cmd: string): BillingCommand | undefined {
    return this.commands.get(cmd);
  }

  names(): string[] {
    return [...this.commands.keys()];
  }
}
