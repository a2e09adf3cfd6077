import { Module } from '@nestjs/common';
import { IdentityController } from './identity.controller.js';
import { PasswordService } from './password.service.js';
import { SignInService } from './sign-in.service.js';
import { TenantService } from './tenant.service.js';
import { UserService } from './user.service.js';

@Module({
  controllers: [IdentityController],
  providers: [PasswordService, SignInService, UserService, TenantService],
  exports: [TenantService],
})
export class IdentityModule {}
