import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { TelephonyContracts, type CallerContext } from '@billing/contracts';
import { Caller } from '../auth/access.decorator.js';
import { RpcClient } from '@billing/rpc';
import { TenantBillingDto, TenantBillingUpdateDto } from './telephony.dto.js';

@ApiTags('Call billing')
@Controller('api/tenant/billing')
export class TenantBillingController {
  constructor(private readonly rpc: RpcClient) {}

  @Get()
  @ApiOperation({ summary: 'Retrieve tenant billing configurations' })
  @ApiOkResponse({ type: TenantBillingDto })
  get(@Caller() caller: CallerContext): Promise<TelephonyContracts.TenantBilling> {
    return this.rpc.request(TelephonyContracts.TenantBillingGet, {}, caller);
  }

  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: 'Update tenant billing configurations', description: 'Every field is optional. 200, no content.' })
  @ApiBody({ type: TenantBillingUpdateDto })
  @ApiOkResponse({ description: 'Updated (no content)' })
  async update(@Caller() caller: CallerContext, @Body() body: unknown): Promise<void> {
    await this.rpc.request(TelephonyContracts.TenantBillingUpdate, (body ?? {}) as Record<string, unknown>, caller);
  }
}
