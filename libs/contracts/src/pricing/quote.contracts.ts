import { defineMessage } from '../message.js';

export const QUOTE_STATUSES = ['OPEN', 'ACCEPTED', 'DECLINED', 'EXPIRED'] as const;
export type QuoteStatus = (typeof QUOTE_STATUSES)[number];

export interface QuoteLine {
  lineNumber: number;
  productCode: string;
  productName: string;
  chargeType: string;
  quantity: string;
  /** Option group code -> choice code, as asked. */
  options: Record<string, string>;
  /** The customer's effective unit price with chosen options (for tiers: the amount / quantity, at the price's places). */
  unitPrice: string;
  /** quantity x price, tiers applied, rounded half-up to the currency's minor units. */
  amount: string;
  /** This line's share of the promo discount. */
  discount: string;
}

export interface Quote {
  id: number;
  /** Q- and a gap-free number per tenant. */
  number: string;
  customerId: number;
  currency: string;
  status: QuoteStatus;
  /** YYYY-MM-DD: acceptable through the end of this day in UTC; null: no expiry. */
  validUntil: string | null;
  promocode: string | null;
  lines: QuoteLine[];
  subtotal: string;
  discountTotal: string;
  total: string;
  createdAt: string;
  acceptedAt: string | null;
  declinedAt: string | null;
}

export interface QuoteListRequest {
  customerId?: number;
  status?: QuoteStatus;
  offset: number;
  limit: number;
}

export const QuoteCreate = defineMessage<{ quote: Record<string, unknown> }, Quote>('pricing.quote.create');
export const QuoteList = defineMessage<QuoteListRequest, { quotations: Quote[]; matches: number }>('pricing.quote.list');
export const QuoteGet = defineMessage<{ id: number }, Quote>('pricing.quote.get');
/** Accepting redeems the quote's promo code (the same rules as adding it) in the same transaction. */
export const QuoteAccept = defineMessage<{ id: number }, Quote>('pricing.quote.accept');
export const QuoteDecline = defineMessage<{ id: number }, Quote>('pricing.quote.decline');
