import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

export class AuditQueryDto {
  @ApiPropertyOptional({ example: 'product', description: 'The table of the changed object: customer, product, quote, call_rate, …' })
  @IsOptional()
  @Matches(/^[a-z][a-z0-9_]{0,63}$/)
  objectType?: string;

  @ApiPropertyOptional({ example: '42' })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  objectId?: string;

  @ApiPropertyOptional({ description: 'The id of the user who made the change' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  userId?: string;

  @ApiPropertyOptional({ example: '2026-11-01T00:00:00Z', description: 'From this time (inclusive), ISO 8601' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-01T00:00:00Z', description: 'Up to this time (inclusive), ISO 8601' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({ default: 0, maximum: 10000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(10000)
  offset: number = 0;

  @ApiPropertyOptional({ default: 50, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit: number = 50;
}

export class AuditEntryDto {
  @ApiProperty({ enum: ['pricing', 'accounts', 'entities', 'telephony'], example: 'pricing' })
  service!: string;

  @ApiProperty({ example: 17 })
  id!: number;

  @ApiProperty({ example: '2026-11-30T10:00:00.000Z' })
  at!: string;

  @ApiProperty({ example: '8d4c…' })
  userId!: string;

  @ApiProperty({ example: 'admin' })
  username!: string;

  @ApiProperty({ example: 'req-7f3a', nullable: true })
  requestId!: string | null;

  @ApiProperty({ enum: ['CREATE', 'UPDATE', 'DELETE'] })
  action!: string;

  @ApiProperty({ example: 'product' })
  objectType!: string;

  @ApiProperty({ example: '42' })
  objectId!: string;

  @ApiProperty({ example: { name: { old: 'Small VM', new: 'Small virtual machine' } }, type: 'object', additionalProperties: true })
  changes!: Record<string, { old?: unknown; new?: unknown }>;
}

export class AuditPageDto {
  @ApiProperty({ type: [AuditEntryDto] })
  entries!: AuditEntryDto[];

  @ApiProperty({ example: 120, description: 'How many entries match, over all pages' })
  total!: number;

  @ApiProperty({ example: 0 })
  offset!: number;

  @ApiProperty({ example: 50 })
  limit!: number;
}
