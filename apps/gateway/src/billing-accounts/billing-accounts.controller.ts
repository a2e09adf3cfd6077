import { BadRequestException, Body, Controller, Get, HttpCode, Inject, NotFoundException, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { AccountsContracts, type CallerContext } from '@billing/contracts';
import { Caller } from '../auth/access.decorator.js';
import { readParams } from '../commands/command-params.js';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/app.config.js';
import { RpcClient } from '@billing/rpc';
import { BILLING_ACCOUNTS_PREFIX } from './billing-accounts.surface.js';

interface Link {
  rel: string;
  href: string;
}

function jsonBody(body: unknown): Record<string, unknown> {
  if (body === undefined || body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new BadRequestException('The body must be a JSON object');
  }
  return body as Record<string, unknown>;
}

const accountLink = (base: string, ran: string): Link[] => [{ rel: 'billingAccount', href: `${base}/${ran}` }];

function accountJson(account: AccountsContracts.BillingAccount, base: string) {
  const self = `${base}/${account.accountNumber}`;
  const link: Link[] = [
    { rel: 'balance', href: `${self}/balance` },
    { rel: 'billing-summary', href: `${self}/billing-summary` },
    { rel: 'latestInvoice', href: `${self}/invoices/latest` },
    { rel: 'estimated_charges', href: `${self}/estimated_charges` },
  ];
  if (account.childCount > 0) link.unshift({ rel: 'childBillingAccounts', href: `${self}/accounts` });
  return {
    billingAccount: {
      accountNumber: account.accountNumber,
      name: account.name,
      currency: account.currency,
      monthlyRecurringRevenue: account.monthlyRecurringRevenue,
      ...(account.childCount > 0 ? { childCount: account.childCount } : {}),
      ...(account.parentAccountNumber ? { parentAccountNumber: account.parentAccountNumber } : {}),
      link,
    },
  };
}

/** A children page: marker is the index of the first child. */
const CHILDREN_PAGE = {
  marker: { type: 'integer', min: 0, default: 0 },
  limit: { type: 'integer', min: 1, max: 200, default: 25 },
} as const;

@ApiTags('Billing accounts v2')
@ApiHeader({ name: 'Accept', required: false, description: 'application/json' })
@Controller('v2/accounts')
export class BillingAccountsController {
  /**
   * Absolute links start from the configured public URL only: a request's Host and X-Forwarded-*
   * headers are the client's to choose, so they never reach a link another client may follow.
   */
  private readonly base: string;

  constructor(
    private readonly rpc: RpcClient,
    @Inject(GATEWAY_CONFIG) config: GatewayConfig,
  ) {
    this.base = `${config.publicBaseUrl}${BILLING_ACCOUNTS_PREFIX}`;
  }

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Create a billing account (admin, billing:admin)' })
  @ApiBody({
    schema: {
      example: {
        name: 'amazon',
        currency: 'USD',
        parentAccountNumber: null,
        monthlyRecurringRevenue: '100.00',
        billingDay: 1,
        paymentTermDays: 30,
      },
    },
  })
  @ApiCreatedResponse({ description: '{billingAccount}' })
  async create(@Caller() caller: CallerContext, @Body() body: unknown) {
    const account = await this.rpc.request(AccountsContracts.BillingAccountCreate, jsonBody(body), caller);
    return accountJson(account, this.base);
  }

  @Get(':ran')
  @ApiOperation({ summary: 'Get billing account' })
  @ApiOkResponse({ description: '{billingAccount}' })
  async get(@Caller() caller: CallerContext, @Param('ran') ran: string) {
    return accountJson(await this.rpc.request(AccountsContracts.BillingAccountGet, { accountNumber: ran }, caller), this.base);
  }

  @Patch(':ran')
  @ApiOperation({
    summary: 'Rename, re-parent, change terms or MRR (admin, billing:admin)',
    description: 'A re-parent that would make a cycle is 409.',
  })
  @ApiBody({ schema: { example: { name: 'renamed', parentAccountNumber: '10000001', monthlyRecurringRevenue: '150.00' } } })
  @ApiOkResponse({ description: '{billingAccount}' })
  async update(@Caller() caller: CallerContext, @Param('ran') ran: string, @Body() body: unknown) {
    const account = await this.rpc.request(AccountsContracts.BillingAccountUpdate, { accountNumber: ran, changes: jsonBody(body) }, caller);
    return accountJson(account, this.base);
  }

  @Get(':ran/accounts')
  @ApiOperation({ summary: 'Get child billing accounts' })
  @ApiQuery({ name: 'limit', required: false, description: '1 to 200, default 25' })
  @ApiQuery({ name: 'marker', required: false, description: 'Index of the first item, default 0' })
  @ApiOkResponse({ description: '{billingAccounts: {link, total, billingAccount[]}}' })
  async children(@Caller() caller: CallerContext, @Param('ran') ran: string, @Query() query: Record<string, unknown>) {
    const page = await this.rpc.request(
      AccountsContracts.BillingAccountChildrenList,
      { accountNumber: ran, ...readParams(CHILDREN_PAGE, query) },
      caller,
    );
    const base = this.base;
    const pageLink = (rel: string, marker: number) => ({ rel, href: `${base}/${ran}/accounts?marker=${marker}&limit=${page.limit}` });
    const link: Link[] = [];
    if (page.marker > 0) link.push(pageLink('prev', Math.max(0, page.marker - page.limit)));
    if (page.marker + page.limit < page.total) link.push(pageLink('next', page.marker + page.limit));
    return {
      billingAccounts: {
        link,
        total: page.total,
        billingAccount: page.accounts.map((account) => ({
          link: [{ rel: 'self', href: `${base}/${account.accountNumber}` }],
          currency: account.currency,
          accountNumber: account.accountNumber,
          parentAccountNumber: account.parentAccountNumber,
          name: account.name,
        })),
      },
    };
  }

  @Get(':ran/balance')
  @ApiOperation({
    summary: 'What the account owes now',
    description: 'Sum of its ledger entries: adjustments raise or lower it, payments lower it.',
  })
  async balance(@Caller() caller: CallerContext, @Param('ran') ran: string) {
    const summary = await this.rpc.request(AccountsContracts.BillingAccountSummary, { accountNumber: ran }, caller);
    return {
      balance: {
        accountNumber: ran,
        currency: summary.currency,
        amount: summary.balance,
        link: accountLink(this.base, ran),
      },
    };
  }

  @Get(':ran/billing-summary')
  @ApiOperation({ summary: 'Balance, last payment, monthly recurring revenue and next due date' })
  async billingSummary(@Caller() caller: CallerContext, @Param('ran') ran: string) {
    const summary = await this.rpc.request(AccountsContracts.BillingAccountSummary, { accountNumber: ran }, caller);
    return {
      billingSummary: {
        accountNumber: ran,
        currency: summary.currency,
        balance: summary.balance,
        lastPayment: summary.lastPayment,
        monthlyRecurringRevenue: summary.monthlyRecurringRevenue,
        nextDueDate: summary.nextDueDate,
        link: accountLink(this.base, ran),
      },
    };
  }

  @Get(':ran/invoices/latest')
  @ApiOperation({ summary: 'The latest invoice', description: 'Invoices do not exist yet: 404 itemNotFound for every account.' })
  async latestInvoice(@Caller() caller: CallerContext, @Param('ran') ran: string): Promise<never> {
    await this.rpc.request(AccountsContracts.BillingAccountGet, { accountNumber: ran }, caller);
    throw new NotFoundException(`Billing account ${ran} has no invoices yet`);
  }

  @Get(':ran/estimated_charges')
  @ApiOperation({ summary: "The current cycle's recurring charges" })
  async estimatedCharges(@Caller() caller: CallerContext, @Param('ran') ran: string) {
    const summary = await this.rpc.request(AccountsContracts.BillingAccountSummary, { accountNumber: ran }, caller);
    return {
      estimatedCharges: {
        accountNumber: ran,
        currency: summary.currency,
        cycleStart: summary.cycle.start,
        cycleEnd: summary.cycle.end,
        recurringCharges: summary.cycle.recurringCharges,
        total: summary.cycle.recurringCharges,
        link: accountLink(this.base, ran),
      },
    };
  }

  @Post(':ran/ledger')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Record a payment or an adjustment (admin, billing:admin)',
    description: 'A PAYMENT (amount > 0) lowers the balance; an ADJUSTMENT (signed, not 0) moves it. Two decimal places at most.',
  })
  @ApiBody({ schema: { example: { type: 'PAYMENT', amount: '25.00', description: 'Card payment' } } })
  async addLedgerEntry(@Caller() caller: CallerContext, @Param('ran') ran: string, @Body() body: unknown) {
    const entry = await this.rpc.request(AccountsContracts.LedgerEntryCreate, { accountNumber: ran, entry: jsonBody(body) }, caller);
    return { ledgerEntry: entry };
  }

  @Get(':ran/currency')
  @ApiOperation({ summary: 'Get billing account currency' })
  async currency(@Caller() caller: CallerContext, @Param('ran') ran: string) {
    const account = await this.rpc.request(AccountsContracts.BillingAccountGet, { accountNumber: ran }, caller);
    return { billingAccount: { currency: account.currency, link: [] } };
  }

  @Get(':ran/futureBill')
  @ApiOperation({ summary: 'Get next due date', description: 'The first billing day strictly after today (UTC), plus the payment term.' })
  async futureBill(@Caller() caller: CallerContext, @Param('ran') ran: string) {
    const account = await this.rpc.request(AccountsContracts.BillingAccountGet, { accountNumber: ran }, caller);
    return { futureBill: { nextDueDate: account.nextDueDate } };
  }
}
