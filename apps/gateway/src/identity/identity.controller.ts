import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AccountsContracts, type CallerContext, type Role } from '@billing/contracts';
import { Access, Caller } from '../auth/access.decorator.js';
import { RpcClient } from '@billing/rpc';
import { CreateTenantDto, CreateUserDto, TenantCreatedDto, UserDto, UserListDto } from './identity.dto.js';

@ApiTags('Identity')
@ApiForbiddenResponse({ description: 'The caller lacks admin or identity:user-admin' })
@Controller('api/identity')
export class IdentityController {
  constructor(private readonly rpc: RpcClient) {}

  @Post('users')
  @Access('user-admin')
  @ApiOperation({ summary: "Create a user in the caller's tenant" })
  @ApiCreatedResponse({ type: UserDto })
  @ApiConflictResponse({ description: 'The username is taken' })
  createUser(@Caller() caller: CallerContext, @Body() body: CreateUserDto): Promise<UserDto> {
    return this.rpc.request(
      AccountsContracts.UserCreate,
      { username: body.username, password: body.password, roles: body.roles as Role[] },
      caller,
    );
  }

  @Get('users')
  @Access('user-admin')
  @ApiOperation({ summary: "List the users of the caller's tenant" })
  @ApiOkResponse({ type: UserListDto })
  listUsers(@Caller() caller: CallerContext): Promise<UserListDto> {
    return this.rpc.request(AccountsContracts.UserList, {}, caller);
  }

  @Delete('users/:id')
  @HttpCode(204)
  @Access('user-admin')
  @ApiOperation({ summary: "Delete a user of the caller's tenant" })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiNotFoundResponse({ description: 'No such user in this tenant' })
  async deleteUser(@Caller() caller: CallerContext, @Param('id') id: string): Promise<void> {
    await this.rpc.request(AccountsContracts.UserDelete, { id }, caller);
  }

  @Post('users/:id/disable')
  @HttpCode(204)
  @Access('user-admin')
  @ApiOperation({
    summary: "Disable a user of the caller's tenant",
    description: 'It cannot sign in, and its tokens stop working on every gateway within moments. Its data stays.',
  })
  @ApiNoContentResponse({ description: 'Disabled' })
  @ApiNotFoundResponse({ description: 'No such user in this tenant' })
  async disableUser(@Caller() caller: CallerContext, @Param('id') id: string): Promise<void> {
    await this.rpc.request(AccountsContracts.UserSetDisabled, { id, disabled: true }, caller);
  }

  @Post('users/:id/enable')
  @HttpCode(204)
  @Access('user-admin')
  @ApiOperation({ summary: 'Enable a disabled user again (it signs in anew)' })
  @ApiNoContentResponse({ description: 'Enabled' })
  @ApiNotFoundResponse({ description: 'No such user in this tenant' })
  async enableUser(@Caller() caller: CallerContext, @Param('id') id: string): Promise<void> {
    await this.rpc.request(AccountsContracts.UserSetDisabled, { id, disabled: false }, caller);
  }

  @Post('tenants')
  @Access('operator')
  @ApiOperation({ summary: 'Create a tenant with its first admin (platform operator only)' })
  @ApiCreatedResponse({ type: TenantCreatedDto })
  @ApiConflictResponse({ description: 'The tenant name or the admin username is taken' })
  createTenant(@Caller() caller: CallerContext, @Body() body: CreateTenantDto): Promise<TenantCreatedDto> {
    return this.rpc.request(AccountsContracts.TenantCreate, { name: body.name, admin: body.admin }, caller);
  }
}
