import { BadRequestException } from '@nestjs/common';

/** A query parameter given at most once (a repeated one arrives as a list and is refused). */
export function singleQueryValue(query: Record<string, unknown>, name: string): string | undefined {
  const value = query[name];
  if (value !== undefined && typeof value !== 'string') throw new BadRequestException(`${name} may be given once`);
  return value;
}
