import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { AccountsContracts, type RpcEnvelope } from '@billing/contracts';
import { requireCaller } from '@billing/rpc';
import { SignInService } from './sign-in.service.js';
import { TenantService } from './tenant.service.js';
import { UserService } from './user.service.js';

@Controller()
export class IdentityController {
  constructor(
    private readonly signIn: SignInService,
    private readonly users: UserService,
    private readonly tenants: TenantService,
  ) {}

  @MessagePattern(AccountsContracts.VerifyCredentials.pattern)
  verify(@Payload() message: RpcEnvelope<AccountsContracts.VerifyCredentialsRequest>) {
    return this.signIn.verify(message.data);
  }

  @MessagePattern(AccountsContracts.UserCreate.pattern)
  createUser(@Payload() message: RpcEnvelope<AccountsContracts.UserCreateRequest>) {
    return this.users.create(requireCaller(message), message.data);
  }

  @MessagePattern(AccountsContracts.UserList.pattern)
  listUsers(@Payload() message: RpcEnvelope<Record<string, never>>) {
    return this.users.list(requireCaller(message));
  }

  @MessagePattern(AccountsContracts.UserDelete.pattern)
  deleteUser(@Payload() message: RpcEnvelope<{ id: string }>) {
    return this.users.remove(requireCaller(message), message.data.id);
  }

  @MessagePattern(AccountsContracts.TenantCreate.pattern)
  createTenant(@Payload() message: RpcEnvelope<AccountsContracts.TenantCreateRequest>) {
    return this.tenants.create(requireCaller(message), message.data);
  }
}
