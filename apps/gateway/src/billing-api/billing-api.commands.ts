import { PricingContracts } from '@billing/contracts';
import { defineCommand, type CommandRow } from '../commands/command-row.js';
import { currenciesRetrieved } from './billing-api.dto.js';
import { CATALOGUE_COMMANDS } from './catalogue.commands.js';
import { PROMO_COMMANDS } from './promo.commands.js';
import { QUOTE_COMMANDS } from './quote.commands.js';

/** Document 000's operations, one row each; the REST routes and json.php's cmds are derived from these. */
export const BILLING_API_COMMANDS: readonly CommandRow[] = [
  defineCommand({
    name: 'getCurrencies',
    cmd: 'billing.currency.get',
    rest: { method: 'GET', path: 'currencies' },
    access: 'read',
    contract: PricingContracts.CurrencyList,
    params: {},
    request: () => ({}),
    reply: ({ currencies }) => currenciesRetrieved.ok({ currencies }),
    summary: 'Get Currencies',
    description: 'Retrieve available currencies for billing.',
    responseType: currenciesRetrieved.type,
  }),
  ...CATALOGUE_COMMANDS,
  ...PROMO_COMMANDS,
  ...QUOTE_COMMANDS,
];
