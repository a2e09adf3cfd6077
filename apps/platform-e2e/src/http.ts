/** A small HTTP client for the tests: status, headers and parsed JSON body of one request. */
export interface HttpResult<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export async function http<T = any>(
  baseUrl: string,
  path: string,
  init: {
    method?: string;
    token?: string;
    tokenHeader?: 'bearer' | 'x-auth-token';
    json?: unknown;
    body?: string;
    headers?: Record<string, string>;
  } = {},
): Promise<HttpResult<T>> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.token) {
    if (init.tokenHeader === 'x-auth-token') headers['x-auth-token'] = init.token;
    else headers['authorization'] = `Bearer ${init.token}`;
  }
  let body = init.body;
  if (init.json !== undefined) {
    headers['content-type'] ??= 'application/json';
    body = JSON.stringify(init.json);
  }
  const response = await fetch(`${baseUrl}${path}`, { method: init.method ?? (body ? 'POST' : 'GET'), headers, body });
  const text = await response.text();
  let parsed: unknown = undefined;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  return { status: response.status, headers: response.headers, body: parsed as T, text };
}
