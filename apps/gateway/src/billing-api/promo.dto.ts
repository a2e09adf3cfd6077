import { ApiProperty } from '@nestjs/swagger';
import { PricingContracts } from '@billing/contracts';
import { envelope } from './billing-api.envelope.js';

export class PromoCodeDto {
  @ApiProperty({ example: 12 })
  id!: number;

  @ApiProperty({ example: 'SPRING-25', description: 'Stored upper-case; looked up ignoring case' })
  code!: string;

  @ApiProperty({ example: 'PERCENTAGE', enum: PricingContracts.PROMO_TYPES })
  type!: PricingContracts.PromoType;

  @ApiProperty({ example: '25', description: 'Decimal string: a percentage, an amount in currencycode (FIXED), or days (FREE_TRIAL)' })
  discount!: string;

  @ApiProperty({ example: null, type: String, nullable: true, description: 'Required for FIXED; limits other types to quotes in it' })
  currencycode!: string | null;

  @ApiProperty({ example: '2025-03-01', type: String, format: 'date', nullable: true, description: 'SCHEDULED before this day (UTC)' })
  startsAt!: string | null;

  @ApiProperty({ example: '2025-05-31', format: 'date', description: 'Valid through the end of this day (UTC)' })
  expires!: string;

  @ApiProperty({ example: 'ACTIVE', enum: PricingContracts.PROMO_STATUSES })
  status!: PricingContracts.PromoStatus;

  @ApiProperty({ example: 3 })
  redemptions!: number;

  @ApiProperty({ example: 100, type: Number, nullable: true, description: 'null: unlimited' })
  maxRedemptions!: number | null;

  @ApiProperty({ example: 1 })
  maxPerCustomer!: number;

  @ApiProperty({ example: '50.00', type: String, nullable: true })
  minimumAmount!: string | null;

  @ApiProperty({ example: 'USD', type: String, nullable: true })
  minimumAmountCurrency!: string | null;

  @ApiProperty({ example: false, description: 'Only for customers with no accepted quote and no earlier redemption' })
  firstTimeOnly!: boolean;

  @ApiProperty({ example: ['VPS-SMALL'], type: [String], description: 'Product codes the code is limited to; empty: every product' })
  services!: string[];

  @ApiProperty({ example: 'REPEATING', enum: PricingContracts.PROMO_DURATIONS })
  duration!: PricingContracts.PromoDuration;

  @ApiProperty({ example: 3, type: Number, nullable: true, description: 'Set for REPEATING only' })
  durationMonths!: number | null;

  @ApiProperty({ example: '2025-02-20T09:30:00.000Z' })
  createdAt!: string;

  @ApiProperty({ example: '2025-02-20T09:30:00.000Z' })
  updatedAt!: string;
}

export const promoCreated = envelope('PromoCreatedResponseDto', 'Promo Code Created Successfully', {
  id: { type: Number, example: 12 },
  promocode: { type: PromoCodeDto },
});

export const promoUpdated = envelope('PromoUpdatedResponseDto', 'Promo Code Updated Successfully', {
  promocode: { type: PromoCodeDto },
});

export const promosRetrieved = envelope('PromoListResponseDto', 'Promo Codes Retrieved Successfully', {
  promocodes: { type: [PromoCodeDto] },
});

export class PromoSummaryDto {
  @ApiProperty({ example: 'PROMO123' })
  code!: string;

  @ApiProperty({ example: '10' })
  discount!: string;

  @ApiProperty({ example: 'AUD', type: String, nullable: true })
  currencycode!: string | null;

  @ApiProperty({ example: 'PERCENTAGE', enum: PricingContracts.PROMO_TYPES })
  type!: PricingContracts.PromoType;

  @ApiProperty({ example: '2025-12-31', format: 'date' })
  expires!: string;
}

export const promoValid = envelope('PromoValidResponseDto', 'Promo Code is valid', {
  promocode: { type: PromoSummaryDto },
});

export class PromoRedemptionDto {
  @ApiProperty({ example: 31 })
  id!: number;

  @ApiProperty({ example: 'PROMO123' })
  promocode!: string;

  @ApiProperty({ example: 123 })
  customerid!: number;

  @ApiProperty({ example: null, type: Number, nullable: true, description: 'The quote that used it; null until one does' })
  quoteId!: number | null;

  @ApiProperty({ example: '2025-02-20T09:30:00.000Z' })
  redeemedAt!: string;
}

export const promoAdded = envelope('PromoAddedResponseDto', 'Promo Code Added Successfully', {
  redemption: { type: PromoRedemptionDto },
});

export class PromoTypeDto {
  @ApiProperty({ example: 'PERCENTAGE', enum: PricingContracts.PROMO_TYPES })
  type!: PricingContracts.PromoType;

  @ApiProperty({ example: 'Percentage discount' })
  name!: string;

  @ApiProperty({ example: 'discount is a percentage (more than 0, at most 100) taken off the lines the code applies to' })
  description!: string;
}

export const promoTypesRetrieved = envelope('PromoTypesResponseDto', 'Promo Types Retrieved Successfully', {
  promotypes: { type: [PromoTypeDto] },
});

export class ServicePromoDto {
  @ApiProperty({ example: 14 })
  id!: number;

  @ApiProperty({ example: 'VPS-LAUNCH' })
  code!: string;

  @ApiProperty({ example: 'FIXED', enum: PricingContracts.PROMO_TYPES })
  type!: PricingContracts.PromoType;

  @ApiProperty({ example: '5.00' })
  discount!: string;

  @ApiProperty({ example: 'USD', type: String, nullable: true })
  currencycode!: string | null;

  @ApiProperty({ example: '2025-06-30', format: 'date' })
  expires!: string;

  @ApiProperty({ example: ['VPS-SMALL', 'VPS-MEDIUM'], type: [String] })
  services!: string[];
}

export const servicePromosRetrieved = envelope('ServicePromosResponseDto', 'Campaign Promo Codes Retrieved Successfully', {
  servicepromos: { type: [ServicePromoDto] },
});
