export interface PathMatcher {
  /** The named segments' values when the path matches, else undefined. */
  match(path: string): Record<string, string> | undefined;
  /** Characters of literal text in the pattern: more means more specific. */
  literalLength: number;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * `/api/rest/v2.9/**`, `/:org/rest/2.0/**`, `/v2/accounts` (exact), `/v2/accounts/**` (below).
 * A trailing `/**` also matches the bare prefix. Compiled once into a regular expression.
 */
export function compilePathPattern(pattern: string): PathMatcher {
  const below = pattern.endsWith('/**');
  const segments = (below ? pattern.slice(0, -3) : pattern).split('/').filter(Boolean);
  const names: string[] = [];
  let literalLength = 0;
  const source = segments
    .map((segment) => {
      if (segment.startsWith(':')) {
        names.push(segment.slice(1));
        return '/([^/]+)';
      }
      literalLength += segment.length + 1;
      return `/${escape(segment)}`;
    })
    .join('');
  const regex = new RegExp(`^${source}${below ? '(?:/.*)?' : '/?'}$`);
  return {
    literalLength,
    match(path) {
      const found = regex.exec(path);
      if (!found) return undefined;
      return Object.fromEntries(names.map((name, i) => [name, decodeSegment(found[i + 1]!)]));
    },
  };
}

/** A malformed escape (`%E0%A4%A`) is kept as written: it names no tenant, and must not throw. */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
