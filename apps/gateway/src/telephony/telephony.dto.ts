import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { TelephonyContracts } from '@billing/contracts';

export class TenantBillingDto {
  @ApiProperty({ example: false, description: 'Enable call billing or not.', default: false })
  enabled!: boolean;

  @ApiProperty({ enum: TelephonyContracts.BILLING_ACCOUNTS, example: 'TENANT', default: 'TENANT' })
  account!: string;

  @ApiProperty({ enum: TelephonyContracts.BILLING_TYPES, example: 'OFFLINE', default: 'OFFLINE' })
  type!: string;
}

export class TenantBillingUpdateDto {
  @ApiPropertyOptional({ example: true })
  enabled?: boolean;

  @ApiPropertyOptional({ enum: TelephonyContracts.BILLING_ACCOUNTS, example: 'USER' })
  account?: string;

  @ApiPropertyOptional({ enum: TelephonyContracts.BILLING_TYPES, example: 'ONLINE' })
  type?: string;
}

const AMOUNT = 'Exact decimal >= 0 with at most five decimal places (more is refused, never rounded).';

export class CallRateInputDto {
  @ApiProperty({ example: '44', minLength: 1, maxLength: 64, description: 'The call prefix of the rating.' })
  prefix!: string;

  @ApiProperty({ enum: TelephonyContracts.CALL_TYPES, example: 'INTERNATIONAL' })
  type!: string;

  @ApiProperty({ example: 0, minimum: 0, format: 'int32' })
  free_seconds!: number;

  @ApiProperty({ example: 5, minimum: 0, format: 'int32' })
  grace_period!: number;

  @ApiProperty({ example: 60, minimum: 1, format: 'int32' })
  interval_1!: number;

  @ApiProperty({ example: 30, minimum: 1, format: 'int32' })
  interval_n!: number;

  @ApiProperty({ example: 0.02, description: AMOUNT })
  connect_fee!: number;

  @ApiProperty({ example: 0.1, description: `${AMOUNT} A fraction: 0.1 adds 10%.` })
  postcall_surcharge!: number;

  @ApiProperty({ example: 0.1, description: AMOUNT })
  price_1!: number;

  @ApiProperty({ example: 0.04, description: AMOUNT })
  price_n!: number;

  @ApiPropertyOptional({ example: 'United Kingdom', maxLength: 1024 })
  description?: string;
}

export class CallRateDto extends CallRateInputDto {
  @ApiProperty({ example: 'NzAwNTUxOTA5NzczMTQ4MTYw', description: 'base64 of a time-ordered 64-bit id' })
  id!: string;
}

export class CallRateListDto {
  @ApiProperty({ example: 1, description: 'How many rates match the query (not the page size)' })
  count!: number;

  @ApiProperty({ type: [CallRateDto] })
  items!: CallRateDto[];
}

export class CallRateIdDto {
  @ApiProperty({ example: 'NzAwNTUxOTA5NzczMTQ4MTYw' })
  id!: string;
}

export class ImportResultDto {
  @ApiProperty({ example: 10 })
  created!: number;

  @ApiProperty({ example: 2 })
  updated!: number;
}

export class CallToRateDto {
  @ApiProperty({ example: '+44 20 7946 0000', description: 'Every non-digit is dropped' })
  number!: string;

  @ApiProperty({ example: 61, description: 'Whole seconds, >= 0' })
  duration!: number;

  @ApiPropertyOptional({ enum: TelephonyContracts.CALL_TYPES, description: 'Only rates of this type match' })
  type?: string;
}

export class RateCallsDto {
  @ApiPropertyOptional({ type: [CallToRateDto], description: 'Bulk form: up to 10,000 calls, answered in order' })
  items?: CallToRateDto[];
}

class RatedRateDto {
  @ApiProperty({ example: 'NzAwNTUxOTA5NzczMTQ4MTYw' })
  id!: string;

  @ApiProperty({ example: '44' })
  prefix!: string;

  @ApiProperty({ enum: TelephonyContracts.CALL_TYPES, example: 'INTERNATIONAL' })
  type!: string;
}

class FurtherIntervalsDto {
  @ApiProperty({ example: 1 })
  count!: number;

  @ApiProperty({ example: '0.04000' })
  amount!: string;
}

class BreakdownDto {
  @ApiProperty({ example: 61 })
  billable_seconds!: number;

  @ApiProperty({ example: '0.02000' })
  connect_fee!: string;

  @ApiProperty({ example: '0.10000' })
  first_interval!: string;

  @ApiProperty({ type: FurtherIntervalsDto })
  further_intervals!: FurtherIntervalsDto;

  @ApiProperty({ example: '0.16000' })
  subtotal!: string;

  @ApiProperty({ example: '0.01600' })
  surcharge!: string;
}

export class RatedCallDto {
  @ApiProperty({ type: RatedRateDto })
  rate!: RatedRateDto;

  @ApiProperty({ example: '0.17600', description: 'Exact decimal string, five places' })
  cost!: string;

  @ApiProperty({ type: BreakdownDto })
  breakdown!: BreakdownDto;
}
