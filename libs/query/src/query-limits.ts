import { invalidQuery, type QueryLimits } from './query-schema.js';

export function checkLength(text: string, limits: QueryLimits, parameter: string): void {
  if (text.length > limits.maxLength) throw invalidQuery(parameter, `longer than the limit of ${limits.maxLength} characters`);
}

/**
 * Refuses deep nesting before any parser sees the text: parsers recurse per level, so depth is
 * what makes a short text expensive. Parentheses inside '…' strings do not count; a doubled
 * quote inside a string toggles twice, so it needs no special case.
 */
export function checkNesting(text: string, limits: QueryLimits, parameter: string): void {
  let depth = 0;
  let quoted = false;
  for (const char of text) {
    if (char === "'") quoted = !quoted;
    else if (quoted) continue;
    else if (char === ')') depth--;
    else if (char === '(' && ++depth > limits.maxDepth) {
      throw invalidQuery(parameter, `nested deeper than the limit of ${limits.maxDepth} parentheses`);
    }
  }
}
