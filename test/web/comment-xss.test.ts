import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { parse, type HTMLElement } from 'node-html-parser'
import type { Article } from '../../src/domain/articles/article.js'
import { COMMENT_LIMITS, normaliseCommentBody } from '../../src/domain/comments/comment.js'
import { XSS_PAYLOADS, type XssPayload } from '../fixtures/xss-payloads.js'
import { startTestServer, type TestServer } from '../helpers/app.js'
import { freshIp, staffActor, WRITING_TIME_MS } from '../helpers/comments.js'
import { createTestContext } from '../helpers/context.js'
import { testDialects } from '../helpers/dialects.js'
import { importArticle } from '../helpers/factories.js'
import { AdminClient, createStaff } from './admin-session.js'
import { commentPlainText, from, loadForm, postForm } from './comment-client.js'
import { pathOf } from './html.js'

// Control characters and invisible marks: dropped from names and texts when stored.
/* eslint-disable no-control-regex -- matching control characters is the point */
const INVISIBLE =
  /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g
/** What a URL attribute looks like to a browser deciding its scheme: no whitespace or controls. */
const URL_NOISE = /[\s\u0000-\u001F\u007F-\u009F\u200B-\u200F\u2028\u2029\uFEFF]/g
/* eslint-enable no-control-regex */

const DANGEROUS_SCHEME = /^(?:javascript|data|vbscript):/i
const URL_ATTRIBUTES = new Set([
  'href',
  'src',
  'action',
  'formaction',
  'srcdoc',
  'xlink:href',
  'data',
  'poster',
  'background',
  'srcset',
])
/** Never inside the comments, whatever the comment. */
const FORBIDDEN_IN_COMMENTS = [
  'script',
  'iframe',
  'object',
  'embed',
  'base',
  'meta',
  'svg',
  'math',
  'style',
  'link',
  'template',
  'noscript',
  'img',
  'video',
  'audio',
  'source',
  'details',
  'marquee',
  'select',
  'xmp',
  'plaintext',
  'isindex',
  'frame',
  'frameset',
]
/** All a rendered comment is made of. */
const COMMENT_ELEMENTS = new Set([
  'article',
  'header',
  'strong',
  'a',
  'time',
  'div',
  'p',
  'br',
  'span',
])

/** The name a payload is posted under: as much of it as a name may hold. */
function nameOf(payload: string): string {
  let name = ''
  for (const char of payload) {
    if (name.length + char.length > COMMENT_LIMITS.name) break
    name += char
  }
  return name
}

/** A name as it is stored: invisible characters dropped, whitespace collapsed. */
function storedName(name: string): string {
  return name.replace(INVISIBLE, '').replace(/\s+/g, ' ').trim()
}

/** Text compared as a reader sees it: whitespace collapsed, invisible characters dropped. */
function visible(text: string): string {
  return text.replace(INVISIBLE, '').replace(/\s+/g, ' ').trim()
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text)
    return true
  } catch {
    return false
  }
}

/**
 * Everything that would make a page run a reader's markup: scripts that are
 * not the site's own, event handler attributes, and script-bearing URLs.
 * Returns what it found, as readable lines (empty when inert).
 */
export function activeContent(document: HTMLElement): string[] {
  const found: string[] = []
  for (const element of document.querySelectorAll('*')) {
    const tag = element.tagName.toLowerCase()
    const attributes = element.attributes
    if (tag === 'script' && attributes.type === 'application/ld+json') {
      // A data block, never run: inert as long as it is one JSON value the payload did not end.
      if (element.parentNode?.tagName !== 'HEAD' || !isJson(element.textContent)) {
        found.push(`a JSON-LD block that is not whole: ${element.outerHTML.slice(0, 120)}`)
      }
    } else if (tag === 'script') {
      const src = attributes.src ?? ''
      if (!src.startsWith('/') || src.startsWith('//')) {
        found.push(`a <script> that is not same-origin: ${element.outerHTML.slice(0, 120)}`)
      }
    }
    for (const [name, value] of Object.entries(attributes)) {
      const key = name.toLowerCase()
      if (key.startsWith('on')) found.push(`<${tag} ${name}="${value}">`)
      if (URL_ATTRIBUTES.has(key) && DANGEROUS_SCHEME.test(value.replace(URL_NOISE, ''))) {
        found.push(`<${tag} ${name}="${value}">`)
      }
    }
    if (tag === 'meta' && 'http-equiv' in attributes) {
      found.push(`<meta http-equiv="${attributes['http-equiv']}">`)
    }
    if (tag === 'base') found.push('<base>')
  }
  return found
}

/** Elements that must never appear in a region showing readers' comments. */
function forbiddenElements(region: HTMLElement, allowed?: ReadonlySet<string>): string[] {
  const found: string[] = []
  for (const element of region.querySelectorAll('*')) {
    const tag = element.tagName.toLowerCase()
    if (FORBIDDEN_IN_COMMENTS.includes(tag)) found.push(`<${tag}> in the comments`)
    else if (allowed && !allowed.has(tag)) found.push(`unexpected <${tag}> in a comment`)
  }
  return found
}

interface Posted {
  payload: XssPayload
  id: string
  article: Article
  path: string
  name: string
  body: string
}

const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  textNodeName: '#text',
  parseTagValue: false,
  trimValues: false,
  processEntities: true,
  htmlEntities: false,
  isArray: (name) => ['entry', 'link'].includes(name),
})

interface Entry {
  id: string
  title: { '#text'?: string }
  author: { name: string }
  content: { '#text'?: string; '@type'?: string }
}

test('the inertness check finds live markup when it is there', () => {
  const live = parse(
    [
      '<script>alert(1)</script>',
      '<script src="https://evil.example/x.js"></script>',
      '<img src=x onerror=alert(1)>',
      '<a href=" jav&#x09;ascript:alert(1)">x</a>',
      '<a href="java\u0000script:alert(1)">x</a>',
      '<iframe srcdoc="<b>x</b>" src="data:text/html,x"></iframe>',
      '<meta http-equiv="refresh" content="0">',
      '<base href="https://evil.example/">',
      '<button formaction="vbscript:x">x</button>',
    ].join(''),
  )
  const found = activeContent(live)
  assert.equal(found.length, 9, found.join('\n'))
  assert.deepEqual(forbiddenElements(parse('<p>ok<svg></svg><style></style><img></p>')), [
    '<svg> in the comments',
    '<style> in the comments',
    '<img> in the comments',
  ])
  assert.deepEqual(
    activeContent(
      parse('<script src="/assets/comments.1.js"></script><a href="https://example.org/">x</a>'),
    ),
    [],
  )
})

for (const dialect of testDialects()) {
  describe(`stored XSS in comments (${dialect})`, () => {
    test(`${XSS_PAYLOADS.length} payloads, each as a name and as a text, are shown inert on the page, the feeds and the admin queue`, async (t) => {
      assert.ok(XSS_PAYLOADS.length >= 60)
      const ctx = await createTestContext(t, dialect, { TRUST_PROXY: 'true' })
      const server = await startTestServer(t, ctx)
      // Some payloads differ only in case, which duplicate detection counts as the
      // same comment: those go to another article.
      const articles: { article: Article; path: string; token: string }[] = []
      for (let i = 0; i < 4; i++) {
        const { article } = await importArticle(ctx)
        const path = pathOf(article)
        const { fields } = await loadForm(server, path)
        articles.push({ article, path, token: String(fields._csrf) })
      }
      ctx.clock.advance(WRITING_TIME_MS)

      const problems: string[] = []
      const posted: Posted[] = []
      for (const [index, payload] of XSS_PAYLOADS.entries()) {
        const name = nameOf(payload.text)
        let accepted = false
        // Spread over the articles, so that each feed (the newest 50) holds all of its own.
        const order = articles.map((_, k) => articles[(index + k) % articles.length])
        for (const { article, path, token } of order.filter((a) => a !== undefined)) {
          const result = await postForm(
            server,
            `${path}/comments`,
            { _csrf: token, parent_id: '', name, email: '', body: payload.text, website: '' },
            from(freshIp(), true),
          )
          if (result.status === 409) continue
          assert.equal(result.status, 201, `${payload.label}: ${result.text}`)
          const { id } = JSON.parse(result.text) as { id: string }
          const stored = await ctx.stores.comments.findById(id)
          assert.ok(stored)
          // Stored as written, but for invisible characters and whitespace at the ends.
          assert.equal(stored.body, normaliseCommentBody(payload.text), payload.label)
          assert.equal(stored.authorName, storedName(name), payload.label)
          posted.push({ payload, id, article, path, name: stored.authorName, body: stored.body })
          accepted = true
          break
        }
        assert.ok(accepted, `${payload.label} was refused on every article`)
      }

      // 1. The admin moderation queue, where editors read them first.
      const editor = await createStaff(ctx, 'editor')
      const admin = new AdminClient(server.url)
      await admin.openSession(ctx, editor.user)
      const queueAvailable = (await admin.get('/admin/comments')).status === 200
      const checkQueue = async (status: string) => {
        const seen = new Set<string>()
        const pages = Math.ceil(posted.length / 50)
        for (let page = 1; page <= pages; page++) {
          const { status: code, document } = await admin.get(
            `/admin/comments?status=${status}&page=${page}`,
          )
          assert.equal(code, 200)
          problems.push(
            ...activeContent(document).map((line) => `admin ${status} p${page}: ${line}`),
          )
          for (const item of posted) {
            const row = document.querySelector(`#c-${item.id}`)
            if (!row) continue
            seen.add(item.id)
            for (const region of row.querySelectorAll('.queued-meta, .queued-text')) {
              problems.push(
                ...forbiddenElements(region, COMMENT_ELEMENTS).map(
                  (line) => `${item.payload.label} (admin): ${line}`,
                ),
              )
            }
            if (textOf(row.querySelector('.queued-meta strong')) !== item.name) {
              problems.push(`${item.payload.label} (admin): the name is not shown as text`)
            }
            if (commentPlainText(row.querySelector('.queued-text')) !== item.body) {
              problems.push(`${item.payload.label} (admin): the text is not shown as text`)
            }
          }
        }
        for (const item of posted) {
          if (!seen.has(item.id)) problems.push(`${item.payload.label}: not in the ${status} queue`)
        }
      }
      if (queueAvailable) await checkQueue('pending')
      else t.diagnostic('/admin/comments is not there yet: the admin queue was not checked')

      // Approved, as a moderator would.
      const moderator = await staffActor(ctx, 'editor')
      await ctx.services.comments.moderate(
        moderator,
        posted.map((item) => item.id),
        'approve',
      )
      if (queueAvailable) await checkQueue('approved')

      // 2. The article pages.
      for (const { article, path } of articles) {
        const mine = posted.filter((item) => item.article.id === article.id)
        const pages = Math.max(1, Math.ceil(mine.length / COMMENT_LIMITS.perPage))
        const seen = new Set<string>()
        for (let page = 1; page <= pages; page++) {
          const response = await server.get(`${path}${page > 1 ? `?comments=${page}` : ''}`)
          assert.equal(response.status, 200)
          const document = parse(await response.text())
          problems.push(...activeContent(document).map((line) => `${path} p${page}: ${line}`))
          const list = document.querySelector('#comments .comment-list')
          if (!list) continue
          for (const item of list.querySelectorAll(':scope > li')) {
            problems.push(...forbiddenElements(item, new Set([...COMMENT_ELEMENTS, 'ol', 'li'])))
          }
          for (const item of mine) {
            const comment = document.querySelector(`#comment-${item.id}`)
            if (!comment) continue
            seen.add(item.id)
            if (textOf(comment.querySelector('.comment-author')) !== item.name) {
              problems.push(`${item.payload.label}: the name is not shown as text on the page`)
            }
            if (commentPlainText(comment.querySelector('.comment-body')) !== item.body) {
              problems.push(`${item.payload.label}: the text is not shown as text on the page`)
            }
            // Only http(s) links are made, and they are marked as readers' links.
            for (const link of comment.querySelectorAll('.comment-body a')) {
              const rel = (link.getAttribute('rel') ?? '').split(/\s+/)
              if (!/^https?:\/\//.test(link.getAttribute('href') ?? '')) {
                problems.push(`${item.payload.label}: a link to ${link.getAttribute('href')}`)
              }
              if (!rel.includes('nofollow') || !rel.includes('ugc')) {
                problems.push(`${item.payload.label}: a link without rel="nofollow ugc"`)
              }
            }
          }
        }
        for (const item of mine) {
          if (!seen.has(item.id)) problems.push(`${item.payload.label}: not on the article page`)
        }

        // 3. The Atom feed: well-formed, and each comment's text is the text.
        const atom = await server.get(`${path}/comments.atom`)
        assert.equal(atom.status, 200)
        const body = await atom.text()
        const valid = XMLValidator.validate(body)
        assert.equal(
          valid,
          true,
          `the Atom feed of ${path} is not well-formed: ${JSON.stringify(valid)}`,
        )
        const feed = (xml.parse(body) as { feed: { entry?: Entry[] } }).feed
        const entries = new Map((feed.entry ?? []).map((entry) => [entry.id, entry]))
        assert.ok(mine.length <= 50, 'a feed holds the newest 50')
        assert.equal(entries.size, mine.length)
        for (const item of mine) {
          const entry = entries.get(`urn:uuid:${item.id}`)
          if (!entry) {
            problems.push(`${item.payload.label}: not in the Atom feed`)
            continue
          }
          if (entry.content['@type'] !== 'text') {
            problems.push(`${item.payload.label}: content not text`)
          }
          if (entry.content['#text'] !== item.body) {
            problems.push(`${item.payload.label}: the Atom content is not the text`)
          }
          if (entry.author.name !== item.name) {
            problems.push(`${item.payload.label}: the Atom author is not the name`)
          }
          if (entry.title['#text'] !== `Comment by ${item.name}`) {
            problems.push(`${item.payload.label}: the Atom title is not the name`)
          }
        }

        // 4. The JSON list.
        const json = await server.get(`${path}/comments.json`)
        assert.equal(json.status, 200)
        assert.match(json.headers.get('content-type') ?? '', /^application\/json/)
        assert.equal(json.headers.get('x-content-type-options'), 'nosniff')
        const list = JSON.parse(await json.text()) as {
          comments: { id: string; author: string; text: string }[]
        }
        const byId = new Map(list.comments.map((comment) => [comment.id, comment]))
        for (const item of mine) {
          const comment = byId.get(item.id)
          if (comment?.text !== item.body || comment.author !== item.name) {
            problems.push(`${item.payload.label}: the JSON list does not give back the text`)
          }
        }
      }

      assert.deepEqual(problems, [], `${problems.length} problems:\n${problems.join('\n')}`)
    })

    test('refused, each payload comes back in the form as inert text', async (t) => {
      const ctx = await createTestContext(t, dialect, { TRUST_PROXY: 'true' })
      const server: TestServer = await startTestServer(t, ctx)
      const { article } = await importArticle(ctx)
      const path = pathOf(article)
      const { fields } = await loadForm(server, path)
      ctx.clock.advance(WRITING_TIME_MS)
      const problems: string[] = []
      for (const payload of XSS_PAYLOADS) {
        const name = nameOf(payload.text)
        // The honeypot refuses it, whatever it says.
        const result = await postForm(
          server,
          `${path}/comments`,
          { ...fields, name, email: '', body: payload.text, website: 'filled in' },
          from(freshIp()),
        )
        assert.equal(result.status, 422, payload.label)
        const { document } = result
        problems.push(...activeContent(document).map((line) => `${payload.label}: ${line}`))
        const section = document.querySelector('#comments')
        assert.ok(section, payload.label)
        problems.push(...forbiddenElements(section).map((line) => `${payload.label}: ${line}`))
        const form = section.querySelector('form#comment-form')
        const counts = {
          forms: section.querySelectorAll('form').length,
          textareas: section.querySelectorAll('textarea').length,
          inputs: section.querySelectorAll('input').length,
          buttons: section.querySelectorAll('button').length,
        }
        if (JSON.stringify(counts) !== '{"forms":1,"textareas":1,"inputs":5,"buttons":1}') {
          problems.push(`${payload.label}: the form has changed shape: ${JSON.stringify(counts)}`)
        }
        const shownBody = form?.querySelector('textarea[name=body]')?.text ?? ''
        if (visible(shownBody) !== visible(payload.text)) {
          problems.push(`${payload.label}: the text is not given back as it was`)
        }
        const shownName = form?.querySelector('input[name=name]')?.getAttribute('value') ?? ''
        if (visible(shownName) !== visible(name)) {
          problems.push(`${payload.label}: the name is not given back as it was`)
        }
      }
      assert.equal(
        await ctx.stores.comments
          .approvedPage(article.id, { limit: 1, offset: 0 })
          .then((page) => page.all),
        0,
      )
      assert.deepEqual(problems, [], `${problems.length} problems:\n${problems.join('\n')}`)
    })
  })
}

function textOf(element: HTMLElement | null | undefined): string {
  return element?.text ?? ''
}
