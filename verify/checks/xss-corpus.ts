// The XSS corpus (test/fixtures/xss-payloads.ts) in every field a contributor
// or a reader can write: an article's headline, standfirst, dateline, body and
// key points, a byline (author name) and the author's biography, a tag, a
// section's name, a story thread's title and description, a comment's name and
// text, and a search. Each page that shows them is loaded in Chromium, whose
// own parser builds the DOM; a payload is live if a dialog opens, a script
// error or a CSP violation is reported (the CSP blocking an injected handler
// still means it was injected), or the DOM holds an element or attribute that
// could run code.
import { chromium, type Browser, type Page } from 'playwright-core'
import { COMMAND_LINE } from '../../src/domain/access/policy.js'
import { CHROMIUM_PATH } from '../../test/helpers/browser.js'
import type { XssPayload } from '../../test/fixtures/xss-payloads.js'
import { pathOf } from '../../test/web/html.js'
import type { Site } from '../site.js'

export interface XssFigure {
  payloads: number
  fields: number
  pageLoads: number
  /** Values a field refused at input (too long, not a usable name): not stored, so not shown. */
  refused: number
  /** Every sign of a live payload, as "page: what". Empty is the only good answer. */
  live: string[]
}

/** What in a page could run code that is not the site's own. Runs in the page. */
export function activeInPage(): string[] {
  const found: string[] = []
  const dangerous = /^\s*(?:javascript|data|vbscript):/i
  for (const element of Array.from(document.querySelectorAll('*'))) {
    const tag = element.tagName.toLowerCase()
    for (const attribute of Array.from(element.attributes)) {
      const name = attribute.name.toLowerCase()
      if (name.startsWith('on')) found.push(`<${tag} ${name}>`)
      if (
        ['href', 'src', 'action', 'formaction', 'xlink:href', 'srcdoc', 'data'].includes(name) &&
        // eslint-disable-next-line no-control-regex -- a browser ignores them in a URL's scheme
        dangerous.test(attribute.value.replace(/[\s\u0000-\u001f]/g, ''))
      ) {
        found.push(`<${tag} ${name}=${attribute.value.slice(0, 40)}>`)
      }
    }
    if (['iframe', 'object', 'embed', 'base', 'frame', 'svg', 'math'].includes(tag)) {
      found.push(`<${tag}>`)
    }
    if (tag === 'script') {
      const script = element as HTMLScriptElement
      const ours = script.src.startsWith(`${location.origin}/assets/`)
      if (!ours && script.type !== 'application/ld+json') found.push(`<script ${script.src}>`)
    }
    if (tag === 'meta' && element.hasAttribute('http-equiv')) found.push('<meta http-equiv>')
  }
  return found
}

const FIELDS = 14

/** A story with the payload in every field it has (a plain headline if the payload cannot be one). */
async function publishStory(
  site: Site,
  payload: string,
  index: number,
  attempt: <T>(work: () => Promise<T>) => Promise<T | undefined>,
) {
  const services = site.ctx.services
  const input = {
    headline: payload,
    standfirst: payload,
    dateline: payload.slice(0, 100),
    body: payload,
    keyPoints: [payload.slice(0, 400)],
    sectionSlug: 'xss',
    bylines: [`${payload.slice(0, 92)} ${index}`],
    tags: [`${payload.slice(0, 52)} ${index}`],
    slug: `xss-${index}`,
  }
  const draft =
    (await attempt(() => services.editing.createDraft(COMMAND_LINE, input))) ??
    (await services.editing.createDraft(COMMAND_LINE, { ...input, headline: `Story ${index}` }))
  await services.workflow.transition(COMMAND_LINE, draft.id, { transition: 'publish' })
  return services.articles.getPublishedBySlug(draft.slug)
}

/** Stores one payload in every field, on a new story; returns the pages that show them. */
async function plant(
  site: Site,
  payload: string,
  index: number,
): Promise<{ pages: string[]; refused: number }> {
  const services = site.ctx.services
  let refused = 0
  const attempt = async <T>(work: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await work()
    } catch {
      refused++
      return undefined
    }
  }
  const short = (limit: number) => `${payload.slice(0, limit - 8)} ${index}`
  await attempt(() => services.sections.rename(COMMAND_LINE, 'xss', short(60)))
  const article = await publishStory(site, payload, index, attempt)
  const [author] = article.bylines
  const [tag] = article.tags
  if (author) await attempt(() => services.authors.setBio(author.slug, payload))
  const thread = await attempt(() =>
    services.threads.create(COMMAND_LINE, {
      title: short(120),
      slug: `xss-thread-${index}`,
      description: payload,
    }),
  )
  if (thread) await services.threads.addArticle(COMMAND_LINE, thread.slug, article.id)
  await attempt(() =>
    services.comments.addDirectly(COMMAND_LINE, {
      articleId: article.id,
      parentId: null,
      name: payload.slice(0, 80),
      body: payload,
      status: 'approved',
      createdAt: site.ctx.clock.now(),
    }),
  )
  const pages = [
    pathOf(article),
    '/',
    '/xss',
    `/search?q=${encodeURIComponent(payload.slice(0, 190))}`,
    ...(author ? [`/authors/${author.slug}`] : []),
    ...(tag ? [`/tags/${tag.slug}`] : []),
    ...(thread ? [`/threads/${thread.slug}`] : []),
  ]
  return { pages, refused }
}

async function look(page: Page, problems: string[], url: string): Promise<string[]> {
  problems.length = 0
  await page.goto(url, { waitUntil: 'load' })
  const found = [...problems, ...(await page.evaluate(activeInPage))]
  return found
}

export async function xssCorpus(site: Site, payloads: readonly XssPayload[]): Promise<XssFigure> {
  await site.ctx.services.sections.create(COMMAND_LINE, { name: 'XSS', slug: 'xss' })
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--no-first-run',
    ],
  })
  const figure: XssFigure = {
    payloads: payloads.length,
    fields: FIELDS,
    pageLoads: 0,
    refused: 0,
    live: [],
  }
  try {
    const context = await browser.newContext()
    const page = await context.newPage()
    const problems: string[] = []
    page.on('dialog', (dialog) => {
      problems.push(`a ${dialog.type()} opened`)
      void dialog.dismiss()
    })
    page.on('pageerror', (error) => problems.push(`script error: ${error.message}`))
    await page.exposeFunction('reportViolation', (text: string) => problems.push(`CSP: ${text}`))
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        const report = (window as unknown as { reportViolation: (text: string) => void })
          .reportViolation
        void report(`${event.violatedDirective} blocked ${event.blockedURI}`)
      })
    })
    for (const [index, payload] of payloads.entries()) {
      const { pages, refused } = await plant(site, payload.text, index)
      figure.refused += refused
      for (const path of pages) {
        figure.pageLoads++
        for (const sign of await look(page, problems, site.url + path)) {
          figure.live.push(`${payload.label} → ${path.slice(0, 60)}: ${sign}`)
        }
      }
    }
  } finally {
    await browser.close()
  }
  return figure
}
