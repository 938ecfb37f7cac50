// Talking to the newsroom over real HTTP as a browser would: a cookie jar,
// the CSRF token every form carries, signing in, and submitting the forms a
// page shows. Shared by the admin HTTP tests.
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import type { TestContext } from 'node:test'
import { parse, type HTMLElement } from 'node-html-parser'
import type { AppContext } from '../../src/context.js'
import { COMMAND_LINE, type Actor } from '../../src/domain/access/policy.js'
import { actorOf } from '../../src/domain/accounts/account-service.js'
import { newSessionToken, sessionIdFor, slidingExpiry } from '../../src/domain/accounts/session.js'
import type { Role, User } from '../../src/domain/accounts/user.js'
import { buildApp } from '../../src/web/app.js'

export const SESSION_COOKIE = 'dl_session'
/** Before signing in, forms' CSRF tokens are bound to this cookie's value. */
export const PRE_SESSION_COOKIE = 'dl_presession'
export const DEVICE_COOKIE = 'dl_device'
export const STAFF_PASSWORD = 'correct horse battery staple'

/** A member of staff and what they sign in with. */
export interface Staff {
  user: User
  actor: Actor
  email: string
  password: string
}

let staffCount = 0

/** Adds a member of staff the way `dateline user add` does. */
export async function createStaff(
  ctx: AppContext,
  role: Role,
  displayName = `Test ${role} ${++staffCount}`,
): Promise<Staff> {
  const email = `${displayName.toLowerCase().replace(/[^a-z0-9]+/g, '.')}.${randomBytes(3).toString('hex')}@news.example`
  const { user } = await ctx.services.accounts.createUser(COMMAND_LINE, {
    email,
    displayName,
    role,
    password: STAFF_PASSWORD,
  })
  return { user, actor: actorOf(user), email, password: STAFF_PASSWORD }
}

/**
 * The real app on a loopback port, like startTestServer, but one a test can
 * stop early: an app process that goes away, or restarts.
 */
export async function startStoppableServer(
  t: TestContext,
  ctx: AppContext,
): Promise<{ url: string; stop(): Promise<void> }> {
  const app = await buildApp(ctx, { logger: false })
  await app.listen({ host: '127.0.0.1', port: 0 })
  let stopped = false
  const stop = async () => {
    if (stopped) return
    stopped = true
    await app.close()
  }
  t.after(stop)
  const address = app.server.address()
  if (typeof address !== 'object' || !address) throw new Error('the test server has no address')
  return { url: `http://127.0.0.1:${address.port}`, stop }
}

/** Form fields as a browser sends them: repeated names for lists. */
export type FormFields = Record<string, string | number | readonly string[]>

export function encodeForm(fields: FormFields): string {
  const body = new URLSearchParams()
  for (const [name, value] of Object.entries(fields)) {
    for (const item of Array.isArray(value) ? value : [value]) body.append(name, String(item))
  }
  return body.toString()
}

export interface AdminPage {
  response: Response
  status: number
  html: string
  document: HTMLElement
  /** The Location header, '' when none. */
  location: string
  /** The raw Set-Cookie headers of this response. */
  setCookies: string[]
}

/**
 * One browser: keeps the cookies the newsroom sets (all scoped to /admin) and
 * sends them back. Redirects are not followed, so tests see every 303.
 */
export class AdminClient {
  constructor(
    readonly baseUrl: string,
    readonly cookies = new Map<string, string>(),
  ) {}

  /** The same browser (the same cookies) talking to another server: another app process. */
  at(baseUrl: string): AdminClient {
    return new AdminClient(baseUrl, this.cookies)
  }

  private token = ''
  private tokenFor = ''

  /** The CSRF token of the last page this browser was shown: what its forms carry. */
  get csrf(): string {
    return this.token
  }

  /** Which session (or pre-session) the cookies name now: a token is good for that one only. */
  private binding(): string {
    return `${this.cookies.get(SESSION_COOKIE) ?? ''}|${this.cookies.get(PRE_SESSION_COOKIE) ?? ''}`
  }

  /**
   * A token for the session the cookies name now. When signing in or out has
   * changed it since the last page, a page is loaded first, as a person would.
   */
  async freshCsrf(): Promise<string> {
    if (this.tokenFor !== this.binding() || !this.token) {
      const page = await this.get(
        this.cookies.has(SESSION_COOKIE) ? '/admin/account' : '/admin/login',
      )
      if (page.status === 303 && page.location.startsWith('/admin')) await this.get(page.location)
    }
    return this.token
  }

  async request(
    method: string,
    path: string,
    {
      form,
      body,
      headers = {},
    }: { form?: FormFields; body?: string | FormData; headers?: Record<string, string> } = {},
  ): Promise<AdminPage> {
    const sent: Record<string, string> = { ...headers }
    if (path.startsWith('/admin') && this.cookies.size > 0) {
      sent.cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ')
    }
    if (form) sent['content-type'] = 'application/x-www-form-urlencoded'
    const response = await fetch(this.baseUrl + path, {
      method,
      headers: sent,
      body: form ? encodeForm(form) : body,
      redirect: 'manual',
    })
    const setCookies = response.headers.getSetCookie()
    for (const line of setCookies) this.store(line)
    const html = await response.text()
    const document = parse(html)
    const token = document.querySelector('input[name=_csrf]')?.getAttribute('value')
    if (token) {
      this.token = token
      this.tokenFor = this.binding()
    }
    return {
      response,
      status: response.status,
      html,
      document,
      location: response.headers.get('location') ?? '',
      setCookies,
    }
  }

  get(path: string): Promise<AdminPage> {
    return this.request('GET', path)
  }

  /** POSTs a form with this browser's CSRF token, unless the fields carry their own `_csrf`. */
  async post(path: string, fields: FormFields = {}): Promise<AdminPage> {
    const token = '_csrf' in fields ? '' : await this.freshCsrf()
    return this.request('POST', path, { form: { _csrf: token, ...fields } })
  }

  /**
   * Sends files as the upload form does (multipart/form-data), this browser's
   * CSRF token first unless `csrf` says otherwise ('none', or 'after' the files).
   */
  async upload(
    path: string,
    files: readonly { name: string; bytes: Uint8Array; type?: string }[],
    { csrf = 'first' }: { csrf?: 'first' | 'after' | 'none' } = {},
  ): Promise<AdminPage> {
    const token = csrf === 'none' ? '' : await this.freshCsrf()
    const body = new FormData()
    if (csrf === 'first') body.append('_csrf', token)
    for (const file of files) {
      const blob = new Blob([new Uint8Array(file.bytes)], {
        type: file.type ?? 'application/octet-stream',
      })
      body.append('files', blob, file.name)
    }
    if (csrf === 'after') body.append('_csrf', token)
    return this.request('POST', path, { body })
  }

  /** POSTs exactly these fields: no token is added. */
  postRaw(path: string, fields: FormFields): Promise<AdminPage> {
    return this.request('POST', path, { form: fields })
  }

  /** Signs in through the sign-in form, as a person would. Returns the POST's response. */
  async signIn(email: string, password: string, next = '/admin'): Promise<AdminPage> {
    const page = await this.get(`/admin/login?next=${encodeURIComponent(next)}`)
    const token = page.status === 200 ? this.csrf : await this.freshCsrf()
    assert.ok(token, 'the sign-in page has no CSRF token')
    return this.post('/admin/login', { _csrf: token, email, password, next })
  }

  /** Signs in and asserts it worked. */
  async signInAs(staff: Staff): Promise<void> {
    const page = await this.signIn(staff.email, staff.password)
    assert.equal(page.status, 303, `signing in as ${staff.email} failed: ${page.status}`)
    assert.ok(this.cookies.get(SESSION_COOKIE), 'no session cookie after signing in')
  }

  /**
   * Gives this browser a session for `user` as signing in would, without the
   * cost of checking a password: for tests that need many sessions.
   */
  async openSession(ctx: AppContext, user: User): Promise<string> {
    const token = newSessionToken()
    const now = ctx.clock.now()
    const lifetimes = { idleMs: ctx.config.sessionIdleMs, absoluteMs: ctx.config.sessionAbsoluteMs }
    await ctx.stores.sessions.insert({
      id: sessionIdFor(token),
      userId: user.id,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: slidingExpiry({ createdAt: now }, now, lifetimes),
      authenticatedAt: now,
      secondFactorPending: false,
    })
    this.cookies.set(SESSION_COOKIE, token)
    return token
  }

  /** Submits a form on a page with the values it holds, plus `changes` (and the button pressed). */
  submit(form: HTMLElement, changes: FormFields = {}): Promise<AdminPage> {
    const action = form.getAttribute('action') ?? ''
    assert.ok(action.startsWith('/admin'), `unexpected form action ${action}`)
    return this.request('POST', action, { form: { ...formFields(form), ...changes } })
  }

  private store(line: string): void {
    const [pair = '', ...attributes] = line.split(';').map((part) => part.trim())
    const eq = pair.indexOf('=')
    const name = pair.slice(0, eq)
    const value = pair.slice(eq + 1)
    const expired = attributes.some((attribute) => {
      const [key = '', val = ''] = attribute.split('=')
      if (key.toLowerCase() === 'max-age') return Number(val) <= 0
      if (key.toLowerCase() === 'expires') return new Date(val).getTime() <= Date.now()
      return false
    })
    if (expired || value === '') this.cookies.delete(name)
    else this.cookies.set(name, value)
  }
}

/** Whether a form control would be sent: not disabled, nor inside a disabled fieldset. */
function isEnabled(element: HTMLElement): boolean {
  for (let node: HTMLElement | null = element; node; node = node.parentNode) {
    if (node.hasAttribute?.('disabled')) return false
  }
  return true
}

/**
 * What a browser would send for a form with nothing pressed: its enabled
 * inputs (not buttons, not unchecked boxes), textareas and selects.
 */
export function formFields(form: HTMLElement): Record<string, string | string[]> {
  const fields: Record<string, string | string[]> = {}
  const add = (name: string | undefined, value: string) => {
    if (!name) return
    const existing = fields[name]
    if (existing === undefined) fields[name] = value
    else fields[name] = Array.isArray(existing) ? [...existing, value] : [existing, value]
  }
  for (const control of form.querySelectorAll('input, textarea, select')) {
    if (!isEnabled(control)) continue
    const name = control.getAttribute('name')
    const tag = control.tagName.toLowerCase()
    if (tag === 'textarea') {
      add(name, control.text)
    } else if (tag === 'select') {
      const options = control.querySelectorAll('option')
      const chosen = options.find((option) => option.hasAttribute('selected')) ?? options[0]
      if (chosen) add(name, chosen.getAttribute('value') ?? chosen.text)
    } else {
      const type = (control.getAttribute('type') ?? 'text').toLowerCase()
      if (['submit', 'button', 'image', 'reset', 'file'].includes(type)) continue
      if ((type === 'checkbox' || type === 'radio') && !control.hasAttribute('checked')) continue
      add(name, control.getAttribute('value') ?? '')
    }
  }
  return fields
}

/** The editor's form on a page. */
export function editorForm(page: AdminPage): HTMLElement {
  const form = page.document.querySelector('form#editor')
  assert.ok(form, `no editor form on the page (status ${page.status})`)
  return form
}

/** A field's value as the page shows it: an input's value or a textarea's text. */
export function fieldValue(page: AdminPage, name: string): string | undefined {
  const control = page.document.querySelector(`[name="${name}"]`)
  if (!control) return undefined
  return control.tagName.toLowerCase() === 'textarea'
    ? control.text
    : (control.getAttribute('value') ?? '')
}

/** The error Field shows beside a field, when it is the one at fault. */
export function fieldError(page: AdminPage, id: string): string | undefined {
  const error = page.document.querySelector(`#${id}-error`)
  if (!error) return undefined
  // It sits in the same field wrapper as the control it is about.
  assert.ok(error.parentNode?.querySelector(`#${id}`), `#${id}-error is not beside #${id}`)
  return error.text.trim()
}

/** The values a page re-shows after a refused form: the hidden replay inputs (name → values). */
export function replayedValues(page: AdminPage): Record<string, string[]> {
  const values: Record<string, string[]> = {}
  for (const input of page.document.querySelectorAll('input[type=hidden]')) {
    const name = input.getAttribute('name') ?? ''
    if (!name.startsWith('replay:')) continue
    ;(values[name.slice('replay:'.length)] ??= []).push(input.getAttribute('value') ?? '')
  }
  return values
}

/** Parses one Set-Cookie line: its name, value and attributes (lower-cased keys). */
export function parseSetCookie(line: string): {
  name: string
  value: string
  attributes: Map<string, string>
} {
  const [pair = '', ...rest] = line.split(';').map((part) => part.trim())
  const eq = pair.indexOf('=')
  const attributes = new Map<string, string>()
  for (const attribute of rest) {
    const at = attribute.indexOf('=')
    if (at < 0) attributes.set(attribute.toLowerCase(), '')
    else attributes.set(attribute.slice(0, at).toLowerCase(), attribute.slice(at + 1))
  }
  return { name: pair.slice(0, eq), value: pair.slice(eq + 1), attributes }
}
