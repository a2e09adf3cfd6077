import { defineMessage } from '../message.js';

/** A billing account as the service answers it; the gateway shapes document 003's envelopes and links. */
export interface BillingAccount {
  accountNumber: string;
  name: string;
  currency: string;
  /** Decimal string with two places, e.g. "100.00". */
  monthlyRecurringRevenue: string;
  parentAccountNumber: string | null;
  childCount: number;
  customerId: number | null;
  billingDay: number;
  paymentTermDays: number;
  /** When the next bill falls due (ISO 8601 with offset). */
  nextDueDate: string;
}

export interface BillingAccountChildrenRequest {
  accountNumber: string;
  /** Already checked by the gateway: marker >= 0, limit 1..200. */
  marker: number;
  limit: number;
}

export interface BillingAccountChildren {
  total: number;
  marker: number;
  limit: number;
  accounts: BillingAccount[];
}

/** Bodies are as the client sent them; the service validates. */
export const BillingAccountCreate = defineMessage<Record<string, unknown>, BillingAccount>('accounts.billing-account.create');
export const BillingAccountGet = defineMessage<{ accountNumber: string }, BillingAccount>('accounts.billing-account.get');
export const BillingAccountChildrenList = defineMessage<BillingAccountChildrenRequest, BillingAccountChildren>(
  'accounts.billing-account.children',
);
export const BillingAccountUpdate = defineMessage<{ accountNumber: string; changes: Record<string, unknown> }, BillingAccount>(
  'accounts.billing-account.update',
);

export const LEDGER_ENTRY_TYPES = ['PAYMENT', 'ADJUSTMENT'] as const;

/** A movement of the balance (what the account owes): a payment lowers it, an adjustment moves it either way. */
export interface LedgerEntry {
  id: number;
  accountNumber: string;
  type: (typeof LEDGER_ENTRY_TYPES)[number];
  /** As given: a payment's amount is positive; an adjustment's may be negative. Two places. */
  amount: string;
  description: string | null;
  createdAt: string;
}

export interface BillingSummary {
  accountNumber: string;
  currency: string;
  /** What the account owes now (negative: in credit). */
  balance: string;
  lastPayment: { amount: string; date: string } | null;
  monthlyRecurringRevenue: string;
  nextDueDate: string;
  /** The current billing cycle, [start, end), and its recurring charges. */
  cycle: { start: string; end: string; recurringCharges: string };
}

export const LedgerEntryCreate = defineMessage<{ accountNumber: string; entry: Record<string, unknown> }, LedgerEntry>(
  'accounts.ledger-entry.create',
);
export const BillingAccountSummary = defineMessage<{ accountNumber: string }, BillingSummary>('accounts.billing-account.summary');
