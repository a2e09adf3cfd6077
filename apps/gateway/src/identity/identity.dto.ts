import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsObject, IsString, ValidateNested } from 'class-validator';
import { ROLES } from '@billing/contracts';

/** Shapes only; the accounts service owns the rules (name patterns, password length, known roles). */
export class CreateUserDto {
  @ApiProperty({ example: 'jane.doe', description: '3-64 of a-z 0-9 . _ @ - (stored lower-cased)' })
  @IsString()
  username!: string;

  @ApiProperty({ example: 'a long passphrase', format: 'password', minLength: 12 })
  @IsString()
  password!: string;

  @ApiProperty({ example: ['billing:observer'], enum: ROLES, isArray: true })
  @IsArray()
  @IsString({ each: true })
  roles!: string[];
}

export class UserDto {
  @ApiProperty({ example: '0b9e4c9e-8f1a-4c52-9d0e-5c2f7d3a1e44' })
  id!: string;

  @ApiProperty({ example: 'jane.doe' })
  username!: string;

  @ApiProperty({ example: '3f1c9a2e-5b7d-4c1e-9a2b-0d4e6f8a1b2c' })
  tenantId!: string;

  @ApiProperty({ example: ['billing:observer'], enum: ROLES, isArray: true })
  roles!: string[];

  @ApiProperty({ example: '2026-11-23T10:00:00.000Z' })
  createdAt!: string;
}

export class UserListDto {
  @ApiProperty({ type: [UserDto] })
  users!: UserDto[];
}

class TenantAdminDto {
  @ApiProperty({ example: 'acme-admin' })
  @IsString()
  username!: string;

  @ApiProperty({ example: 'another long passphrase', format: 'password', minLength: 12 })
  @IsString()
  password!: string;
}

export class CreateTenantDto {
  @ApiProperty({ example: 'acme', description: 'Lowercase letters, digits and "-"; appears in URLs' })
  @IsString()
  name!: string;

  @ApiProperty({ type: TenantAdminDto })
  @IsObject()
  @ValidateNested()
  @Type(() => TenantAdminDto)
  admin!: TenantAdminDto;
}

class TenantDto {
  @ApiProperty({ example: '7d2f0c4b-1a3e-4f5d-8b6c-9e0a1b2c3d4e' })
  id!: string;

  @ApiProperty({ example: 'acme' })
  name!: string;

  @ApiProperty({ example: '2026-11-23T10:00:00.000Z' })
  createdAt!: string;
}

export class TenantCreatedDto {
  @ApiProperty({ type: TenantDto })
  tenant!: TenantDto;

  @ApiProperty({ type: UserDto })
  admin!: UserDto;
}
