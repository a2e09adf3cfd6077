import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AccountsContracts } from '@billing/contracts';

class AddressDto {
  @ApiPropertyOptional({ example: '1 George St', maxLength: 255 })
  street?: string;

  @ApiPropertyOptional({ example: 'Sydney', maxLength: 255 })
  city?: string;

  @ApiPropertyOptional({ example: 'NSW', maxLength: 255 })
  state?: string;

  @ApiPropertyOptional({ example: '2000', maxLength: 32 })
  zipCode?: string;

  @ApiPropertyOptional({ example: 'AU', description: 'ISO 3166-1 alpha-2' })
  countryCode?: string;
}

/** Document 001's Customer. At least one of the three names is required to create one. */
export class CustomerDto {
  @ApiPropertyOptional({ example: 42, readOnly: true })
  id?: number;

  @ApiPropertyOptional({ example: 'Jane', maxLength: 255 })
  firstName?: string;

  @ApiPropertyOptional({ example: 'Citizen', maxLength: 255 })
  lastName?: string;

  @ApiPropertyOptional({ example: 'Acme Pty Ltd', maxLength: 255 })
  organizationName?: string;

  @ApiPropertyOptional({ example: 'jane@example.com', maxLength: 255 })
  email?: string;

  @ApiPropertyOptional({ example: '+61 2 9999 0000', maxLength: 32 })
  phone?: string;

  @ApiPropertyOptional({ type: AddressDto })
  address?: AddressDto;

  @ApiProperty({ enum: AccountsContracts.CUSTOMER_STATUSES, example: 'ACTIVE', default: 'ACTIVE' })
  status?: string;

  @ApiPropertyOptional({ example: '2026-11-23T10:00:00.000Z', readOnly: true })
  createdAt?: string;

  @ApiPropertyOptional({ example: '2026-11-23T10:00:00.000Z', readOnly: true })
  updatedAt?: string;
}
