import { BadRequestException, Body, Controller, Get, HttpCode, Param, Post, Put, Query, Req, Res } from '@nestjs/common';
import {
  ApiBody,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AccountsContracts, type CallerContext } from '@billing/contracts';
import { Caller } from '../auth/access.decorator.js';
import { readParams } from '../commands/command-params.js';
import { RpcClient } from '@billing/rpc';
import { Consumes } from '../surface/media.decorators.js';
import { preferredMediaType } from '../surface/media-type.guard.js';
import { CustomerDto } from './customers.dto.js';
import { customersXml, customerXml, parseCustomerXml } from './customers.xml.js';

const ADDRESS_PARTS = ['street', 'city', 'state', 'zipCode', 'countryCode'];

/** XML when the client prefers it to JSON (by q-value, then order); JSON otherwise. */
function wantsXml(request: FastifyRequest): boolean {
  return preferredMediaType(request, ['application/json', 'application/xml', 'text/xml']) !== 'application/json';
}

/**
 * The Customer a request carries: a JSON body, an XML body, or, when there is no body, the query
 * parameters (address parts by name or as address.<part>).
 */
function customerFrom(body: unknown, query: Record<string, unknown>): Record<string, unknown> {
  if (typeof body === 'string') return parseCustomerXml(body);
  if (body !== undefined && body !== null) {
    if (typeof body !== 'object' || Array.isArray(body)) throw new BadRequestException('The body must be one Customer object');
    return body as Record<string, unknown>;
  }
  const customer: Record<string, unknown> = {};
  const address: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(query)) {
    const part = key.startsWith('address.') ? key.slice('address.'.length) : key;
    if (ADDRESS_PARTS.includes(part)) address[part] = value;
    else customer[key] = value;
  }
  if (Object.keys(address).length > 0) customer['address'] = address;
  return customer;
}

/** find's query: paging and whole-value name filters. */
const FIND_PARAMS = {
  offset: { type: 'integer', min: 0, default: 0 },
  limit: { type: 'integer', min: 1, max: 1000, default: 100 },
  firstName: { type: 'string', maxLength: 255 },
  lastName: { type: 'string', maxLength: 255 },
  organizationName: { type: 'string', maxLength: 255 },
} as const;

@ApiTags('Customers v01')
@Controller('api/v01/customers')
export class CustomersController {
  constructor(private readonly rpc: RpcClient) {}

  @Put()
  @HttpCode(201)
  @ApiOperation({
    summary: 'create: creates a customer',
    description: 'Consumes JSON, XML or query parameters; produces JSON or XML by Accept.',
  })
  @Consumes('application/json', 'application/xml', 'text/xml')
  @ApiProduces('application/json', 'application/xml')
  @ApiBody({ type: CustomerDto, required: false })
  @ApiCreatedResponse({ type: CustomerDto })
  async create(
    @Caller() caller: CallerContext,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Body() body: unknown,
    @Query() query: Record<string, unknown>,
  ) {
    const customer = await this.rpc.request(AccountsContracts.CustomerCreate, customerFrom(body, query), caller);
    void reply.header('location', `/api/v01/customers/${customer.id}`);
    return this.answer(request, reply, customer);
  }

  @Get()
  @ApiOperation({
    summary: 'find: customers matching the criteria',
    description: 'Names match whole, ignoring case. No match is an empty list.',
  })
  @ApiProduces('application/json', 'application/xml')
  @ApiQuery({ name: 'offset', required: false, example: 0 })
  @ApiQuery({ name: 'limit', required: false, example: 100, description: '1 to 1000' })
  @ApiQuery({ name: 'firstName', required: false })
  @ApiQuery({ name: 'lastName', required: false })
  @ApiQuery({ name: 'organizationName', required: false })
  @ApiOkResponse({ type: [CustomerDto] })
  async find(
    @Caller() caller: CallerContext,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Query() query: Record<string, unknown>,
  ) {
    const { customers } = await this.rpc.request(AccountsContracts.CustomerFind, readParams(FIND_PARAMS, query), caller);
    if (wantsXml(request)) {
      void reply.type('application/xml; charset=utf-8');
      return customersXml(customers);
    }
    return customers;
  }

  @Get(':id')
  @ApiOperation({ summary: 'The customer with this id' })
  @ApiProduces('application/json', 'application/xml')
  @ApiOkResponse({ type: CustomerDto })
  @ApiNotFoundResponse({ description: 'No such customer in this tenant' })
  async get(
    @Caller() caller: CallerContext,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Param('id') id: string,
  ) {
    return this.answer(request, reply, await this.rpc.request(AccountsContracts.CustomerGet, { id }, caller));
  }

  @Post(':id')
  @HttpCode(200)
  @ApiOperation({ summary: 'Updates the given fields of the customer', description: 'JSON, XML or query parameters, as for create.' })
  @Consumes('application/json', 'application/xml', 'text/xml')
  @ApiBody({ type: CustomerDto, required: false })
  @ApiOkResponse({ type: CustomerDto })
  @ApiNotFoundResponse({ description: 'No such customer in this tenant' })
  async update(
    @Caller() caller: CallerContext,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Param('id') id: string,
    @Body() body: unknown,
    @Query() query: Record<string, unknown>,
  ) {
    const customer = await this.rpc.request(AccountsContracts.CustomerUpdate, { id, changes: customerFrom(body, query) }, caller);
    return this.answer(request, reply, customer);
  }

  private answer(request: FastifyRequest, reply: FastifyReply, customer: AccountsContracts.Customer) {
    if (!wantsXml(request)) return customer;
    void reply.type('application/xml; charset=utf-8');
    return customerXml(customer);
  }
}
