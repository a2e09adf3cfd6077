import type { Type } from '@nestjs/common';
import type { CredentialScheme } from '../auth/credentials/credential-scheme.js';
import type { Problem } from '../errors/problem.js';
import { compilePathPattern, type PathMatcher } from './path-matcher.js';

/** What a dialect answers and reads by default; a route may widen the request side (XML, CSV, uploads). */
export interface MediaPolicy {
  /** Media types the dialect answers in; an Accept that rules them all out is 406. Empty: no check. */
  produces: readonly string[];
  /** Request body media types a route takes unless it declares its own (see @Consumes). */
  consumes: readonly string[];
}

export interface SurfaceOptions {
  /** e.g. "billing-api-v2.9". */
  name: string;
  /**
   * Where it lives: a path pattern whose literal segments must match and whose `:name` segments
   * match any one segment, ending in `**` for "and anything below", e.g. `/:org/rest/2.0/**`.
   */
  path: string | readonly string[];
  /** The dialect's error body for a problem (status, code, message, details already decided). */
  errorBody(problem: Problem): object;
  /** A dialect that reports some failures under another status than the platform's. */
  errorStatus?(problem: Problem): number;
  media?: Partial<MediaPolicy>;
  /** Tried in order; the first that finds its credential in the request decides. */
  credentials: readonly Type<CredentialScheme>[];
  /** The path parameter that names the caller's tenant (`org` in `/:org/...`): another tenant's is 404. */
  tenantParam?: string;
}

/**
 * One API dialect, declared in one place: where it lives, how it answers errors, which media it
 * speaks and how callers prove who they are. A dialect module provides one (see `surfaceProvider`);
 * the gateway finds them all through Nest's discovery, so the error filter and guards import none.
 */
export class Surface {
  readonly name: string;
  readonly media: MediaPolicy;
  readonly credentials: readonly Type<CredentialScheme>[];
  readonly tenantParam?: string;
  private readonly matchers: readonly PathMatcher[];

  constructor(private readonly options: SurfaceOptions) {
    this.name = options.name;
    this.media = { produces: [], consumes: ['application/json'], ...options.media };
    this.credentials = options.credentials;
    this.tenantParam = options.tenantParam;
    this.matchers = (typeof options.path === 'string' ? [options.path] : options.path).map(compilePathPattern);
  }

  /**
   * How well this surface claims the path: the literal length of its most specific matching pattern,
   * or -1. Where two dialects could claim a path, the more specific pattern wins.
   */
  claim(path: string): number {
    let best = -1;
    for (const matcher of this.matchers) {
      if (matcher.literalLength > best && matcher.match(path) !== undefined) best = matcher.literalLength;
    }
    return best;
  }

  errorStatus(problem: Problem): number {
    return this.options.errorStatus?.(problem) ?? problem.status;
  }

  errorBody(problem: Problem): object {
    return this.options.errorBody(problem);
  }
}

/** The provider a dialect module lists to declare its surface. */
export const surfaceProvider = (surface: Surface) => ({ provide: `surface:${surface.name}`, useValue: surface });
