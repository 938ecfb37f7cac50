// A reader posting comments over real HTTP: loads the article page, fills in
// the comment form it shows, waits (on the test clock) long enough to have
// written something, and sends the form as a browser would, with or without
// JavaScript. Shared by the comment HTTP tests.
import assert from 'node:assert/strict'
import { parse, type HTMLElement } from 'node-html-parser'
import type { TestServer } from '../helpers/app.js'
import { uniqueText, WRITING_TIME_MS } from '../helpers/comments.js'
import type { TestAppContext } from '../helpers/context.js'
import { encodeForm, formFields, type FormFields } from './admin-session.js'

export interface PostResult {
  response: Response
  status: number
  text: string
  /** The parsed HTML (meaningless for JSON answers). */
  document: HTMLElement
  location: string
}

/** The comment form on a page, or fails. */
export function commentForm(document: HTMLElement): HTMLElement {
  const form = document.querySelector('form#comment-form')
  assert.ok(form, 'no comment form on the page')
  return form
}

/** What the form on the page at `path` would send, untouched. */
export async function loadForm(
  server: TestServer,
  path: string,
): Promise<{ action: string; fields: Record<string, string | string[]> }> {
  const { response, document } = await server.page(path)
  assert.equal(response.status, 200, `GET ${path}`)
  const form = commentForm(document)
  return { action: form.getAttribute('action') ?? '', fields: formFields(form) }
}

/** POSTs urlencoded fields to a path, as a browser form would; no redirects followed. */
export async function postForm(
  server: TestServer,
  action: string,
  fields: FormFields,
  headers: Record<string, string> = {},
): Promise<PostResult> {
  const response = await fetch(server.url + action, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: encodeForm(fields),
    redirect: 'manual',
  })
  const text = await response.text()
  return {
    response,
    status: response.status,
    text,
    document: parse(text),
    location: response.headers.get('location') ?? '',
  }
}

/** The headers a reader at `ip` sends (the test app trusts X-Forwarded-For). */
export function from(ip: string, json = false): Record<string, string> {
  return { 'x-forwarded-for': ip, ...(json ? { accept: 'application/json' } : {}) }
}

/**
 * Loads the article page, fills in the comment form with `changes` over a name
 * and a fresh text, waits long enough to write, and posts it.
 */
export async function submitComment(
  server: TestServer,
  ctx: TestAppContext,
  path: string,
  changes: FormFields = {},
  {
    headers = {},
    writingTimeMs = WRITING_TIME_MS,
  }: { headers?: Record<string, string>; writingTimeMs?: number } = {},
): Promise<PostResult> {
  const { action, fields } = await loadForm(server, path)
  assert.equal(action, `${path.split('?')[0]}/comments`)
  ctx.clock.advance(writingTimeMs)
  return postForm(
    server,
    action,
    { ...fields, name: 'Ingrid Solberg', body: uniqueText(), ...changes },
    headers,
  )
}

/**
 * A comment's text as the reader wrote it, read back from its rendering:
 * paragraphs apart by a blank line, <br> as a line break, links as their text.
 */
export function commentPlainText(body: HTMLElement | null): string {
  assert.ok(body, 'no comment body')
  return body
    .querySelectorAll('p')
    .map((paragraph) => paragraph.childNodes.map((node) => node.text).join(''))
    .join('\n\n')
}

/** Text with whitespace collapsed. */
export function squash(text: string | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim()
}
