import { ApiProperty, getSchemaPath, type ApiPropertyOptions } from '@nestjs/swagger';
import { envelope } from './billing-api.envelope.js';

/** Swagger shapes of the catalogue operations; every decimal is a string, exact. */
export class PriceTierDto {
  @ApiProperty({ example: '1000', nullable: true, description: 'Last unit of the tier (inclusive); null on the last, open-ended tier' })
  upTo!: string | null;

  @ApiProperty({ example: '0.001', description: 'Up to 6 decimal places' })
  unitPrice!: string;

  @ApiProperty({ example: '5.00', nullable: true })
  flatFee!: string | null;
}

export class PriceDto {
  @ApiProperty({ example: 'USD' })
  currency!: string;

  @ApiProperty({ enum: ['FLAT', 'GRADUATED', 'VOLUME'], example: 'FLAT' })
  mode!: string;

  @ApiProperty({ example: '19.90', nullable: true, description: 'Set when mode is FLAT' })
  unitPrice!: string | null;

  @ApiProperty({ type: [PriceTierDto], nullable: true, description: 'Set when mode is GRADUATED or VOLUME' })
  tiers!: PriceTierDto[] | null;
}

export class ProductDto {
  @ApiProperty({ example: 'vm-small' })
  code!: string;

  @ApiProperty({ example: 'Small virtual machine' })
  name!: string;

  @ApiProperty({ example: '2 vCPU, 4 GB RAM', nullable: true })
  description!: string | null;

  @ApiProperty({ example: 'month' })
  unit!: string;

  @ApiProperty({ enum: ['RECURRING', 'USAGE', 'ONE_OFF'], example: 'RECURRING' })
  chargeType!: string;

  @ApiProperty({ enum: ['ACTIVE', 'RETIRED'], example: 'ACTIVE' })
  status!: string;

  @ApiProperty({ type: [PriceDto] })
  prices!: PriceDto[];

  @ApiProperty({ example: '2026-11-30T10:00:00.000Z' })
  createdAt!: string;

  @ApiProperty({ example: '2026-11-30T10:00:00.000Z' })
  updatedAt!: string;

  @ApiProperty({ example: null, nullable: true })
  retiredAt!: string | null;
}

export class EffectivePriceDto extends PriceDto {
  @ApiProperty({ example: 'vm-small' })
  productCode!: string;

  @ApiProperty({ example: 'Small virtual machine' })
  productName!: string;

  @ApiProperty({ example: 'month' })
  unit!: string;

  @ApiProperty({ example: 'RECURRING' })
  chargeType!: string;

  @ApiProperty({
    enum: ['LIST', 'CUSTOMER'],
    example: 'CUSTOMER',
    description: "CUSTOMER: the customer's own price won over the list price",
  })
  source!: string;
}

export class CustomerPricingDto {
  @ApiProperty({ example: 123 })
  customerId!: number;

  @ApiProperty({ type: [EffectivePriceDto] })
  prices!: EffectivePriceDto[];
}

export class BillingTermDto {
  @ApiProperty({ enum: ['BILLING_TERM'] })
  kind!: 'BILLING_TERM';

  @ApiProperty({ enum: ['MONTHLY', 'QUARTERLY', 'ANNUAL'], example: 'ANNUAL' })
  code!: string;

  @ApiProperty({ example: 12 })
  months!: number;

  @ApiProperty({ example: '10', description: 'Discount for committing to the term, percent' })
  discountPercent!: string;
}

export class OptionChoicePriceDto {
  @ApiProperty({ example: 'USD' })
  currency!: string;

  @ApiProperty({ example: '5.00', description: "Added to the product's unit price" })
  unitPrice!: string;
}

export class OptionChoiceDto {
  @ApiProperty({ example: '8GB' })
  code!: string;

  @ApiProperty({ example: '8 GB' })
  name!: string;

  @ApiProperty({ type: [OptionChoicePriceDto] })
  prices!: OptionChoicePriceDto[];
}

export class OptionGroupDto {
  @ApiProperty({ enum: ['OPTION_GROUP'] })
  kind!: 'OPTION_GROUP';

  @ApiProperty({ example: 'vm-small' })
  productCode!: string;

  @ApiProperty({ example: 'RAM' })
  code!: string;

  @ApiProperty({ example: 'Memory' })
  name!: string;

  @ApiProperty({ type: [OptionChoiceDto] })
  choices!: OptionChoiceDto[];
}

/** The answers of the catalogue operations: each message once, for the body and the OpenAPI example alike. */
const PRODUCT = { type: ProductDto } as const;
export const productCreated = envelope('ProductCreatedResponseDto', 'Product Created Successfully', { product: PRODUCT });
export const productRetrieved = envelope('ProductRetrievedResponseDto', 'Product Retrieved Successfully', { product: PRODUCT });
export const productUpdated = envelope('ProductUpdatedResponseDto', 'Product Updated Successfully', { product: PRODUCT });
export const productRetired = envelope('ProductRetiredResponseDto', 'Product Retired Successfully', { product: PRODUCT });

export const productsRetrieved = envelope('ProductsResponseDto', 'Products Retrieved Successfully', {
  products: { type: [ProductDto] },
  matches: { type: Number, example: 12, description: 'How many products match, over all pages' },
});

export const pricingListRetrieved = envelope('PricingListResponseDto', 'Pricing List Retrieved Successfully', {
  pricing: { type: CustomerPricingDto },
});

export const pricingRetrieved = envelope('PricingArrayResponseDto', 'Pricing Retrieved Successfully', {
  pricing: { type: [EffectivePriceDto] },
});

export const customerPriceSet = envelope('CustomerPriceResponseDto', 'Customer Price Set Successfully', {
  price: { type: EffectivePriceDto },
});

export const customerPriceRemoved = envelope('CustomerPriceRemovedResponseDto', 'Customer Price Removed Successfully', {
  pricing: { type: CustomerPricingDto },
});

const PRICING_OPTIONS: ApiPropertyOptions = {
  description: 'The billing terms, then each active product option group',
  type: 'array',
  items: { oneOf: [{ $ref: getSchemaPath(BillingTermDto) }, { $ref: getSchemaPath(OptionGroupDto) }] },
};

export const pricingOptionsRetrieved = envelope('PricingOptionsResponseDto', 'Pricing Options Retrieved Successfully', {
  pricing: PRICING_OPTIONS,
});

export const pricingOptionRemoved = envelope('PricingOptionRemovedResponseDto', 'Pricing Option Removed Successfully', {
  pricing: PRICING_OPTIONS,
});

export const billingTermUpdated = envelope('BillingTermResponseDto', 'Billing Term Updated Successfully', {
  term: { type: BillingTermDto },
});

export const pricingOptionSaved = envelope('OptionGroupResponseDto', 'Pricing Option Saved Successfully', {
  option: { type: OptionGroupDto, required: false },
});
