import { Body, Controller, Get, Header, HttpCode, Post, Req } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { AccountsContracts, type CallerContext } from '@billing/contracts';
import { RpcClient } from '@billing/rpc';
import { Access, Caller } from './access.decorator.js';
import { MeResponseDto, TokenRequestDto, TokenResponseDto } from './auth.dto.js';
import { SignInRateLimited } from './sign-in-rate.limiter.js';
import { TokenService } from './token.service.js';

@ApiTags('Auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly rpc: RpcClient,
    private readonly tokens: TokenService,
  ) {}

  @Post('token')
  @HttpCode(200)
  @Access('public')
  @SignInRateLimited()
  // A token must not be kept by a browser or a proxy cache.
  @Header('Cache-Control', 'no-store')
  @Header('Pragma', 'no-cache')
  @ApiOperation({ summary: 'Exchange a username and password for an access token', security: [] })
  @ApiOkResponse({ type: TokenResponseDto })
  @ApiUnauthorizedResponse({ description: 'Wrong username or password (the same answer either way)' })
  async token(@Body() body: TokenRequestDto, @Req() request: FastifyRequest): Promise<TokenResponseDto> {
    const user = await this.rpc.request(AccountsContracts.VerifyCredentials, {
      username: body.username,
      password: body.password,
      clientKey: request.ip,
    });
    return this.tokens.issue(user);
  }

  @Post('logout')
  @HttpCode(204)
  @Access('authenticated')
  @ApiOperation({
    summary: "Sign out everywhere: every token of the caller's user stops working",
    description: 'Effective on every gateway replica within moments.',
  })
  @ApiNoContentResponse({ description: 'Signed out' })
  async logout(@Caller() caller: CallerContext): Promise<void> {
    await this.rpc.request(AccountsContracts.SignOut, {}, caller);
  }

  @Get('me')
  @Access('authenticated')
  @ApiOperation({ summary: 'Who the token belongs to' })
  @ApiOkResponse({ type: MeResponseDto })
  me(@Caller() caller: CallerContext): MeResponseDto {
    return {
      username: caller.username,
      tenant: { id: caller.tenantId, name: caller.tenantName },
      roles: caller.roles,
      operator: caller.operator,
    };
  }
}
