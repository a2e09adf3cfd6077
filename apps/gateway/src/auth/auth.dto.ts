import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class TokenRequestDto {
  @ApiProperty({ example: 'admin' })
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  username!: string;

  @ApiProperty({ example: 'correct horse battery staple', format: 'password' })
  @IsString()
  @MinLength(1)
  @MaxLength(256)
  password!: string;
}

export class TokenResponseDto {
  @ApiProperty({ example: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9…' })
  access_token!: string;

  @ApiProperty({ example: 'Bearer', enum: ['Bearer'] })
  token_type!: 'Bearer';

  @ApiProperty({ example: 3600, description: 'Seconds until the token expires' })
  expires_in!: number;
}

class TenantRefDto {
  @ApiProperty({ example: '3f1c9a2e-5b7d-4c1e-9a2b-0d4e6f8a1b2c' })
  id!: string;

  @ApiProperty({ example: 'default' })
  name!: string;
}

export class MeResponseDto {
  @ApiProperty({ example: 'admin' })
  username!: string;

  @ApiProperty({ type: TenantRefDto })
  tenant!: TenantRefDto;

  @ApiProperty({ example: ['admin'], isArray: true, type: String })
  roles!: string[];

  @ApiProperty({ example: false, description: 'True for the platform operator (may create tenants)' })
  operator!: boolean;
}
