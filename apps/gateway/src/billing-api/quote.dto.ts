import { ApiProperty } from '@nestjs/swagger';
import { envelope } from './billing-api.envelope.js';

export class QuoteLineDto {
  @ApiProperty({ example: 1 })
  lineNumber!: number;

  @ApiProperty({ example: 'vm-small' })
  productCode!: string;

  @ApiProperty({ example: 'Small virtual machine' })
  productName!: string;

  @ApiProperty({ example: 'RECURRING' })
  chargeType!: string;

  @ApiProperty({ example: '3' })
  quantity!: string;

  @ApiProperty({ example: { RAM: '8GB' }, type: 'object', additionalProperties: { type: 'string' } })
  options!: Record<string, string>;

  @ApiProperty({ example: '24.90', description: "The customer's effective unit price with its options; for tiers, the amount per unit" })
  unitPrice!: string;

  @ApiProperty({ example: '74.70', description: 'Rounded half-up to the currency’s minor units' })
  amount!: string;

  @ApiProperty({ example: '7.47', description: "This line's share of the promo discount" })
  discount!: string;
}

export class QuoteDto {
  @ApiProperty({ example: 17 })
  id!: number;

  @ApiProperty({ example: 'Q-17', description: 'Gap-free per tenant' })
  number!: string;

  @ApiProperty({ example: 123 })
  customerId!: number;

  @ApiProperty({ example: 'USD' })
  currency!: string;

  @ApiProperty({ enum: ['OPEN', 'ACCEPTED', 'DECLINED', 'EXPIRED'], example: 'OPEN' })
  status!: string;

  @ApiProperty({ example: '2026-12-30', nullable: true, description: 'Acceptable through the end of this day (UTC)' })
  validUntil!: string | null;

  @ApiProperty({ example: 'SAVE10', nullable: true })
  promocode!: string | null;

  @ApiProperty({ type: [QuoteLineDto] })
  lines!: QuoteLineDto[];

  @ApiProperty({ example: '74.70' })
  subtotal!: string;

  @ApiProperty({ example: '7.47' })
  discountTotal!: string;

  @ApiProperty({ example: '67.23' })
  total!: string;

  @ApiProperty({ example: '2026-11-30T10:00:00.000Z' })
  createdAt!: string;

  @ApiProperty({ example: null, nullable: true })
  acceptedAt!: string | null;

  @ApiProperty({ example: null, nullable: true })
  declinedAt!: string | null;
}

/** The answers of the quotation operations: each message once, for the body and the OpenAPI example alike. */
export const quotationsRetrieved = envelope('QuotationsResponseDto', 'Quotation Retrieved Successfully', {
  quotations: { type: [QuoteDto] },
  matches: { type: Number, example: 10, description: 'How many quotations match, over all pages' },
});

const QUOTATION = { type: QuoteDto } as const;
export const quotationCreated = envelope('QuotationCreatedResponseDto', 'Quotation Created Successfully', { quotation: QUOTATION });
export const quotationRetrieved = envelope('QuotationRetrievedResponseDto', 'Quotation Retrieved Successfully', { quotation: QUOTATION });
export const quotationAccepted = envelope('QuotationAcceptedResponseDto', 'Quotation Accepted Successfully', { quotation: QUOTATION });
export const quotationDeclined = envelope('QuotationDeclinedResponseDto', 'Quotation Declined Successfully', { quotation: QUOTATION });
