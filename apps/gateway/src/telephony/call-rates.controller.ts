import {
  BadRequestException,
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  Inject,
  Param,
  PayloadTooLargeException,
  Post,
  Query,
  Req,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiBody,
  ApiConflictResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { TelephonyContracts, type CallerContext } from '@billing/contracts';
import { RATE_AMOUNT } from '@billing/money';
import { Caller } from '../auth/access.decorator.js';
import { readParams } from '../commands/command-params.js';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/app.config.js';
import { unreadableUpload } from '../http/body-parsers.js';
import { refuseControlCharacters } from '../http/control-characters.js';
import { RpcClient } from '@billing/rpc';
import { Consumes } from '../surface/media.decorators.js';
import { CallRateDto, CallRateIdDto, CallRateInputDto, CallRateListDto, ImportResultDto } from './telephony.dto.js';

const AMOUNTS = ['connect_fee', 'postcall_surcharge', 'price_1', 'price_n'] as const;

/** Amounts travel as exact decimal strings; document 004 shows them as JSON numbers, which print exactly. */
function toJson(rate: TelephonyContracts.CallRate): Record<string, unknown> {
  const json: Record<string, unknown> = { ...rate };
  for (const field of AMOUNTS) json[field] = RATE_AMOUNT.decimalToJsonNumber(rate[field]);
  return json;
}

const MIB = 1024 * 1024;
/**
 * Time to allow the telephony service per MiB of CSV (about 16,000 rates) to check and apply a file
 * at the commit: five times what PostgreSQL took on a two-core machine (64 MiB: 29 s).
 */
const APPLY_MS_PER_MIB = 2500;
/**
 * The most one import part weighs once JSON-encoded: well under NATS's default 1 MB message limit,
 * and small enough that the service reads and checks it (some 4,000 rows) well within RPC_TIMEOUT_MS.
 */
const PART_BYTES = 256 * 1024;

/**
 * The CSV cut into parts that each fit one NATS message. Cuts fall anywhere in the CSV (the service
 * joins a record split between two parts), but never inside a character: the service keeps the
 * unfinished record in its database, which cannot hold half a surrogate pair. JSON escaping may
 * grow text up to six-fold, so a part is measured encoded and shrunk until it fits.
 */
function* messageParts(csv: string): Generator<string> {
  for (let start = 0; start < csv.length;) {
    let end = Math.min(csv.length, start + PART_BYTES);
    for (let bytes = encodedBytes(csv, start, end); bytes > PART_BYTES; bytes = encodedBytes(csv, start, end)) {
      end = start + Math.floor(((end - start) * PART_BYTES * 0.9) / bytes);
    }
    const last = csv.charCodeAt(end - 1);
    if (end < csv.length && last >= 0xd800 && last <= 0xdbff) end--;
    yield csv.slice(start, end);
    start = end;
  }
}

const encodedBytes = (text: string, start: number, end: number) => Buffer.byteLength(JSON.stringify(text.slice(start, end)));

/** The list's query; the filter language itself is the service's (libs/query), with its own limits. */
const LIST_PARAMS = {
  filter: { type: 'string', maxLength: 2000 },
  search: { type: 'string', maxLength: 2000 },
  orderby: { type: 'string', maxLength: 2000 },
  skip: { type: 'integer', min: 0, default: 0 },
  top: { type: 'integer', min: 1, max: 100, default: 100 },
} as const;

@ApiTags('Call rates')
@Controller('api/call_rates')
export class CallRatesController {
  constructor(
    private readonly rpc: RpcClient,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  @Get()
  @ApiOperation({ summary: 'List call rates', description: 'count is the number of rates matching the query, not the page size.' })
  @ApiQuery({
    name: 'filter',
    required: false,
    example: "type eq 'MOBILE' and startswith(prefix,'44')",
    description: 'OData-style boolean expression over the rate fields',
  })
  @ApiQuery({ name: 'search', required: false, example: 'london', description: 'Case-insensitive substring of prefix or description' })
  @ApiQuery({ name: 'orderby', required: false, example: 'price_1 desc,prefix', description: 'field [asc|desc], comma-separated' })
  @ApiQuery({ name: 'skip', required: false, example: 0 })
  @ApiQuery({ name: 'top', required: false, example: 100, description: '1 to 100' })
  @ApiOkResponse({ type: CallRateListDto })
  async list(
    @Caller() caller: CallerContext,
    @Query() query: Record<string, unknown>,
  ): Promise<{ count: number; items: Record<string, unknown>[] }> {
    const { count, items } = await this.rpc.request(TelephonyContracts.CallRateList, readParams(LIST_PARAMS, query), caller);
    return { count, items: items.map(toJson) };
  }

  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: 'Create a call rate' })
  @ApiBody({ type: CallRateInputDto })
  @ApiOkResponse({ type: CallRateIdDto })
  @ApiConflictResponse({ description: 'The prefix is already used in this tenant' })
  create(@Caller() caller: CallerContext, @Body() body: unknown): Promise<{ id: string }> {
    return this.rpc.request(TelephonyContracts.CallRateCreate, body as Record<string, unknown>, caller);
  }

  @Get('export')
  @ApiOperation({
    summary: 'Export call rates to a file',
    description: 'CSV (RFC 4180): a header row of the field names, one row per rate.',
  })
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ description: 'The CSV file', schema: { type: 'string', format: 'binary' } })
  @Header('content-type', 'application/octet-stream')
  @Header('content-disposition', 'attachment; filename="call_rates.csv"')
  async export(@Caller() caller: CallerContext): Promise<StreamableFile> {
    const { csv } = await this.rpc.request(TelephonyContracts.CallRateExport, {}, caller);
    return new StreamableFile(Buffer.from(csv, 'utf8'));
  }

  @Post('import')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Import call rates from the export format',
    description:
      'text/csv body or a multipart upload, up to UPLOAD_LIMIT_BYTES (64 MiB by default; larger is 413). Upsert by prefix, ' +
      'all or nothing: any bad row is 400 listing the bad lines (the first 1,000) and how many there are.',
  })
  @Consumes('text/csv', 'multipart/form-data')
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiOkResponse({ type: ImportResultDto })
  async import(@Caller() caller: CallerContext, @Req() request: FastifyRequest, @Body() body: unknown) {
    let csv: string;
    if (request.isMultipart()) {
      const file = await request.file().catch(unreadableUpload);
      if (!file) throw new BadRequestException('The upload has no file');
      csv = (await file.toBuffer().catch(unreadableUpload)).toString('utf8');
      // toBuffer misses a limit reached by the file's last chunk (it checks only before the next one).
      if (file.file.truncated) {
        throw new PayloadTooLargeException(`The uploaded file is too large: the limit is ${this.config.uploadLimitBytes} bytes`);
      }
      // An upload is no parsed body: the one text rule is applied here (body-parsers.ts).
      refuseControlCharacters(csv, 'The uploaded file');
    } else if (typeof body === 'string') {
      csv = body;
    } else {
      throw new BadRequestException('Send the CSV as a text/csv body or as a multipart upload');
    }
    // Applying every row is one step at the end, so its deadline grows with the file.
    const applyTimeoutMs = this.config.rpcTimeoutMs + Math.ceil(csv.length / MIB) * APPLY_MS_PER_MIB;
    const parts = messageParts(csv);
    const first = parts.next();
    if (first.done || first.value.length === csv.length) {
      return this.rpc.request(TelephonyContracts.CallRateImport, { csv }, caller, applyTimeoutMs);
    }
    const { importId } = await this.rpc.request(TelephonyContracts.CallRateImportBegin, {}, caller);
    let part = 0;
    for (const text of [first.value, ...parts]) {
      await this.rpc.request(TelephonyContracts.CallRateImportPart, { importId, part: part++, text }, caller);
    }
    return this.rpc.request(TelephonyContracts.CallRateImportCommit, { importId }, caller, applyTimeoutMs);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Retrieve a call rate' })
  @ApiOkResponse({ type: CallRateDto })
  @ApiNotFoundResponse({ description: 'No such rate in this tenant' })
  async get(@Caller() caller: CallerContext, @Param('id') id: string): Promise<Record<string, unknown>> {
    return toJson(await this.rpc.request(TelephonyContracts.CallRateGet, { id }, caller));
  }

  @Post(':id')
  @HttpCode(200)
  @ApiOperation({ summary: 'Update a call rate', description: 'Only the given fields change. 200, no content.' })
  @ApiBody({ type: CallRateInputDto })
  @ApiOkResponse({ description: 'Updated (no content)' })
  @ApiNotFoundResponse({ description: 'No such rate in this tenant' })
  async update(@Caller() caller: CallerContext, @Param('id') id: string, @Body() body: unknown): Promise<void> {
    await this.rpc.request(TelephonyContracts.CallRateUpdate, { id, changes: (body ?? {}) as Record<string, unknown> }, caller);
  }

  @Post(':id/destroy')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a call rate' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiNotFoundResponse({ description: 'No such rate in this tenant' })
  async destroy(@Caller() caller: CallerContext, @Param('id') id: string): Promise<void> {
    await this.rpc.request(TelephonyContracts.CallRateDestroy, { id }, caller);
  }
}
