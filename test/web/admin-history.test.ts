import assert from 'node:assert/strict'
import { describe, test, type TestContext } from 'node:test'
import { parse, type HTMLElement } from 'node-html-parser'
import { COMMAND_LINE, type Actor } from '../../src/domain/access/policy.js'
import { actorOf } from '../../src/domain/accounts/account-service.js'
import type { Role } from '../../src/domain/accounts/user.js'
import type { Article } from '../../src/domain/articles/article.js'
import type { ArticleInput } from '../../src/domain/articles/article-writes.js'
import { startTestServer, type TestServer } from '../helpers/app.js'
import { createTestContext, type TestAppContext } from '../helpers/context.js'
import { testDialects } from '../helpers/dialects.js'
import { textOf, textsOf } from './html.js'

const MINUTE = 60_000

const PARAGRAPHS = [
  'The harbour council voted on Tuesday to build a new sea wall along the old quay.',
  'Engineers said the wall would protect about 400 homes from winter storm surges.',
  'The cost will be split between the city and the regional flood fund.',
  'Work is due to start in the spring and to take two years.',
  'Fishing boats will moor at the north pier while the quay is closed.',
  'Residents will be able to see the plans at the library until the end of the month.',
  'A second vote, on the design of the promenade, is expected next year.',
  '"We cannot wait for the next storm to decide this," the council leader said.',
]

function articleInput(overrides: Partial<ArticleInput> = {}): ArticleInput {
  return {
    headline: 'Harbour council approves sea wall',
    standfirst: 'The vote ends two years of argument over who pays for flood defences.',
    dateline: 'BERGEN, NORWAY',
    body: PARAGRAPHS.join('\n\n'),
    keyPoints: ['The council approved the sea wall.'],
    sectionSlug: 'news',
    bylines: ['Ada Brekke'],
    tags: ['Floods'],
    slug: 'harbour-sea-wall',
    ...overrides,
  }
}

/** A signed-in browser, reduced to its cookies. */
interface Session {
  csrf(): string
  page(path: string): Promise<{ response: Response; document: HTMLElement }>
  post(
    path: string,
    fields: Record<string, string>,
    options?: { csrf?: boolean },
  ): Promise<{ response: Response; document: HTMLElement }>
}

function keepCookies(jar: Map<string, string>, response: Response): void {
  for (const cookie of response.headers.getSetCookie()) {
    const [pair = ''] = cookie.split(';')
    const equals = pair.indexOf('=')
    const name = pair.slice(0, equals).trim()
    const value = pair.slice(equals + 1).trim()
    if (value === '') jar.delete(name)
    else jar.set(name, value)
  }
}

/**
 * Signs in through the real form. Each page's forms carry the CSRF token of the
 * session (or, before signing in, of the pre-session cookie); the last one seen is used.
 */
async function signIn(server: TestServer, email: string, password: string): Promise<Session> {
  const jar = new Map<string, string>()
  const cookie = () => [...jar].map(([name, value]) => `${name}=${value}`).join('; ')
  let token = ''
  const read = async (response: Response) => {
    keepCookies(jar, response)
    const document = parse(await response.text())
    token = document.querySelector('input[name=_csrf]')?.getAttribute('value') ?? token
    return { response, document }
  }
  await read(await server.get('/admin/login'))
  const csrf = () => token
  assert.ok(csrf(), 'the sign-in page has a CSRF token')
  const response = await server.get('/admin/login', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookie() },
    body: new URLSearchParams({ email, password, _csrf: csrf(), next: '/admin' }).toString(),
  })
  assert.equal(response.status, 303, 'signed in')
  keepCookies(jar, response)
  assert.ok(jar.get('dl_session'), 'the session cookie is set')
  const page = async (path: string) =>
    read(await server.get(path, { headers: { cookie: cookie() } }))
  // The token is the session's now: any page of the newsroom shows it.
  await page('/admin/account')
  return {
    csrf,
    page,
    post: async (path, fields, { csrf: withCsrf = true } = {}) =>
      read(
        await server.get(path, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookie() },
          body: new URLSearchParams({
            ...fields,
            ...(withCsrf ? { _csrf: csrf() } : {}),
          }).toString(),
        }),
      ),
  }
}

interface Person {
  actor: Actor
  session: Session
}

async function person(
  ctx: TestAppContext,
  server: TestServer,
  role: Role,
  displayName: string,
): Promise<Person> {
  const email = `${displayName.toLowerCase().replace(/\W+/g, '.')}@example.com`
  const password = 'correct horse battery staple'
  const { user } = await ctx.services.accounts.createUser(COMMAND_LINE, {
    email,
    displayName,
    role,
    password,
  })
  return { actor: actorOf(user), session: await signIn(server, email, password) }
}

interface Setup {
  ctx: TestAppContext
  server: TestServer
  editor: Person
  other: Person
  article: Article
  /** When each version was saved, by version. */
  times: Map<number, Date>
}

/**
 * An article with three versions: 1 created by Ana (the editor), 2 a changed
 * paragraph and headline by Ben (another editor), 3 new tags by Ana.
 */
async function threeVersions(t: TestContext, dialect: Parameters<typeof createTestContext>[1]) {
  const ctx = await createTestContext(t, dialect)
  const server = await startTestServer(t, ctx)
  const editor = await person(ctx, server, 'editor', 'Ana Editor')
  const other = await person(ctx, server, 'editor', 'Ben Desk')
  const { editing } = ctx.services
  const times = new Map<number, Date>()
  let article = await editing.createDraft(editor.actor, articleInput())
  times.set(1, ctx.clock.now())
  ctx.clock.advance(5 * MINUTE)
  const body = [...PARAGRAPHS]
  body[1] = body[1]!.replace('about 400 homes', 'nearly 450 homes')
  article = await editing.save(
    other.actor,
    article.id,
    articleInput({ headline: 'Harbour council backs sea wall', body: body.join('\n\n') }),
    { baseVersion: article.version },
  )
  times.set(2, ctx.clock.now())
  ctx.clock.advance(5 * MINUTE)
  article = await editing.save(
    editor.actor,
    article.id,
    articleInput({
      headline: 'Harbour council backs sea wall',
      body: body.join('\n\n'),
      tags: ['Floods', 'Harbour walls'],
    }),
    { baseVersion: article.version },
  )
  times.set(3, ctx.clock.now())
  return { ctx, server, editor, other, article, times } satisfies Setup
}

const historyPath = (article: Pick<Article, 'id'>) => `/admin/articles/${article.id}/history`

function assertClientError(response: Response, what: string) {
  assert.ok(response.status >= 400 && response.status < 500, `${what}: ${response.status}`)
}

for (const dialect of testDialects()) {
  describe(`newsroom revision history (${dialect})`, () => {
    test('lists every save newest first, with version, when, who and what', async (t) => {
      const { editor, article, times } = await threeVersions(t, dialect)
      assert.equal(article.version, 3)
      const { response, document } = await editor.session.page(historyPath(article))
      assert.equal(response.status, 200)
      assert.match(response.headers.get('cache-control') ?? '', /no-store/)
      const rows = document.querySelectorAll('table.history tbody tr')
      assert.equal(rows.length, 3)
      assert.deepEqual(
        rows.map((row) => textOf(row.querySelector('.version'))),
        ['3 (current)', '2', '1'],
      )
      assert.deepEqual(
        rows.map((row) => row.querySelector('time')?.getAttribute('datetime')),
        [3, 2, 1].map((version) => times.get(version)?.toISOString()),
      )
      const cells = rows.map((row) => textsOf(row.querySelectorAll('td')))
      assert.deepEqual(
        cells.map((row) => row.includes('Ana Editor') || row.includes('Ben Desk')),
        [true, true, true],
      )
      assert.ok(cells[0]?.includes('Ana Editor') && cells[0].includes('Saved'))
      assert.ok(cells[1]?.includes('Ben Desk') && cells[1].includes('Saved'))
      assert.ok(cells[2]?.includes('Ana Editor') && cells[2].includes('Created'))

      // The compare form picks the previous and the latest version by default.
      const checked = (name: string) =>
        document
          .querySelectorAll(`input[type=radio][name=${name}]`)
          .filter((input) => input.hasAttribute('checked'))
          .map((input) => input.getAttribute('value'))
      assert.deepEqual(checked('from'), ['2'])
      assert.deepEqual(checked('to'), ['3'])
      assert.equal(document.querySelector('form#compare')?.getAttribute('method'), 'get')

      // Every version but the current one can be restored, against the current version.
      const restores = document.querySelectorAll('form[action$="/restore"]')
      assert.deepEqual(
        restores.map((form) => form.querySelector('input[name=version]')?.getAttribute('value')),
        ['2', '1'],
      )
      for (const form of restores) {
        assert.equal(form.querySelector('input[name=base_version]')?.getAttribute('value'), '3')
        assert.ok(form.querySelector('input[name=_csrf]')?.getAttribute('value'))
        assert.match(textOf(form.querySelector('button')), /^Restore this version/)
      }

      // The editor links to the history.
      const editorPage = await editor.session.page(`/admin/articles/${article.id}`)
      assert.ok(editorPage.document.querySelector(`a[href="${historyPath(article)}"]`))
    })

    test('compares any two versions: changed words marked, unchanged fields left out', async (t) => {
      const { editor, article } = await threeVersions(t, dialect)

      const { response, document } = await editor.session.page(
        `${historyPath(article)}?from=1&to=2`,
      )
      assert.equal(response.status, 200)
      const heading = textOf(document.querySelector('#changes-title'))
      assert.match(
        heading,
        /^Changes from version 1 \(Ana Editor, .+\) to version 2 \(Ben Desk, .+\)$/,
      )
      assert.equal(document.querySelectorAll('#changes time').length, 2)
      const changes = document.querySelector('#changes')
      assert.ok(changes)
      assert.deepEqual(textsOf(changes.querySelectorAll('dt')), ['Headline', 'Body'])
      assert.deepEqual(textsOf(changes.querySelectorAll('ins')), ['backs', 'nearly 450'])
      assert.deepEqual(textsOf(changes.querySelectorAll('del')), ['approves', 'about 400'])
      // Unchanged paragraphs far from the change are folded away, not dropped.
      const folded = changes.querySelectorAll('.body-diff details.diff-unchanged')
      assert.equal(folded.length, 1)
      assert.equal(textOf(folded[0]?.querySelector('summary')), '… 5 unchanged paragraphs …')
      assert.equal(folded[0]?.querySelectorAll('p').length, 5)

      // The default comparison is the previous version with the latest: only the tags.
      const latest = await editor.session.page(historyPath(article))
      const dts = textsOf(latest.document.querySelectorAll('#changes dt'))
      assert.deepEqual(dts, ['Tags'])
      assert.deepEqual(textsOf(latest.document.querySelectorAll('#changes ins')), ['Harbour walls'])
      assert.equal(latest.document.querySelectorAll('#changes del').length, 0)

      // Backwards works too: what going from 3 back to 1 would change.
      const back = await editor.session.page(`${historyPath(article)}?from=3&to=1`)
      assert.equal(back.response.status, 200)
      assert.deepEqual(textsOf(back.document.querySelectorAll('#changes dt')), [
        'Headline',
        'Body',
        'Tags',
      ])
      assert.deepEqual(textsOf(back.document.querySelectorAll('#changes del')), [
        'backs',
        'nearly 450',
        'Harbour walls',
      ])
    })

    test('restoring makes a new version with the old fields, shown in the editor', async (t) => {
      const { ctx, editor, article } = await threeVersions(t, dialect)
      const { response } = await editor.session.post(`/admin/articles/${article.id}/restore`, {
        version: '1',
        base_version: '3',
      })
      assert.equal(response.status, 303)
      assert.equal(response.headers.get('location'), `/admin/articles/${article.id}?saved=restore`)

      const { revisions } = await ctx.services.editing.history(editor.actor, article.id)
      assert.deepEqual(
        revisions.map((revision) => [revision.version, revision.note]),
        [
          [4, 'Restored version 1'],
          [3, 'Saved'],
          [2, 'Saved'],
          [1, 'Created'],
        ],
      )
      const [restored, , , first] = revisions
      assert.deepEqual(restored?.fields, first?.fields)
      assert.equal(restored?.createdByName, 'Ana Editor')

      const editorPage = await editor.session.page(`/admin/articles/${article.id}?saved=restore`)
      assert.equal(editorPage.response.status, 200)
      const { document } = editorPage
      assert.equal(
        textOf(document.querySelector('.notice-ok')),
        'Restored: the old version was saved as the newest one.',
      )
      assert.equal(
        document.querySelector('#headline')?.getAttribute('value'),
        'Harbour council approves sea wall',
      )
      assert.equal(document.querySelector('#tags')?.getAttribute('value'), 'Floods')
      assert.match(textOf(document.querySelector('#body')), /about 400 homes/)
      assert.equal(document.querySelector('input[name=version]')?.getAttribute('value'), '4')

      // The history now starts with the restore, and nothing differs between 1 and 4.
      const history = await editor.session.page(`${historyPath(article)}?from=1&to=4`)
      assert.match(
        textOf(history.document.querySelector('table.history tbody tr')),
        /Restored version 1/,
      )
      assert.equal(textOf(history.document.querySelector('#changes .empty')), 'No differences.')
    })

    test('restoring from a stale version is a 409 that changes nothing', async (t) => {
      const { ctx, editor, article } = await threeVersions(t, dialect)
      const { response, document } = await editor.session.post(
        `/admin/articles/${article.id}/restore`,
        { version: '1', base_version: '2' },
      )
      assert.equal(response.status, 409)
      const conflict = document.querySelector('.conflict')
      assert.ok(conflict, 'the conflict is explained')
      assert.match(textOf(conflict), /Ana Editor changed this article/)
      assert.ok(conflict.querySelector(`a[href="${historyPath(article)}"]`), 'a link to reload')
      // It shows what changed since the version the user saw, and offers the current version as base.
      assert.deepEqual(textsOf(document.querySelectorAll('#changes dt')), ['Tags'])
      assert.equal(
        document
          .querySelector('form[action$="/restore"] input[name=base_version]')
          ?.getAttribute('value'),
        '3',
      )

      const current = await ctx.services.editing.history(editor.actor, article.id)
      assert.equal(current.article.version, 3)
      assert.equal(current.revisions.length, 3)
      assert.equal(current.article.headline, 'Harbour council backs sea wall')
    })

    test('without a valid CSRF token nothing is restored', async (t) => {
      const { ctx, editor, article } = await threeVersions(t, dialect)
      const path = `/admin/articles/${article.id}/restore`
      const missing = await editor.session.post(
        path,
        { version: '1', base_version: '3' },
        { csrf: false },
      )
      assert.equal(missing.response.status, 403)
      assert.ok(missing.document.querySelector('.problem'))
      const wrong = await editor.session.post(
        path,
        { version: '1', base_version: '3', _csrf: 'x'.repeat(43) },
        { csrf: false },
      )
      assert.equal(wrong.response.status, 403)
      const { article: after } = await ctx.services.editing.history(editor.actor, article.id)
      assert.equal(after.version, 3)
    })

    test('contributors see their own history, and restore only what they may edit', async (t) => {
      const { ctx, server, editor, article } = await threeVersions(t, dialect)
      const reporter = await person(ctx, server, 'contributor', 'Cy Reporter')

      // Someone else's article does not exist for a contributor.
      const theirs = await reporter.session.page(historyPath(article))
      assert.equal(theirs.response.status, 404)
      const restoreTheirs = await reporter.session.post(`/admin/articles/${article.id}/restore`, {
        version: '1',
        base_version: '3',
      })
      assert.ok(
        [403, 404].includes(restoreTheirs.response.status),
        String(restoreTheirs.response.status),
      )
      assert.equal((await ctx.services.editing.get(editor.actor, article.id)).version, 3)

      // Their own draft: history and restore.
      const { editing, workflow } = ctx.services
      let own = await editing.createDraft(
        reporter.actor,
        articleInput({ headline: 'My first go', slug: 'my-go' }),
      )
      own = await editing.save(
        reporter.actor,
        own.id,
        articleInput({ headline: 'My second go', slug: 'my-go' }),
        {
          baseVersion: own.version,
        },
      )
      const mine = await reporter.session.page(historyPath(own))
      assert.equal(mine.response.status, 200)
      assert.equal(mine.document.querySelectorAll('form[action$="/restore"]').length, 1)

      // Once submitted it is not theirs to change: no button, and a 403 if they try.
      own = await workflow.transition(reporter.actor, own.id, {
        transition: 'submit',
        baseVersion: own.version,
      })
      const submitted = await reporter.session.page(historyPath(own))
      assert.equal(submitted.response.status, 200)
      assert.equal(submitted.document.querySelectorAll('form[action$="/restore"]').length, 0)
      const refused = await reporter.session.post(`/admin/articles/${own.id}/restore`, {
        version: '1',
        base_version: String(own.version),
      })
      assert.equal(refused.response.status, 403)
      assert.ok(refused.document.querySelector('.problem'))
      assert.equal((await editing.get(reporter.actor, own.id)).version, own.version)
    })

    test('a bad version to compare or restore is a 4xx with a message, never a 500', async (t) => {
      const { editor, article } = await threeVersions(t, dialect)
      for (const query of [
        'from=abc&to=2',
        'from=1&to=xyz',
        'from=0&to=2',
        'from=-1&to=2',
        'from=1.5&to=2',
        'from=1e3&to=2',
        'from=99&to=2',
        'from=1&to=99999999999999999999',
        'from=2&to=2',
        `from=${'9'.repeat(500)}&to=1`,
        'from=%00&to=1',
      ]) {
        const { response, document } = await editor.session.page(`${historyPath(article)}?${query}`)
        assertClientError(response, query)
        assert.ok(textOf(document.querySelector('.problem')), `${query}: a message`)
        assert.equal(document.querySelector('#changes'), null, `${query}: no comparison`)
        assert.equal(document.querySelectorAll('table.history tbody tr').length, 3, query)
      }
      // Repeated or empty parameters fall back to the defaults.
      for (const query of ['from=&to=', 'from=1&from=2']) {
        const { response, document } = await editor.session.page(`${historyPath(article)}?${query}`)
        assert.equal(response.status, 200, query)
        assert.ok(document.querySelector('#changes'), query)
      }
      for (const path of [
        '/admin/articles/not-an-id/history',
        '/admin/articles/01234567-89ab-cdef-0123-456789abcdef/history',
      ]) {
        assert.equal((await editor.session.page(path)).response.status, 404, path)
      }
      for (const fields of [
        { version: 'abc', base_version: '3' },
        { version: '1', base_version: '' },
        { version: '99', base_version: '3' },
        { version: '-1', base_version: '3' },
      ]) {
        const { response, document } = await editor.session.post(
          `/admin/articles/${article.id}/restore`,
          fields,
        )
        assertClientError(response, JSON.stringify(fields))
        assert.ok(document.querySelector('.problem'), JSON.stringify(fields))
      }
      const unknown = await editor.session.post(
        '/admin/articles/01234567-89ab-cdef-0123-456789abcdef/restore',
        { version: '1', base_version: '1' },
      )
      assert.equal(unknown.response.status, 404)
    })

    test('a single version has nothing to compare, and signed-out visitors are sent to sign in', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const server = await startTestServer(t, ctx)
      const editor = await person(ctx, server, 'editor', 'Ana Editor')
      const article = await ctx.services.editing.createDraft(editor.actor, articleInput())
      const { response, document } = await editor.session.page(historyPath(article))
      assert.equal(response.status, 200)
      assert.equal(document.querySelectorAll('table.history tbody tr').length, 1)
      assert.equal(document.querySelector('form#compare'), null)
      assert.equal(document.querySelector('#changes'), null)
      assert.equal(document.querySelectorAll('form[action$="/restore"]').length, 0)

      const anonymous = await server.get(historyPath(article))
      assert.equal(anonymous.status, 303)
      assert.match(anonymous.headers.get('location') ?? '', /^\/admin\/login\?next=/)
    })
  })
}
