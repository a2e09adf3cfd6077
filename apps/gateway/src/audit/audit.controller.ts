import { Controller, Get, Query } from '@nestjs/common';
import { ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditContracts, SERVICES, type CallerContext } from '@billing/contracts';
import { RpcClient } from '@billing/rpc';
import { Access, Caller } from '../auth/access.decorator.js';
import { AuditPageDto, AuditQueryDto } from './audit.dto.js';

@ApiTags('Audit')
@ApiForbiddenResponse({ description: 'Only admins read the audit trail' })
@Controller('api/audit')
export class AuditController {
  constructor(private readonly rpc: RpcClient) {}

  /**
   * Every service keeps the trail of its own changes, written in the same transaction as each
   * change; this merges them, newest first. Each service is asked for the first offset + limit of
   * its entries, so the merged page is exact.
   */
  @Get()
  @Access('admin')
  @ApiOperation({ summary: "The caller's tenant's audit trail: who changed what, when, from which request" })
  @ApiOkResponse({ type: AuditPageDto })
  async list(@Caller() caller: CallerContext, @Query() query: AuditQueryDto): Promise<AuditPageDto> {
    const { offset, limit, ...filters } = query;
    const asked = { ...filters, offset: 0, limit: offset + limit };
    const pages = await Promise.all(
      SERVICES.map(async (service) => {
        const page = await this.rpc.request(AuditContracts.AuditList[service], asked, caller);
        return { total: page.total, entries: page.entries.map((entry) => ({ service, ...entry })) };
      }),
    );
    const entries = pages
      .flatMap((page) => page.entries)
      .sort((a, b) => (a.at === b.at ? b.id - a.id : a.at < b.at ? 1 : -1))
      .slice(offset, offset + limit);
    return { entries, total: pages.reduce((sum, page) => sum + page.total, 0), offset, limit };
  }
}
