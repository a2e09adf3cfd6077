import { BadRequestException, Body, Controller, ForbiddenException, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { CallerContext } from '@billing/contracts';
import { Access, Caller } from '../auth/access.decorator.js';
import { allows } from '../auth/access.policy.js';
import { CommandRequestDto, FaultDto } from './billing-api.dto.js';
import { BillingCommandRegistry } from './billing-command.registry.js';

const COMMAND_DOC = 'Runs a document command, e.g. billing.currency.get; the answer is that operation\'s envelope.';

/** Document 000's command form: the same operations as the REST paths, named by `cmd`. */
@ApiTags('Billing API v2.9')
@ApiResponse({ status: 400, type: FaultDto, description: 'Missing or unknown cmd' })
@ApiResponse({ status: 403, type: FaultDto, description: "The caller's role does not allow the command" })
@Controller('api/rest/v2.9')
export class JsonPhpController {
  constructor(private readonly registry: BillingCommandRegistry) {}

  @Get('json.php')
  @Access('authenticated')
  @ApiOperation({ summary: 'Run a command (query form)', description: COMMAND_DOC })
  @ApiQuery({ name: 'cmd', example: 'billing.currency.get' })
  @ApiOkResponse({ description: "The command's envelope, code OK" })
  fromQuery(@Caller() caller: CallerContext, @Query() query: Record<string, unknown>): Promise<object> {
    return this.dispatch(caller, query);
  }

  @Post('json.php')
  @HttpCode(200)
  @Access('authenticated')
  @ApiOperation({ summary: 'Run a command (JSON body form)', description: COMMAND_DOC })
  @ApiBody({ type: CommandRequestDto })
  @ApiOkResponse({ description: "The command's envelope, code OK" })
  fromBody(
    @Caller() caller: CallerContext,
    @Body() body: unknown,
    @Query() query: Record<string, unknown>,
  ): Promise<object> {
    if (body !== undefined && (typeof body !== 'object' || body === null || Array.isArray(body))) {
      throw new BadRequestException('The request body must be a JSON object');
    }
    return this.dispatch(caller, { ...query, ...(body as Record<string, unknown> | undefined) });
  }

  private dispatch(caller: CallerContext, params: Record<string, unknown>): Promise<object> {
    const cmd = params['cmd'];
    if (typeof cmd !== 'string' || cmd.length === 0) throw new BadRequestException('Missing cmd');
    const command = this.registry.find(cmd);
    if (!command) throw new BadRequestException(`Unknown cmd "${cmd.slice(0, 100)}"`);
    if (!allows(caller, command.access)) throw new ForbiddenException('Your role does not allow this command');
    return command.run(caller, params);
  }
}
