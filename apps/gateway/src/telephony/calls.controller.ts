import { BadRequestException, Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBody, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { TelephonyContracts, type CallerContext } from '@billing/contracts';
import { Access, Caller } from '../auth/access.decorator.js';
import { RpcClient } from '@billing/rpc';
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
  async rate(@Caller() caller: CallerContext, @Body() body: unknown) {
    if (typeof body === 'object' && body !== null && 'items' in body) {
      const { items } = body as { items: unknown };
      if (!Array.isArray(items)) return this.rpc.request(TelephonyContracts.CallRatingBulk, { items }, caller);
      if (items.length > TelephonyContracts.MAX_BULK_CALLS) {
        throw new BadRequestException(`items must be a list of 1 to ${TelephonyContracts.MAX_BULK_CALLS} calls`);
      }
      // Sent in slices that each fit in one NATS message, in parallel, answered in the original order.
      const slices = [];
      for (let i = 0; i < Math.max(items.length, 1); i += TelephonyContracts.BULK_CALLS_PER_MESSAGE) {
        slices.push(items.slice(i, i + TelephonyContracts.BULK_CALLS_PER_MESSAGE));
      }
      const answers = await Promise.all(
        slices.map((slice) => this.rpc.request(TelephonyContracts.CallRatingBulk, { items: slice }, caller)),
      );
      return { items: answers.flatMap((answer) => answer.items) };
    }
    return this.rpc.request(TelephonyContracts.CallRating, (body ?? {}) as TelephonyContracts.CallToRate, caller);
  }
}
