// Bad inputs per route: at least `perRoute` generated values into every part of
// every route a reader or a member of staff can send (path segments, query
// parameters, form fields, bodies, headers). The figure: how many answers were
// 5xx. Anything but a clear 4xx (or the page itself) is a fault.
import { randomBytes } from 'node:crypto'
import { inBatches, send, type RawRequest } from '../http.js'
import { inUrl, junk, samples } from '../junk.js'
import type { Seeded } from '../seed.js'
import { freshNetwork, type Site } from '../site.js'

export interface RouteResult {
  route: string
  sent: number
  byClass: Record<'2xx' | '3xx' | '4xx' | '5xx', number>
  /** A few of the inputs that got a 5xx, to reproduce them. */
  faults: string[]
}

type Probe = (value: string, index: number) => Promise<number>

const FORM = 'application/x-www-form-urlencoded'

function form(fields: Record<string, string | string[]>): string {
  const body = new URLSearchParams()
  for (const [name, value] of Object.entries(fields)) {
    for (const item of Array.isArray(value) ? value : [value]) body.append(name, item)
  }
  return body.toString()
}

/** The probes of the public site: reader pages, feeds, sitemaps, search, comments. */
function publicProbes(site: Site, seeded: Seeded): Record<string, Probe> {
  const raw = async (request: RawRequest) => (await send(site.url, request)).status
  const get = (path: string, headers: Record<string, string> = {}) =>
    raw({ method: 'GET', path, headers })
  const parts = seeded.path.split('/').slice(1)
  const withJunkPart = (value: string, index: number, suffix = '') => {
    const changed = parts.map((part, at) => (at === index % parts.length ? inUrl(value) : part))
    return `/${changed.join('/')}${suffix}`
  }
  const tag = seeded.article.tags[0]?.slug ?? 'harbour'
  const author = seeded.article.bylines[0]?.slug ?? 'ada-brekke'
  return {
    'GET /:year/:month/:day/:slug': (v, i) => get(withJunkPart(v, i)),
    'GET article ?comments ?reply ?comment': (v, i) =>
      get(`${seeded.path}?${['comments', 'reply', 'comment', 'page'][i % 4]}=${inUrl(v)}`),
    'GET /:section ?page': (v, i) =>
      get(i % 2 ? `/${inUrl(v)}` : `/news?page=${inUrl(v)}&page=${i % 7}`),
    'GET /authors/:slug, /tags/:slug': (v, i) =>
      get(
        i % 2
          ? `/authors/${i % 4 ? inUrl(v) : author}?page=${inUrl(v)}`
          : `/tags/${i % 4 ? inUrl(v) : tag}?page=${inUrl(v)}`,
      ),
    'GET archives /:year/:month/:day': (v, i) =>
      get(['/', `/2026/`, `/2026/11/`][i % 3] + inUrl(v) + (i % 5 ? '' : `?page=${inUrl(v)}`)),
    'GET /search ?q ?page': (v, i) =>
      get(`/search?q=${inUrl(v)}${i % 3 ? '' : `&page=${inUrl(v)}`}${i % 11 ? '' : '&q=twice'}`),
    'GET feeds and sitemaps': (v, i) =>
      get(
        [
          `/${inUrl(v)}/feed.rss`,
          `/authors/${inUrl(v)}/feed.atom`,
          `/tags/${inUrl(v)}/feed.json`,
          `/sitemaps/${inUrl(v)}`,
          `/feed.rss?${inUrl(v)}=${inUrl(v)}`,
          `/sitemap.xml`,
        ][i % 6] ?? '/',
        { 'if-none-match': v.slice(0, 200).replace(/[^\x20-\x7e]/g, ''), 'accept-encoding': 'br' },
      ),
    'GET comment token and comment feeds': (v, i) =>
      get(withJunkPart(v, i, ['/comments/token', '/comments.atom', '/comments.json'][i % 3])),
    'GET /threads/:slug, /at-a-glance': (v, i) =>
      get(i % 2 ? `/threads/${inUrl(v)}` : `/at-a-glance?page=${inUrl(v)}`),
    'POST comment (fields)': async (v, i) => {
      const token = await site.formToken(seeded.article.id)
      const field = ['name', 'email', 'body', 'parent_id', '_csrf', 'website'][i % 6] ?? 'body'
      const fields: Record<string, string | string[]> = {
        _csrf: token,
        name: 'Ingrid Solberg',
        email: '',
        body: `A reader's words ${randomBytes(4).toString('hex')}.`,
        website: '',
        [field]: i % 13 === 0 ? [v, v] : v,
      }
      if (i % 9 === 0) fields.parent_id = seeded.comment.id
      return raw({
        method: 'POST',
        path: `${seeded.path}/comments`,
        headers: {
          'content-type': FORM,
          'x-forwarded-for': i % 17 ? freshNetwork() : inUrl(v).slice(0, 100) || '::1',
          ...(i % 2 ? { accept: 'application/json' } : {}),
          ...(i % 23 === 0 ? { origin: 'https://evil.example' } : {}),
        },
        body: form(fields),
      })
    },
    'POST comment (bodies and types)': async (v, i) =>
      raw({
        method: 'POST',
        path: i % 5 ? `${seeded.path}/comments` : withJunkPart(v, i, '/comments'),
        headers: {
          'content-type': [FORM, 'application/json', 'text/plain', 'multipart/form-data', v][
            i % 5
          ]!.replace(/[^\x20-\x7e]/g, ''),
          'x-forwarded-for': freshNetwork(),
        },
        body: i % 3 ? v : `_csrf=${inUrl(v)}&name=${inUrl(v)}&body=${inUrl(v)}&name`,
      }),
  }
}

/** The newsroom's probes, with a session (and its CSRF token) where the route needs one. */
function newsroomProbes(site: Site, seeded: Seeded): Record<string, Probe> {
  const { editor, admin, draft } = seeded
  const status = async (page: Promise<{ status: number }>) => (await page).status
  const stranger = new AdminClientless(site)
  /** The draft's version now, so that most saves get past the version check to the fields. */
  const version = async (i: number, v: string) =>
    i % 19 ? String((await site.ctx.stores.articles.findById(draft.id))?.version ?? 1) : v
  const editorFields = async (v: string, i: number): Promise<Record<string, string | string[]>> => {
    const field =
      ['headline', 'standfirst', 'dateline', 'body', 'section', 'byline', 'tags', 'slug'][i % 8] ??
      'body'
    return {
      headline: 'A headline',
      body: 'A body.',
      section: 'news',
      byline: ['Ada Brekke'],
      version: await version(i, v),
      intent: ['save', 'submit', 'preview', 'suggest', v][i % 5] ?? 'save',
      [field]: i % 7 === 0 ? [v, v, v] : v,
      ...(i % 10 === 0 ? { key_points: [v, v], comment_mode: v, scheduled_for: v } : {}),
    }
  }
  return {
    'POST /admin/login': (v, i) =>
      status(
        stranger.post('/admin/login', {
          email: i % 3 ? v : 'someone@news.example',
          password: i % 3 === 1 ? 'a wrong password' : v,
          next: i % 4 ? '/admin' : v,
          ...(i % 5 === 0 ? { _csrf: v } : {}),
        }),
      ),
    'POST /admin/articles/:id (editor)': async (v, i) =>
      status(
        editor.client.post(
          i % 13 ? `/admin/articles/${draft.id}` : `/admin/articles/${inUrl(v)}`,
          await editorFields(v, i),
        ),
      ),
    'POST /admin/articles/:id/autosave (script)': async (v, i) =>
      status(
        editor.client.request('POST', `/admin/articles/${draft.id}/autosave`, {
          form: { _csrf: editor.client.csrf, ...(await editorFields(v, i)) },
          headers: { accept: 'application/json' },
        }),
      ),
    'GET /admin pages ?status ?page ?q': (v, i) =>
      status(
        editor.client.get(
          [
            `/admin?status=${inUrl(v)}&page=${inUrl(v)}`,
            `/admin?section=${inUrl(v)}&author=${inUrl(v)}`,
            `/admin/articles/${inUrl(v)}`,
            `/admin/articles/${draft.id}/history?from=${inUrl(v)}&to=${inUrl(v)}`,
            `/admin/comments?status=${inUrl(v)}&page=${inUrl(v)}`,
            `/admin/audit?page=${inUrl(v)}`,
          ][i % 6] ?? '/admin',
        ),
      ),
    'POST /admin/comments, /admin/sections (admin)': (v, i) =>
      status(
        i % 2
          ? admin.client.post('/admin/comments', {
              ids: [v, seeded.comment.id],
              action: i % 3 ? v : 'approve',
              single: v,
            })
          : admin.client.post(`/admin/sections/${i % 4 ? 'news' : inUrl(v)}/rename`, {
              name: i % 8 ? v : 'News',
            }),
      ),
  }
}

/**
 * The sign-in form as a stranger's browser sends it: the CSRF cookie and token
 * the sign-in page gave, so that the values reach the sign-in itself, and a
 * new address each time, so that the per-address limit does not answer first.
 */
class AdminClientless {
  private cookie: Promise<{ header: string; token: string }> | undefined
  constructor(private readonly site: Site) {}

  private csrf(): Promise<{ header: string; token: string }> {
    this.cookie ??= fetch(`${this.site.url}/admin/login`).then(async (page) => {
      await page.text()
      const header = page.headers
        .getSetCookie()
        .map((line) => line.split(';')[0] ?? '')
        .join('; ')
      return { header, token: /dl_csrf=([^;]+)/.exec(header)?.[1] ?? '' }
    })
    return this.cookie
  }

  async post(path: string, fields: Record<string, string>): Promise<{ status: number }> {
    const { header, token } = await this.csrf()
    return send(this.site.url, {
      method: 'POST',
      path,
      headers: {
        'content-type': FORM,
        cookie: header,
        origin: this.site.url,
        'x-forwarded-for': freshNetwork(),
      },
      body: form({ _csrf: token, ...fields }),
    })
  }
}

/** Sends `perRoute` bad inputs to every route; returns one line of figures per route. */
export async function badInputs(
  site: Site,
  seeded: Seeded,
  { perRoute, seed = 20261202 }: { perRoute: number; seed?: number },
): Promise<RouteResult[]> {
  const probes = { ...publicProbes(site, seeded), ...newsroomProbes(site, seeded) }
  const results: RouteResult[] = []
  for (const [index, [route, probe]] of Object.entries(probes).entries()) {
    const values = samples(junk, perRoute, seed + index)
    const byClass = { '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0 }
    const faults: string[] = []
    await inBatches(
      values.map((value, at) => [value, at] as const),
      8,
      async ([value, at]) => {
        const status = await probe(value, at).catch(() => 599)
        const kind = `${Math.floor(status / 100)}xx` as keyof typeof byClass
        if (kind in byClass) byClass[kind]++
        if (status >= 500 && faults.length < 3) {
          faults.push(`${status} ← ${JSON.stringify(value).slice(0, 80)}`)
        }
      },
    )
    results.push({ route, sent: values.length, byClass, faults })
  }
  return results
}
