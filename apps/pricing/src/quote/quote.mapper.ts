import type { PricingContracts } from '@billing/contracts';
import type { QuoteLineEntity } from './quote-line.entity.js';
import type { QuoteEntity } from './quote.entity.js';
import { quoteStatus } from './quote.rules.js';

export function toQuote(quote: QuoteEntity, lines: readonly QuoteLineEntity[], now: Date): PricingContracts.Quote {
  return {
    id: quote.id,
    number: `Q-${quote.number}`,
    customerId: quote.customerId,
    currency: quote.currency,
    status: quoteStatus(quote.status, quote.validUntil, now),
    validUntil: quote.validUntil ?? null,
    promocode: quote.promoCode ?? null,
    lines: lines.map((line) => ({
      lineNumber: line.lineNumber,
      productCode: line.productCode,
      productName: line.productName,
      chargeType: line.chargeType,
      quantity: line.quantity,
      options: line.options,
      unitPrice: line.unitPrice,
      amount: line.amount,
      discount: line.discount,
    })),
    subtotal: quote.subtotal,
    discountTotal: quote.discountTotal,
    total: quote.total,
    createdAt: quote.createdAt.toISOString(),
    acceptedAt: quote.acceptedAt?.toISOString() ?? null,
    declinedAt: quote.declinedAt?.toISOString() ?? null,
  };
}
