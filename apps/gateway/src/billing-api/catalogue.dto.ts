import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';

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

class EnvelopeDto {
  @ApiProperty({ example: 'OK', enum: ['OK'] })
  code!: 'OK';
}

export class ProductResponseDto extends EnvelopeDto {
  @ApiProperty({ example: 'Product Created Successfully' })
  message!: string;

  @ApiProperty({ type: ProductDto })
  product!: ProductDto;
}

export class ProductsResponseDto extends EnvelopeDto {
  @ApiProperty({ example: 'Products Retrieved Successfully' })
  message!: string;

  @ApiProperty({ type: [ProductDto] })
  products!: ProductDto[];

  @ApiProperty({ example: 12, description: 'How many products match, over all pages' })
  matches!: number;
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

export class PricingListResponseDto extends EnvelopeDto {
  @ApiProperty({ example: 'Pricing List Retrieved Successfully' })
  message!: string;

  @ApiProperty({ type: CustomerPricingDto })
  pricing!: CustomerPricingDto;
}

export class PricingArrayResponseDto extends EnvelopeDto {
  @ApiProperty({ example: 'Pricing Retrieved Successfully' })
  message!: string;

  @ApiProperty({ type: [EffectivePriceDto] })
  pricing!: EffectivePriceDto[];
}

export class CustomerPriceResponseDto extends EnvelopeDto {
  @ApiProperty({ example: 'Customer Price Set Successfully' })
  message!: string;

  @ApiProperty({ type: EffectivePriceDto })
  price!: EffectivePriceDto;
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

export class PricingOptionsResponseDto extends EnvelopeDto {
  @ApiProperty({ example: 'Pricing Options Retrieved Successfully' })
  message!: string;

  @ApiProperty({
    description: 'The billing terms, then each active product option group',
    type: 'array',
    items: { oneOf: [{ $ref: getSchemaPath(BillingTermDto) }, { $ref: getSchemaPath(OptionGroupDto) }] },
  })
  pricing!: Array<BillingTermDto | OptionGroupDto>;
}

export class BillingTermResponseDto extends EnvelopeDto {
  @ApiProperty({ example: 'Billing Term Updated Successfully' })
  message!: string;

  @ApiProperty({ type: BillingTermDto })
  term!: BillingTermDto;
}

export class OptionGroupResponseDto extends EnvelopeDto {
  @ApiProperty({ example: 'Pricing Option Saved Successfully' })
  message!: string;

  @ApiPropertyOptional({ type: OptionGroupDto })
  option!: OptionGroupDto;
}
