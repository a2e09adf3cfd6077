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
  marker?: string;
  limit?: string;
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
