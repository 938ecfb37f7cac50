import assert from 'node:assert/strict'
import { describe, test, type TestContext } from 'node:test'
import { COMMAND_LINE } from '../../src/domain/access/policy.js'
import { LOGIN_LIMITS } from '../../src/domain/accounts/account-service.js'
import type { Article } from '../../src/domain/articles/article.js'
import type { ArticleInput } from '../../src/domain/articles/article-writes.js'
import { startTestServer, type TestServer } from '../helpers/app.js'
import { createTestContext, type TestAppContext } from '../helpers/context.js'
import { testDialects, type DialectName } from '../helpers/dialects.js'
import { importArticle } from '../helpers/factories.js'
import { createSharedDatabase } from '../helpers/shared-database.js'
import { pathOf, textOf } from './html.js'
import {
  AdminClient,
  createStaff,
  DEVICE_COOKIE,
  editorForm,
  fieldError,
  fieldValue,
  formFields,
  parseSetCookie,
  PRE_SESSION_COOKIE,
  replayedValues,
  SESSION_COOKIE,
  startStoppableServer,
  type AdminPage,
  type Staff,
} from './admin-session.js'

const MINUTE = 60_000

function input(overrides: Partial<ArticleInput> = {}): ArticleInput {
  return {
    headline: `Library opens on Sundays ${Math.random().toString(36).slice(2, 7)}`,
    standfirst: 'The city library will open on Sundays from January.',
    dateline: 'AARHUS, DENMARK',
    body: 'The city library will open on Sundays from January.\n\nThe council found the money in the culture budget.',
    keyPoints: ['Sunday opening from January.'],
    sectionSlug: 'news',
    bylines: ['Mette Holm'],
    tags: ['Libraries'],
    slug: '',
    ...overrides,
  }
}

async function setup(t: TestContext, dialect: DialectName, env: Record<string, string> = {}) {
  const ctx = await createTestContext(t, dialect, env)
  const server = await startTestServer(t, ctx)
  return { ctx, server }
}

async function signedIn(server: TestServer, staff: Staff): Promise<AdminClient> {
  const client = new AdminClient(server.url)
  await client.signInAs(staff)
  return client
}

async function stored(ctx: TestAppContext, id: string): Promise<Article> {
  const article = await ctx.stores.articles.findById(id)
  assert.ok(article, `article ${id} is gone`)
  return article
}

function problemText(page: AdminPage): string {
  return page.document.querySelector('.problem')?.text.trim() ?? ''
}

/**
 * The 401 page a POST without a live session gets: a sign-in form that carries
 * every value (`kept`), and shows the writer's words (`shown`) to copy.
 */
function assertSignInAgain(
  page: AdminPage,
  action: string,
  kept: Record<string, string>,
  shown: string[],
): void {
  assert.equal(page.status, 401)
  assert.equal(page.document.querySelector('h1')?.text, 'Sign in again to save your work')
  const form = page.document.querySelector('form[action="/admin/login"]')
  assert.ok(form)
  assert.equal(form.querySelector('input[name=replay_to]')?.getAttribute('value'), action)
  const replayed = replayedValues(page)
  for (const [name, value] of Object.entries(kept)) {
    assert.deepEqual(replayed[name], [value], `${name} is kept`)
  }
  const typed = page.document.querySelector('.typed')?.text ?? ''
  for (const words of shown) assert.ok(typed.includes(words), `"${words}" is shown`)
}

for (const dialect of testDialects()) {
  describe(`newsroom editing over HTTP (${dialect})`, () => {
    test('two editors open the same version: the second save is refused, keeps its text, and can overwrite', async (t) => {
      const { ctx, server } = await setup(t, dialect)
      const alice = await createStaff(ctx, 'editor', 'Alice Able')
      const bob = await createStaff(ctx, 'editor', 'Bob Baker')
      const draft = await ctx.services.editing.createDraft(alice.actor, input())
      const path = `/admin/articles/${draft.id}`
      const a = await signedIn(server, alice)
      const b = await signedIn(server, bob)

      const pageA = await a.get(path)
      const pageB = await b.get(path)
      assert.equal(fieldValue(pageA, 'version'), '1')
      assert.equal(fieldValue(pageB, 'version'), '1')

      ctx.clock.advance(5 * MINUTE)
      const savedAt = ctx.clock.now()
      const aliceBody = `${draft.body}\n\nThe mayor opened the first Sunday herself.`
      const saved = await a.submit(editorForm(pageA), { body: aliceBody, intent: 'save' })
      assert.equal(saved.status, 303)
      assert.equal(saved.location, `${path}?saved=save`)

      ctx.clock.advance(2 * MINUTE)
      const bobBody = 'Bob rewrote the whole story from his notes.'
      const bobHeadline = 'Sunday opening for the city library'
      const refused = await b.submit(editorForm(pageB), {
        body: bobBody,
        headline: bobHeadline,
        intent: 'save',
      })
      assert.equal(refused.status, 409)
      const conflict = refused.document.querySelector('.conflict')
      assert.ok(conflict, 'the page explains the conflict')
      const heading = conflict.querySelector('h2')
      assert.match(heading?.text ?? '', /Alice Able changed this article at/)
      assert.equal(heading?.querySelector('time')?.getAttribute('datetime'), savedAt.toISOString())
      // Alice's change, against the version Bob started from, is marked.
      const inserted = conflict.querySelectorAll('ins').map((element) => element.text)
      assert.ok(
        inserted.some((text) => text.includes('The mayor opened the first Sunday herself.')),
        `the difference shows Alice's paragraph: ${inserted.join(' | ')}`,
      )
      // Bob's words are all still in the form, now based on Alice's version.
      assert.equal(fieldValue(refused, 'body'), bobBody)
      assert.equal(fieldValue(refused, 'headline'), bobHeadline)
      assert.equal(fieldValue(refused, 'version'), '2')
      assert.equal((await stored(ctx, draft.id)).body, aliceBody, "Alice's save stands")

      // Saving again is a deliberate overwrite, and it works.
      const again = await b.submit(editorForm(refused), { intent: 'save' })
      assert.equal(again.status, 303)
      const final = await stored(ctx, draft.id)
      assert.equal(final.body, bobBody)
      assert.equal(final.headline, bobHeadline)
      assert.equal(final.version, 3)
      const { revisions } = await ctx.services.editing.history(bob.actor, draft.id)
      assert.deepEqual(
        revisions.map((revision) => [revision.version, revision.createdByName]),
        [
          [3, 'Bob Baker'],
          [2, 'Alice Able'],
          [1, 'Alice Able'],
        ],
      )
    })

    test('a stale form refused for another reason (a bad token) is still caught as stale', async (t) => {
      const { ctx, server } = await setup(t, dialect)
      const alice = await createStaff(ctx, 'editor', 'Alice Able')
      const bob = await createStaff(ctx, 'editor', 'Bob Baker')
      const draft = await ctx.services.editing.createDraft(alice.actor, input())
      const path = `/admin/articles/${draft.id}`
      const b = await signedIn(server, bob)
      const pageB = await b.get(path)
      await ctx.services.editing.save(
        alice.actor,
        draft.id,
        { ...input(), headline: 'Alice was here' },
        {
          baseVersion: 1,
        },
      )
      const badToken = await b.submit(editorForm(pageB), {
        body: 'Bob typed this.',
        intent: 'save',
        _csrf: 'B'.repeat(43),
      })
      assert.equal(badToken.status, 403)
      assert.equal(fieldValue(badToken, 'version'), '1', 'still the version Bob started from')
      const illegal = await b.submit(editorForm(badToken), { intent: 'unpublish' })
      assert.equal(illegal.status, 409)
      assert.equal(fieldValue(illegal, 'version'), '1')
      const retry = await b.submit(editorForm(illegal), { intent: 'save' })
      assert.equal(retry.status, 409)
      assert.ok(retry.document.querySelector('.conflict'), 'the conflict is shown, not overwritten')
      assert.equal((await stored(ctx, draft.id)).headline, 'Alice was here')
      assert.equal(fieldValue(retry, 'body'), 'Bob typed this.')
    })

    test('a contributor writes and submits through the editor; an editor publishes and corrects', async (t) => {
      const { ctx, server } = await setup(t, dialect)
      const writer = await createStaff(ctx, 'contributor', 'Wendy Writer')
      const editor = await createStaff(ctx, 'editor', 'Eddie Editor')
      const w = await signedIn(server, writer)
      const blank = await w.get('/admin/articles/new')
      assert.equal(blank.status, 200)
      assert.deepEqual(formFields(editorForm(blank)).byline, ['Wendy Writer', '', ''])
      const created = await w.submit(editorForm(blank), {
        headline: 'Night buses return to the ring road',
        body: 'Night buses return on Friday.\n\nThey run every 30 minutes.',
        intent: 'submit',
      })
      assert.equal(created.status, 303)
      const id = /\/admin\/articles\/([0-9a-f-]{36})\?saved=submit$/.exec(created.location)?.[1]
      assert.ok(id, created.location)
      assert.equal((await stored(ctx, id)).status, 'in_review')
      // In review, the writer's form is read-only and offers only "Return to draft".
      const inReview = await w.get(`/admin/articles/${id}`)
      assert.ok(inReview.document.querySelector('fieldset.editor-main[disabled]'))
      const buttons = inReview.document
        .querySelectorAll('button[name=intent]')
        .map((button) => button.getAttribute('value'))
      assert.deepEqual(
        buttons.filter((value) => !['preview', 'suggest', 'find_images'].includes(value ?? '')),
        ['return'],
      )

      const e = await signedIn(server, editor)
      const published = await e.submit(editorForm(await e.get(`/admin/articles/${id}`)), {
        intent: 'publish',
      })
      assert.equal(published.status, 303)
      const live = await stored(ctx, id)
      assert.equal(live.status, 'published')
      const reader = await server.page(pathOf(live))
      assert.equal(reader.response.status, 200)

      ctx.clock.advance(3 * 3600_000)
      // Three idle hours end a session (SESSION_IDLE_MINUTES): the editor signs in again.
      await e.signInAs(editor)
      const corrected = await e.submit(editorForm(await e.get(`/admin/articles/${id}`)), {
        body: 'Night buses return on Saturday.\n\nThey run every 30 minutes.',
        correction: 'An earlier version said Friday.',
        intent: 'save',
      })
      assert.equal(corrected.status, 303)
      const page = await server.page(pathOf(live))
      assert.match(
        page.document.querySelector('.corrections')?.text ?? '',
        /An earlier version said Friday\./,
      )
      assert.match(page.html, /Updated/)
    })

    test('bad input comes back with a 4xx, the message beside the field, and every value kept', async (t) => {
      const { ctx, server } = await setup(t, dialect)
      const editor = await createStaff(ctx, 'editor')
      const client = await signedIn(server, editor)
      await ctx.services.editing.createDraft(editor.actor, input({ slug: 'taken-slug' }))
      const draft = await ctx.services.editing.createDraft(editor.actor, input())
      const path = `/admin/articles/${draft.id}`
      const typed = {
        standfirst: 'A standfirst the writer typed.',
        body: 'A body the writer typed.\n\nWith a second paragraph.',
        tags: 'Libraries, Sundays',
      }

      const cases: {
        name: string
        change: Record<string, string>
        status: number
        field: string
        says?: RegExp
      }[] = [
        { name: 'missing headline', change: { headline: '   ' }, status: 422, field: 'headline' },
        {
          name: 'long headline',
          change: { headline: 'h'.repeat(251) },
          status: 422,
          field: 'headline',
        },
        {
          name: 'long standfirst',
          change: { standfirst: 's'.repeat(501) },
          status: 422,
          field: 'standfirst',
        },
        { name: 'long body', change: { body: 'b'.repeat(200_001) }, status: 422, field: 'body' },
        {
          name: 'unknown section',
          change: { section: 'no-such-section' },
          status: 422,
          field: 'section',
          says: /no section "no-such-section"/,
        },
        {
          name: 'duplicate slug',
          change: { slug: 'taken-slug' },
          status: 422,
          field: 'slug',
          says: /Another article already uses the slug/,
        },
        { name: 'malformed slug', change: { slug: 'Not A Slug!' }, status: 422, field: 'slug' },
        {
          name: 'schedule without a time',
          change: { intent: 'schedule', scheduled_for: 'soon' },
          status: 422,
          field: 'scheduledFor',
        },
      ]
      for (const one of cases) {
        const page = await client.submit(editorForm(await client.get(path)), {
          ...typed,
          intent: 'save',
          ...one.change,
        })
        assert.equal(page.status, one.status, one.name)
        const error = fieldError(page, one.field)
        assert.ok(error, `${one.name}: an error beside ${one.field}`)
        if (one.says) assert.match(error, one.says, one.name)
        for (const [name, value] of Object.entries({ ...typed, ...one.change })) {
          if (name === 'intent' || name === 'section' || name === 'scheduled_for') continue
          assert.equal(fieldValue(page, name), value, `${one.name}: ${name} is kept`)
        }
        const after = await stored(ctx, draft.id)
        assert.equal(after.version, 1, `${one.name}: nothing was saved`)
      }

      // A new article with no headline: nothing is created, and the text is all there.
      const before = await ctx.stores.articles.countForNewsroom({})
      const blank = await client.get('/admin/articles/new')
      const refused = await client.submit(editorForm(blank), {
        ...typed,
        headline: '',
        intent: 'save',
      })
      assert.equal(refused.status, 422)
      assert.ok(fieldError(refused, 'headline'))
      assert.equal(fieldValue(refused, 'body'), typed.body)
      assert.equal(editorForm(refused).getAttribute('action'), '/admin/articles')
      assert.equal(await ctx.stores.articles.countForNewsroom({}), before)
    })

    test('an illegal transition is a 409 that keeps the values and saves nothing', async (t) => {
      const { ctx, server } = await setup(t, dialect)
      const editor = await createStaff(ctx, 'editor')
      const client = await signedIn(server, editor)
      const draft = await ctx.services.editing.createDraft(editor.actor, input())
      const path = `/admin/articles/${draft.id}`
      for (const intent of ['unpublish', 'unschedule', 'return']) {
        const page = await client.submit(editorForm(await client.get(path)), {
          body: 'Changed text that must not be lost.',
          intent,
        })
        assert.equal(page.status, 409, intent)
        assert.match(problemText(page), /is not possible for an article that is draft/)
        assert.equal(fieldValue(page, 'body'), 'Changed text that must not be lost.')
        const after = await stored(ctx, draft.id)
        assert.equal(after.version, 1)
        assert.equal(after.status, 'draft')
      }
      const unknown = await client.submit(editorForm(await client.get(path)), { intent: 'explode' })
      assert.equal(unknown.status, 404)
      assert.equal((await stored(ctx, draft.id)).version, 1)
    })

    test('a bad or missing CSRF token is a 403 that keeps the values and saves nothing', async (t) => {
      const { ctx, server } = await setup(t, dialect)
      const editor = await createStaff(ctx, 'editor')
      const client = await signedIn(server, editor)
      const draft = await ctx.services.editing.createDraft(editor.actor, input())
      const path = `/admin/articles/${draft.id}`
      const fields = formFields(editorForm(await client.get(path)))
      const changed: Record<string, string | string[]> = {
        ...fields,
        body: 'Typed before the token went bad.',
        intent: 'save',
      }
      const before = await ctx.stores.articles.countForNewsroom({})

      for (const [name, token] of [
        ['wrong', 'A'.repeat(43)],
        ['short', 'abc'],
        ['missing', undefined],
      ] as const) {
        const { _csrf: _, ...rest } = changed
        const page = await client.postRaw(
          path,
          token === undefined ? rest : { ...rest, _csrf: token },
        )
        assert.equal(page.status, 403, name)
        assert.match(problemText(page), /nothing was saved/)
        assert.equal(fieldValue(page, 'body'), 'Typed before the token went bad.', name)
        assert.equal((await stored(ctx, draft.id)).version, 1, name)

        const created = await client.postRaw(
          '/admin/articles',
          token === undefined ? { ...rest, version: 0 } : { ...rest, version: 0, _csrf: token },
        )
        assert.equal(created.status, 403, `${name} (new article)`)
        assert.equal(fieldValue(created, 'headline'), draft.headline)
      }
      // A token from another browser does not do either.
      const other = new AdminClient(server.url)
      await other.get('/admin/login')
      const page = await client.postRaw(path, { ...changed, _csrf: other.csrf })
      assert.equal(page.status, 403)
      assert.equal((await stored(ctx, draft.id)).version, 1)
      assert.equal(await ctx.stores.articles.countForNewsroom({}), before)
      // Signing in needs the token too.
      const login = await new AdminClient(server.url).postRaw('/admin/login', {
        email: editor.email,
        password: editor.password,
      })
      assert.equal(login.status, 403)
      assert.equal(
        login.setCookies.filter((line) => line.startsWith(`${SESSION_COOKIE}=`)).length,
        0,
      )
    })

    test('a session left idle: the save is kept through signing in again, then sent with "Save my changes"', async (t) => {
      const { ctx, server } = await setup(t, dialect)
      const editor = await createStaff(ctx, 'editor')
      const client = await signedIn(server, editor)
      const draft = await ctx.services.editing.createDraft(editor.actor, input())
      const path = `/admin/articles/${draft.id}`
      const open = await client.get(path)

      ctx.clock.advance(ctx.config.sessionIdleMs + MINUTE)
      const body = 'Written over a long weekend.\n\nNothing may be lost.'
      const headline = 'A headline typed before the session ended'
      const expired = await client.submit(editorForm(open), { body, headline, intent: 'save' })
      assertSignInAgain(expired, path, { body, headline, version: '1', intent: 'save' }, [
        'Written over a long weekend.',
        headline,
      ])
      assert.equal((await stored(ctx, draft.id)).version, 1)
      // The same session cannot read pages either.
      const gone = new AdminClient(server.url, new Map(client.cookies))
      assert.equal((await gone.get('/admin')).status, 303)

      // A wrong password keeps everything too.
      const loginForm = expired.document.querySelector('form[action="/admin/login"]')
      assert.ok(loginForm)
      const wrong = await client.submit(loginForm, {
        email: editor.email,
        password: 'not the password',
      })
      assert.equal(wrong.status, 401)
      assert.deepEqual(replayedValues(wrong).body, [body])

      const signedInAgain = await client.submit(loginForm, {
        email: editor.email,
        password: editor.password,
      })
      assert.equal(signedInAgain.status, 200)
      const continueForm = signedInAgain.document.querySelector(`main form[action="${path}"]`)
      assert.ok(continueForm, 'a form that sends the changes to the article')
      assert.equal(continueForm.querySelector('button[type=submit]')?.text, 'Save my changes')
      assert.equal((await stored(ctx, draft.id)).version, 1, 'nothing is saved until asked')

      const sent = await client.submit(continueForm)
      assert.equal(sent.status, 303, problemText(sent))
      const after = await stored(ctx, draft.id)
      assert.equal(after.version, 2)
      assert.equal(after.body, body)
      assert.equal(after.headline, headline)
    })

    test('sign-in is limited per account: the sixth try is refused even with the right password', async (t) => {
      const { ctx, server } = await setup(t, dialect)
      const editor = await createStaff(ctx, 'editor')
      const client = new AdminClient(server.url)
      for (let i = 0; i < LOGIN_LIMITS.perAccount; i++) {
        const page = await client.signIn(editor.email, `wrong password ${i}`)
        assert.equal(page.status, 401, `try ${i + 1}`)
        assert.equal(fieldValue(page, 'email'), editor.email)
      }
      const blocked = await client.signIn(editor.email, editor.password)
      assert.equal(blocked.status, 429)
      const retryAfter = Number(blocked.response.headers.get('retry-after'))
      assert.ok(
        retryAfter > 0 && retryAfter <= LOGIN_LIMITS.windowMs / 1000,
        `Retry-After ${retryAfter}`,
      )
      assert.match(problemText(blocked), /Too many failed sign-ins/)
      assert.equal(client.cookies.get(SESSION_COOKIE), undefined)
      // The email is the key whatever its case.
      assert.equal((await client.signIn(editor.email.toUpperCase(), editor.password)).status, 429)

      // Once the window has passed, the right password works again.
      ctx.clock.advance(LOGIN_LIMITS.windowMs + 1000)
      assert.equal((await client.signIn(editor.email, editor.password)).status, 303)
    })

    test('sign-in is limited per address: 20 failures across accounts block everyone from it', async (t) => {
      const { ctx, server } = await setup(t, dialect)
      const editor = await createStaff(ctx, 'editor')
      const client = new AdminClient(server.url)
      for (let i = 0; i < LOGIN_LIMITS.perAddress; i++) {
        // Five email addresses, four tries each: no one account reaches its own limit.
        const page = await client.signIn(`someone${i % 5}@news.example`, 'guessing passwords')
        assert.equal(page.status, 401, `try ${i + 1}`)
      }
      const blocked = await client.signIn(editor.email, editor.password)
      assert.equal(blocked.status, 429)
      assert.ok(Number(blocked.response.headers.get('retry-after')) > 0)
      assert.equal(client.cookies.get(SESSION_COOKIE), undefined)
    })

    test('deactivated users cannot sign in, and deactivation ends their sessions', async (t) => {
      const { ctx, server } = await setup(t, dialect)
      const writer = await createStaff(ctx, 'contributor')
      const client = await signedIn(server, writer)
      assert.equal((await client.get('/admin')).status, 200)
      await ctx.services.accounts.setActive(COMMAND_LINE, writer.user.id, false)
      const after = await client.get('/admin')
      assert.equal(after.status, 303)
      assert.equal(after.location, '/admin/login?next=%2Fadmin')
      const again = await new AdminClient(server.url).signIn(writer.email, writer.password)
      assert.equal(again.status, 401)
      assert.match(problemText(again), /do not match an active account/)
    })

    test('sessions live in the database: they work across two app processes and survive a restart', async (t) => {
      const shared = await createSharedDatabase(t, dialect)
      const one = await shared.open()
      const two = await shared.open()
      const editor = await createStaff(one, 'editor', 'Petra Process')
      const serverOne = await startStoppableServer(t, one)
      const serverTwo = await startStoppableServer(t, two)

      const browser = new AdminClient(serverOne.url)
      await browser.signInAs(editor)
      const elsewhere = browser.at(serverTwo.url)
      const dashboard = await elsewhere.get('/admin')
      assert.equal(dashboard.status, 200)
      assert.match(dashboard.document.querySelector('.admin-header')?.text ?? '', /Petra Process/)
      // A form from one process is accepted by the other.
      const blank = await browser.get('/admin/articles/new')
      const created = await elsewhere.submit(editorForm(blank), {
        headline: 'Written on one server, saved on another',
        intent: 'save',
      })
      assert.equal(created.status, 303)

      // Both processes stop; a new one starts over the same database.
      await serverOne.stop()
      await serverTwo.stop()
      await one.close()
      await two.close()
      shared.clock.advance(10 * MINUTE)
      const three = await shared.open()
      const serverThree = await startStoppableServer(t, three)
      const restarted = await browser.at(serverThree.url).get('/admin')
      assert.equal(restarted.status, 200)
      assert.match(restarted.html, /Written on one server, saved on another/)
    })

    test('signing out ends the session for good', async (t) => {
      const { ctx, server } = await setup(t, dialect)
      const editor = await createStaff(ctx, 'editor')
      const client = await signedIn(server, editor)
      const copy = new AdminClient(server.url, new Map(client.cookies))
      ctx.clock.advance(MINUTE)
      const out = await client.post('/admin/logout')
      assert.equal(out.status, 303)
      assert.equal(out.location, '/admin/login')
      const cleared = out.setCookies.map(parseSetCookie).find((c) => c.name === SESSION_COOKIE)
      assert.ok(cleared, 'the session cookie is cleared')
      assert.equal(client.cookies.get(SESSION_COOKIE), undefined)
      // Even a copy of the old cookie no longer works.
      const replayed = await copy.get('/admin')
      assert.equal(replayed.status, 303)
      assert.equal(
        await ctx.services.accounts.authenticate(copy.cookies.get(SESSION_COOKIE) ?? ''),
        undefined,
      )
      const { items } = await ctx.services.audit.list(COMMAND_LINE, 1)
      assert.equal(items[0]?.action, 'logout')
      assert.equal(items[0]?.subject, editor.email)
    })

    test('changing the password ends every other session, and needs the current one', async (t) => {
      const { ctx, server } = await setup(t, dialect)
      const editor = await createStaff(ctx, 'editor')
      const laptop = await signedIn(server, editor)
      const phone = await signedIn(server, editor)
      assert.equal((await phone.get('/admin')).status, 200)

      const wrong = await laptop.post('/admin/account/password', {
        current: 'not my password',
        next: 'a brand new password',
      })
      assert.equal(wrong.status, 422)
      assert.ok(fieldError(wrong, 'current'))
      assert.equal((await phone.get('/admin')).status, 200, 'a refused change ends nothing')

      const tooShort = await laptop.post('/admin/account/password', {
        current: editor.password,
        next: 'short',
      })
      assert.equal(tooShort.status, 422)
      assert.ok(fieldError(tooShort, 'next'))

      const changed = await laptop.post('/admin/account/password', {
        current: editor.password,
        next: 'a brand new password',
      })
      assert.equal(changed.status, 303)
      assert.equal(changed.location, '/admin/account?saved=1')
      assert.equal((await laptop.get('/admin')).status, 200, 'this session goes on')
      assert.equal((await phone.get('/admin')).status, 303, 'the other session has ended')
      assert.equal(
        (await new AdminClient(server.url).signIn(editor.email, editor.password)).status,
        401,
      )
      assert.equal(
        (await new AdminClient(server.url).signIn(editor.email, 'a brand new password')).status,
        303,
      )
    })

    test('cookies are HttpOnly, SameSite and scoped to /admin; Secure on an https site', async (t) => {
      const { ctx, server } = await setup(t, dialect)
      assert.equal(ctx.config.siteUrl.startsWith('https:'), true)
      const editor = await createStaff(ctx, 'editor')
      const client = new AdminClient(server.url)
      const loginPage = await client.get('/admin/login')
      const pre = loginPage.setCookies
        .map(parseSetCookie)
        .find((c) => c.name === PRE_SESSION_COOKIE)
      assert.ok(pre, 'the sign-in page sets the pre-session cookie')
      // The form's token is made from it, never the cookie itself: a planted cookie is no token.
      const token = fieldValue(loginPage, '_csrf')
      assert.ok(token)
      assert.notEqual(token, pre.value)
      const signIn = await client.signIn(editor.email, editor.password)
      const cookies = new Map(signIn.setCookies.map(parseSetCookie).map((c) => [c.name, c]))
      const session = cookies.get(SESSION_COOKIE)
      assert.ok(session)
      assert.match(session.value, /^[A-Za-z0-9_-]{43}$/)
      for (const cookie of [session, cookies.get(PRE_SESSION_COOKIE), cookies.get(DEVICE_COOKIE)]) {
        assert.ok(cookie)
        assert.equal(cookie.attributes.get('path'), '/admin', cookie.name)
        assert.ok(cookie.attributes.has('httponly'), cookie.name)
        assert.ok(cookie.attributes.has('secure'), cookie.name)
        assert.match(cookie.attributes.get('samesite') ?? '', /^(Lax|Strict)$/i, cookie.name)
      }
      assert.equal(session.attributes.get('samesite')?.toLowerCase(), 'lax')
      // Signing in gives a new pre-session value: one planted before cannot be used after.
      assert.notEqual(cookies.get(PRE_SESSION_COOKIE)?.value, pre.value)
      // The session is stored as a hash, never as the token itself.
      assert.equal(await ctx.stores.sessions.findById(session.value), undefined)
    })

    test('on a plain-http site the cookies are not Secure (or they would never come back)', async (t) => {
      const { ctx, server } = await setup(t, dialect, { SITE_URL: 'http://localhost:3000' })
      const editor = await createStaff(ctx, 'editor')
      const client = new AdminClient(server.url)
      const signIn = await client.signIn(editor.email, editor.password)
      assert.equal(signIn.status, 303)
      const session = signIn.setCookies.map(parseSetCookie).find((c) => c.name === SESSION_COOKIE)
      assert.ok(session)
      assert.equal(session.attributes.has('secure'), false)
      assert.ok(session.attributes.has('httponly'))
    })

    test('Suggest proposes key points word for word from the body, keeps what was typed, saves nothing', async (t) => {
      const { ctx, server } = await setup(t, dialect)
      const editor = await createStaff(ctx, 'editor', 'Edna Editor')
      const draft = await ctx.services.editing.createDraft(editor.actor, input())
      const e = await signedIn(server, editor)
      const page = await e.get(`/admin/articles/${draft.id}`)
      const body = [
        'The council approved the new sea wall on Tuesday after a long debate.',
        'Work will start in the spring and last two years, the harbour master said.',
        '## Paying for it',
        'The wall will cost four million euros, most of it paid by the region.',
        'Fishermen said the plan came too late for last winter and its storms.',
      ].join('\n\n')
      const headline = 'Council approves the sea wall'

      // Without JavaScript: the editor's form, posted with intent=suggest.
      const suggested = await e.submit(editorForm(page), {
        body,
        headline,
        key_points: 'A point of my own.',
        intent: 'suggest',
      })
      assert.equal(suggested.status, 200)
      const points = (fieldValue(suggested, 'key_points') ?? '').split('\n')
      assert.ok(points.length >= 3 && points.length <= 5, points.join(' | '))
      for (const point of points) assert.ok(body.includes(point), `from the body: ${point}`)
      assert.ok(!points.includes('Paying for it'), 'never a subheading')
      assert.equal(fieldValue(suggested, 'headline'), headline)
      assert.equal(fieldValue(suggested, 'body'), body)
      assert.match(textOf(suggested.document.querySelector('#suggest-status')), /Nothing is saved/)
      // What the writer had typed is shown beside the proposals, not lost.
      assert.equal(
        textOf(suggested.document.querySelector('.previous-key-points li')),
        'A point of my own.',
      )
      const unchanged = await stored(ctx, draft.id)
      assert.equal(unchanged.version, draft.version)
      assert.deepEqual(unchanged.keyPoints, draft.keyPoints)

      // With JavaScript: the same proposals as JSON, and the same CSRF rule as every POST.
      const asked = await e.post('/admin/key-points/suggest', { body, headline })
      assert.equal(asked.status, 200)
      assert.deepEqual(JSON.parse(asked.html), { keyPoints: points })
      const forged = await e.postRaw('/admin/key-points/suggest', { body, headline })
      assert.equal(forged.status, 403)
      assert.equal(
        (JSON.parse(forged.html) as { error: { code: string } }).error.code,
        'bad_csrf_token',
      )
    })

    test('newsroom pages are never cached; the public site never sets a cookie', async (t) => {
      const { ctx, server } = await setup(t, dialect)
      const editor = await createStaff(ctx, 'editor')
      const { article } = await importArticle(ctx)
      const anonymous = new AdminClient(server.url)
      const client = await signedIn(server, editor)
      const adminResponses = [
        await anonymous.get('/admin/login'),
        await anonymous.get('/admin'),
        await anonymous.post('/admin/articles', { headline: 'x' }),
        await client.get('/admin'),
        await client.get(`/admin/articles/${article.id}`),
        await client.get('/admin/articles/00000000-0000-0000-0000-000000000000'),
        await client.post('/admin/preview', { body: 'Hello' }),
      ]
      for (const page of adminResponses) {
        assert.equal(
          page.response.headers.get('cache-control'),
          'private, no-store',
          page.response.url,
        )
      }
      for (const path of [
        '/',
        '/news',
        pathOf(article),
        '/authors/ada-brekke',
        '/no-such-page',
        '/robots.txt',
      ]) {
        // A signed-in browser's cookies are scoped to /admin; even if sent, no cookie comes back.
        const response = await fetch(server.url + path, {
          headers: { cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
          redirect: 'manual',
        })
        assert.deepEqual(response.headers.getSetCookie(), [], path)
        // A page fetched with a session is for that person only: no CDN or browser may share it.
        assert.match(response.headers.get('cache-control') ?? '', /no-store/, path)
        await response.arrayBuffer()
      }
    })
  })
}
