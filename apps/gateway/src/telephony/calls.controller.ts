import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBody, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { TelephonyContracts, type CallerContext } from '@billing/contracts';
import { Access, Caller } from '../auth/access.decorator.js';
import { RpcClient } from '../rpc/rpc.client.js';
import { RateCallsDto, RatedCallDto } from './telephony.dto.js';

@ApiTags('Call rating')
@Controller('api/calls')
export class CallsController {
  constructor(private readonly rpc: RpcClient) {}

  /** Rating changes nothing, so every role may do it. */
  @Post('rate')
  @HttpCode(200)
  @Access('read')
  @ApiOperation({
    summary: 'Rate calls',
    description:
      'One call {number, duration, type?} answers {rate, cost, breakdown} (404 when no rate matches). ' +
      '{items: [...]} (up to 10,000) answers {items} in the same order, each rated or carrying an error.',
  })
  @ApiBody({ type: RateCallsDto })
  @ApiOkResponse({ type: RatedCallDto })
  @ApiNotFoundResponse({ description: 'No rate matches the number' })
  rate(@Caller() caller: CallerContext, @Body() body: unknown) {
    if (typeof body === 'object' && body !== null && 'items' in body) {
      return this.rpc.request(TelephonyContracts.CallRatingBulk, { items: (body as { items: unknown }).items }, caller);
    }
    return this.rpc.request(TelephonyContracts.CallRating, (body ?? {}) as TelephonyContracts.CallToRate, caller);
  }
}
