// Bad-input probes of the newsroom: sign-in as a stranger, and the editor,
// autosave, lists and moderation with a session, each field in turn bad.
import { send } from '../http.js'
import { inUrl } from '../junk.js'
import type { Seeded } from '../seed.js'
import { freshNetwork, type Site } from '../site.js'
import { form, FORM, type Probe } from './probe.js'

/** The editor's form with one field bad (or several, or the version, or the intent). */
function editorFieldsOf(site: Site, draftId: string) {
  /** The draft's version now, so that most saves get past the version check to the fields. */
  const version = async (i: number, v: string) =>
    i % 19 ? String((await site.ctx.stores.articles.findById(draftId))?.version ?? 1) : v
  return async (v: string, i: number): Promise<Record<string, string | string[]>> => {
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
}

/** The newsroom's probes, with a session (and its CSRF token) where the route needs one. */
export function newsroomProbes(site: Site, seeded: Seeded): Record<string, Probe> {
  const { editor, admin, draft } = seeded
  const status = async (page: Promise<{ status: number }>) => (await page).status
  const stranger = new AdminClientless(site)
  const editorFields = editorFieldsOf(site, draft.id)
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
 * The sign-in form as a stranger's browser sends it: the pre-session cookie and
 * the token the sign-in page gave, so that the values reach the sign-in itself, and a
 * new address each time, so that the per-address limit does not answer first.
 */
class AdminClientless {
  private cookie: Promise<{ header: string; token: string }> | undefined
  constructor(private readonly site: Site) {}

  private csrf(): Promise<{ header: string; token: string }> {
    this.cookie ??= fetch(`${this.site.url}/admin/login`).then(async (page) => {
      const html = await page.text()
      const header = page.headers
        .getSetCookie()
        .map((line) => line.split(';')[0] ?? '')
        .join('; ')
      // The form's token is bound to the pre-session cookie: both come from the page.
      return { header, token: /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '' }
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
