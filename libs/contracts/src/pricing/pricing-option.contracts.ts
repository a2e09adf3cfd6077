import { defineMessage } from '../message.js';

export const BILLING_TERMS = ['MONTHLY', 'QUARTERLY', 'ANNUAL'] as const;
export type BillingTermCode = (typeof BILLING_TERMS)[number];

/** How often a recurring charge is billed, and the discount a customer gets for committing to it. */
export interface BillingTerm {
  kind: 'BILLING_TERM';
  code: BillingTermCode;
  months: number;
  /** e.g. "10" for 10 % off; "0" when none. */
  discountPercent: string;
}

export interface OptionChoice {
  code: string;
  name: string;
  /** Added to the product's unit price when the choice is made. */
  prices: Array<{ currency: string; unitPrice: string }>;
}

/** A configurable option of one product (e.g. RAM: 4, 8 or 16 GB), each choice with its price. */
export interface OptionGroup {
  kind: 'OPTION_GROUP';
  productCode: string;
  code: string;
  name: string;
  choices: OptionChoice[];
}

export type PricingOption = BillingTerm | OptionGroup;

export interface PricingOptions {
  pricing: PricingOption[];
}

export const PricingOptionsGet = defineMessage<Record<string, never>, PricingOptions>('pricing.options.get');
/** Sets a billing term's discount (its months are fixed: 1, 3, 12). */
export const BillingTermSet = defineMessage<{ term: BillingTermCode; changes: Record<string, unknown> }, BillingTerm>('pricing.term.set');
/** Creates or replaces a product's option group with its choices. */
export const OptionGroupSet = defineMessage<{ productCode: string; group: string; body: Record<string, unknown> }, OptionGroup>(
  'pricing.option-group.set',
);
export const OptionGroupRemove = defineMessage<{ productCode: string; group: string }, PricingOptions>('pricing.option-group.remove');
