import { PricingContracts } from '@billing/contracts';
import { defineCommand, type CommandRow } from '../commands/command-row.js';
import { quotationAccepted, quotationCreated, quotationDeclined, quotationRetrieved, quotationsRetrieved } from './quote.dto.js';

const QUOTE_ID = { type: 'integer', min: 1, required: true, example: 17 } as const;

const quoteTransition = (
  name: string,
  verb: 'accept' | 'decline',
  contract: typeof PricingContracts.QuoteAccept,
  answer: typeof quotationAccepted,
) =>
  defineCommand({
    name,
    cmd: `billing.quote.${verb}`,
    rest: { method: 'POST', path: `quotes/:id/${verb}` },
    access: 'write',
    contract,
    params: { id: QUOTE_ID },
    request: ({ id }) => ({ id }),
    reply: (quotation) => answer.ok({ quotation }),
    summary: verb === 'accept' ? 'Accept Quotation' : 'Decline Quotation',
    description:
      verb === 'accept'
        ? 'An open quote becomes ACCEPTED; its promo code is redeemed in the same step (the same rules as adding it). 409 once accepted, declined or expired.'
        : 'An open quote becomes DECLINED. 409 once accepted, declined or expired.',
    responseType: answer.type,
  });

/** Quotations: the document's list, and the create, read and decisions a quoting workflow needs. */
export const QUOTE_COMMANDS: readonly CommandRow[] = [
  defineCommand({
    name: 'getQuotations',
    cmd: 'billing.quotes.get',
    rest: { method: 'GET', path: 'quotes' },
    access: 'read',
    contract: PricingContracts.QuoteList,
    params: {
      customerId: { type: 'integer', min: 1 },
      status: { type: 'enum', values: PricingContracts.QUOTE_STATUSES },
      resStart: { type: 'integer', min: 0, default: 0, description: 'Pagination start offset (default: 0)' },
      resWindow: { type: 'integer', min: 1, max: 500, default: 20, description: 'Number of results per page (default: 20, at most 500)' },
    },
    request: ({ customerId, status, resStart, resWindow }) => ({
      customerId,
      status: status as PricingContracts.QuoteStatus | undefined,
      offset: resStart,
      limit: resWindow,
    }),
    reply: ({ quotations, matches }) => quotationsRetrieved.ok({ quotations, matches }),
    summary: 'Get Quotations',
    description: 'Retrieve list of quotations, newest first; `matches` is how many match over all pages.',
    responseType: quotationsRetrieved.type,
  }),
  defineCommand({
    name: 'createQuotation',
    cmd: 'billing.quote.create',
    rest: { method: 'POST', path: 'quotes' },
    access: 'write',
    contract: PricingContracts.QuoteCreate,
    params: {
      customerId: { type: 'integer', min: 1, required: true, example: 123 },
      currency: { type: 'string', maxLength: 3, required: true, example: 'USD' },
      lines: {
        type: 'array',
        required: true,
        description: 'Up to 200 lines: {productCode, quantity, options?: {group: choice}}',
        example: [{ productCode: 'vm-small', quantity: '3', options: { RAM: '8GB' } }],
      },
      promocode: { type: 'string', maxLength: 40, example: 'SAVE10' },
      validUntil: { type: 'date', description: 'Default: 30 days from today (UTC)' },
    },
    request: (quote) => ({ quote }),
    reply: (quotation) => quotationCreated.ok({ quotation }),
    summary: 'Create Quotation',
    description: "Prices each line at the customer's effective price (tiers applied), applies the promo code, numbers the quote Q-n.",
    responseType: quotationCreated.type,
  }),
  defineCommand({
    name: 'getQuotation',
    cmd: 'billing.quote.get',
    rest: { method: 'GET', path: 'quotes/:id' },
    access: 'read',
    contract: PricingContracts.QuoteGet,
    params: { id: QUOTE_ID },
    request: ({ id }) => ({ id }),
    reply: (quotation) => quotationRetrieved.ok({ quotation }),
    summary: 'Get Quotation',
    responseType: quotationRetrieved.type,
  }),
  quoteTransition('acceptQuotation', 'accept', PricingContracts.QuoteAccept, quotationAccepted),
  quoteTransition('declineQuotation', 'decline', PricingContracts.QuoteDecline, quotationDeclined),
];
