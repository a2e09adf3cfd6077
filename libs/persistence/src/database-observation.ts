import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { EntityManager, type Connection } from '@mikro-orm/core';
import { SpanKind } from '@opentelemetry/api';
import { failSpan, reportConnectionPool, tracer, tracingEnabled } from '@billing/observability';
import { isPostgres, type DatabaseSettings } from './orm-options.js';

export const DATABASE_SETTINGS = Symbol('DATABASE_SETTINGS');

/** The `pg` pool's own counters (what PostgreSQL's driver keeps; SQLite has one connection and no pool). */
interface PgPoolCounters {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

/** Every query of a MikroORM connection passes through this (protected) method, with its statement in `context.query`. */
interface QueryExecutor {
  executeQuery<T>(query: string, run: () => Promise<T>, context?: { query?: unknown }): Promise<T>;
}

/** Longest statement text kept on a span. */
const MAX_STATEMENT = 2000;

/**
 * What the database contributes to observability: the PostgreSQL pool as gauges (read at scrape
 * time), and, while tracing is on, a client span per query, a child of the handler's server span.
 */
@Injectable()
export class DatabaseObservation implements OnModuleInit, OnApplicationShutdown {
  private stopReporting?: () => void;

  constructor(
    private readonly em: EntityManager,
    @Inject(DATABASE_SETTINGS) private readonly settings: DatabaseSettings,
  ) {}

  async onModuleInit(): Promise<void> {
    const connection = this.em.getConnection();
    if (tracingEnabled()) traceQueries(connection, isPostgres(this.settings) ? 'postgresql' : 'sqlite');
    if (!isPostgres(this.settings)) return;
    const pool = (await connection.getNativeClient()) as Partial<PgPoolCounters>;
    if (typeof pool.totalCount !== 'number') return;
    const counters = pool as PgPoolCounters;
    this.stopReporting = reportConnectionPool(this.settings.service, () => ({
      total: counters.totalCount,
      idle: counters.idleCount,
      waiting: counters.waitingCount,
      max: this.settings.poolMax,
    }));
  }

  onApplicationShutdown(): void {
    this.stopReporting?.();
  }
}

/**
 * Wraps the connection's query method so each query runs in a span named after its operation
 * (`select`, `insert`, ...), carrying the statement with its placeholders (never the bound values).
 * Transaction control (begin, commit) does not pass through it and has no span.
 */
function traceQueries(connection: Connection, system: 'postgresql' | 'sqlite'): void {
  const executor = connection as unknown as QueryExecutor;
  const original = executor.executeQuery as (query: string, run: () => Promise<unknown>, context?: { query?: unknown }) => Promise<unknown>;
  executor.executeQuery = function <T>(this: QueryExecutor, query: string, run: () => Promise<T>, context?: { query?: unknown }) {
    const statement = typeof context?.query === 'string' ? context.query : '';
    const operation = /^\s*(\w+)/.exec(statement)?.[1]?.toLowerCase() ?? 'query';
    const attributes = { 'db.system.name': system, 'db.operation.name': operation, 'db.query.text': statement.slice(0, MAX_STATEMENT) };
    return tracer().startActiveSpan(operation, { kind: SpanKind.CLIENT, attributes }, async (span): Promise<T> => {
      try {
        return (await original.call(this, query, run, context)) as T;
      } catch (error) {
        failSpan(span, (error as { code?: string } | null)?.code ?? (error instanceof Error ? error.name : 'Error'));
        throw error;
      } finally {
        span.end();
      }
    });
  };
}
