import { Controller } from '@nestjs/common';
import { AccountsContracts, type CallerContext } from '@billing/contracts';
import { Handles } from '@billing/rpc';
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

  /** Sign-in: nobody is signed in yet. */
  @Handles(AccountsContracts.VerifyCredentials, { anonymous: true })
  verify(data: AccountsContracts.VerifyCredentialsRequest) {
    return this.signIn.verify(data);
  }

  @Handles(AccountsContracts.UserCreate)
  createUser(data: AccountsContracts.UserCreateRequest, caller: CallerContext) {
    return this.users.create(caller, data);
  }

  @Handles(AccountsContracts.UserList)
  listUsers(_data: unknown, caller: CallerContext) {
    return this.users.list(caller);
  }

  @Handles(AccountsContracts.UserDelete)
  deleteUser(data: { id: string }, caller: CallerContext) {
    return this.users.remove(caller, data.id);
  }

  /** Asked by the gateway for any token it sees: no caller yet. */
  @Handles(AccountsContracts.CredentialStateGet, { anonymous: true })
  credentialState(data: { userId: string }) {
    return this.users.credentialState(data.userId);
  }

  @Handles(AccountsContracts.SignOut)
  signOut(_data: unknown, caller: CallerContext) {
    return this.users.signOut(caller);
  }

  @Handles(AccountsContracts.UserSetDisabled)
  setDisabled(data: { id: string; disabled: boolean }, caller: CallerContext) {
    return this.users.setDisabled(caller, data.id, data.disabled === true);
  }

  @Handles(AccountsContracts.TenantCreate)
  createTenant(data: AccountsContracts.TenantCreateRequest, caller: CallerContext) {
    return this.tenants.create(caller, data);
  }
}
