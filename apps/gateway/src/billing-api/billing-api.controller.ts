import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { CallerContext } from '@billing/contracts';
import { Caller } from '../auth/access.decorator.js';
import { CurrenciesResponseDto, FaultDto } from './billing-api.dto.js';
import { BillingApiService } from './billing-api.service.js';

@ApiTags('Billing API v2.9')
@ApiResponse({ status: 401, type: FaultDto, description: 'Missing or invalid token' })
@ApiResponse({ status: 503, type: FaultDto, description: 'The pricing service is unavailable' })
@Controller('api/rest/v2.9/billing')
export class BillingApiController {
  constructor(private readonly api: BillingApiService) {}

  @Get('currencies')
  @ApiOperation({ summary: 'Get Currencies', description: 'Retrieve available currencies for billing.' })
  @ApiOkResponse({ type: CurrenciesResponseDto })
  currencies(@Caller() caller: CallerContext): Promise<CurrenciesResponseDto> {
    return this.api.currencies(caller);
  }
}
