import createClient from 'openapi-fetch'
import type { paths } from './api-schema'

export interface FieldError {
  field: string
  reason: string
}

/** An RFC 9457 problem answered by the server (or a network failure dressed as one). */
export class ProblemError extends Error {
  status: number
  title: string
  detail?: string
  type?: string
  errors: FieldError[]

  constructor(status: number, body: Partial<{ title: string; detail: string; type: string; errors: FieldError[] }>) {
    const title = body.title || defaultTitle(status)
    super(body.detail || title)
    this.name = 'ProblemError'
    this.status = status
    this.title = title
    this.detail = body.detail
    this.type = body.type
    this.errors = Array.isArray(body.errors) ? body.errors : []
  }

  /** Errors keyed by field path ("persona.description", "handle", …). */
  fieldMap(): Record<string, string> {
    const out: Record<string, string> = {}
    for (const e of this.errors) {
      if (e && e.field && !(e.field in out)) out[e.field] = e.reason
    }
    return out
  }
}

function defaultTitle(status: number): string {
  switch (status) {
    case 0:
      return 'Cannot reach the Troupe server'
    case 400:
      return 'Invalid request'
    case 401:
      return 'Not signed in'
    case 403:
      return 'Not allowed'
    case 404:
      return 'Not found'
    case 409:
      return 'Conflict'
    case 413:
      return 'File too large'
    case 422:
      return 'Cannot process this request'
    default:
      return status >= 500 ? 'Server error' : `Request failed (${status})`
  }
}

export function errorMessage(err: unknown): string {
  if (err instanceof ProblemError) return err.detail || err.title
  if (err instanceof Error) return err.message
  return String(err)
}

function readCookie(name: string): string | null {
  const parts = document.cookie ? document.cookie.split('; ') : []
  for (const p of parts) {
    const i = p.indexOf('=')
    if (p.slice(0, i) === name) return decodeURIComponent(p.slice(i + 1))
  }
  return null
}

const CSRF_COOKIE = 'XSRF-TOKEN'
const CSRF_HEADER = 'X-XSRF-TOKEN'

/** The server sets the CSRF cookie on GET /api/v1/auth/me (even when that answers 401). */
async function primeCsrf(): Promise<void> {
  try {
    await fetch('/api/v1/auth/me', { credentials: 'same-origin', headers: { Accept: 'application/json' } })
  } catch {
    /* the real request will report the network failure */
  }
}

/**
 * fetch with the dashboard's session rules: a state change carries the CSRF token (primed when missing), and a
 * 403 that comes from a rotated token is retried once with the fresh one.
 */
async function sessionFetch(input: Request): Promise<Response> {
  const mutating = !['GET', 'HEAD', 'OPTIONS'].includes(input.method.toUpperCase())
  if (mutating && !readCookie(CSRF_COOKIE)) await primeCsrf()
  const send = (token: string | null) => {
    const request = input.clone()
    if (mutating && token) request.headers.set(CSRF_HEADER, token)
    return fetch(request)
  }
  try {
    const token = readCookie(CSRF_COOKIE)
    const res = await send(token)
    if (res.status === 403 && mutating) {
      await primeCsrf()
      const fresh = readCookie(CSRF_COOKIE)
      if (fresh !== token) return await send(fresh)
    }
    return res
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e
    throw new ProblemError(0, { detail: 'Cannot reach the Troupe server. Is it running?' })
  }
}

/** The API client, typed by the server's OpenAPI document (web/openapi.json → api-schema.d.ts). */
export const client = createClient<paths>({
  baseUrl: '',
  credentials: 'same-origin',
  headers: { Accept: 'application/json, application/problem+json' },
  fetch: sessionFetch,
})

/** The body of a successful answer, or the server's problem thrown as a ProblemError. */
export async function data<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data: body, error, response } = await call
  if (!response.ok) {
    const problem = error && typeof error === 'object' ? error : typeof error === 'string' && error.length < 300 ? { detail: error } : {}
    throw new ProblemError(response.status, problem as never)
  }
  return body as T
}

export interface RequestOptions {
  json?: unknown
  form?: FormData
  headers?: Record<string, string>
  query?: Record<string, string | number | boolean | undefined | null>
  signal?: AbortSignal
}

export async function api<T = unknown>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  let url = path.startsWith('/') ? path : `/api/v1/${path}`
  if (opts.query) {
    const qs = new URLSearchParams()
    for (const [k, v] of Object.entries(opts.query)) {
      if (v !== undefined && v !== null && v !== '') qs.set(k, String(v))
    }
    const s = qs.toString()
    if (s) url += (url.includes('?') ? '&' : '?') + s
  }
  const mutating = !['GET', 'HEAD', 'OPTIONS'].includes(method.toUpperCase())
  if (mutating && !readCookie(CSRF_COOKIE)) await primeCsrf()

  const send = async () => {
    const headers: Record<string, string> = { Accept: 'application/json, application/problem+json', ...opts.headers }
    let body: BodyInit | undefined
    if (opts.form) body = opts.form
    else if (opts.json !== undefined) {
      headers['Content-Type'] = 'application/json'
      body = JSON.stringify(opts.json)
    }
    const token = readCookie(CSRF_COOKIE)
    if (mutating && token) headers[CSRF_HEADER] = token
    const res = await fetch(url, { method, headers, body, credentials: 'same-origin', signal: opts.signal })
    return { res, token }
  }

  let res: Response
  try {
    let attempt = await send()
    // A 403 on a state change can be a rotated CSRF token (e.g. right after login): refresh once and retry.
    if (attempt.res.status === 403 && mutating) {
      await primeCsrf()
      if (readCookie(CSRF_COOKIE) !== attempt.token) attempt = await send()
    }
    res = attempt.res
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e
    throw new ProblemError(0, { detail: 'Cannot reach the Troupe server. Is it running?' })
  }

  if (!res.ok) {
    let body: Record<string, unknown> = {}
    const text = await res.text().catch(() => '')
    if (text) {
      try {
        body = JSON.parse(text)
      } catch {
        body = { detail: text.length < 300 ? text : undefined }
      }
    }
    throw new ProblemError(res.status, body as never)
  }
  if (res.status === 204) return undefined as T
  const text = await res.text()
  if (!text) return undefined as T
  try {
    return JSON.parse(text) as T
  } catch {
    return text as T
  }
}

export const get = <T>(path: string, query?: RequestOptions['query']) => api<T>('GET', path, { query })
export const post = <T>(path: string, json?: unknown) => api<T>('POST', path, { json })
export const patch = <T>(path: string, json: unknown, headers?: Record<string, string>) => api<T>('PATCH', path, { json, headers })
export const del = <T = void>(path: string, headers?: Record<string, string>) => api<T>('DELETE', path, { headers })

export function upload<T>(path: string, file: File, extra?: Record<string, string>, query?: RequestOptions['query']) {
  const form = new FormData()
  form.append('file', file, file.name)
  for (const [k, v] of Object.entries(extra ?? {})) form.append(k, v)
  return api<T>('POST', path, { form, query })
}

export const mediaUrl = (id: string) => `/api/v1/media/${encodeURIComponent(id)}`
export const thumbnailUrl = (id: string) => `/api/v1/media/${encodeURIComponent(id)}/thumbnail`
