// THE authorization matrix: every route the newsroom registers, for no session
// and for each role, over real HTTP against the running app. POSTs go straight
// to the server with a valid CSRF token, bypassing the UI, so only authorization
// decides; they name other people's drafts too. A refused request must change
// nothing in the database.
//
// The routes are read from the app itself. A route with no row here fails the
// test: when you add a newsroom route, add its row to MATRIX.
//
// On SQLite only. Who may do what is decided in one module (domain/access/
// policy.ts), before any store is asked; each feature's own tests run on both
// databases. On PostgreSQL the matrix took 88 s of CI's 20 minutes (52 s on
// SQLite), for the same rules.
import assert from 'node:assert/strict'
import { describe, test, type TestContext } from 'node:test'
import { COMMAND_LINE } from '../../src/domain/access/policy.js'
import type { Article } from '../../src/domain/articles/article.js'
import { startTestServer, type TestServer } from '../helpers/app.js'
import { createTestContext, type TestAppContext } from '../helpers/context.js'
import type { DialectName } from '../helpers/dialects.js'
import { importArticle } from '../helpers/factories.js'
import { photo } from '../helpers/images.js'
import {
  AdminClient,
  createStaff,
  replayedValues,
  STAFF_PASSWORD,
  type AdminPage,
  type FormFields,
  type Staff,
} from './admin-session.js'
import { changes, registeredRoutes, snapshot } from './world-snapshot.js'

type Who = 'anonymous' | 'contributor' | 'editor' | 'admin'
const WHO: readonly Who[] = ['anonymous', 'contributor', 'editor', 'admin']

/**
 * What a request must get: an exact status, or 'sign-in' — without a session,
 * a GET is sent to the sign-in page (303 with ?next=) and a POST gets a 401
 * sign-in page that keeps what was submitted.
 */
type Outcome = number | 'sign-in'
type Expectation = Record<Who, Outcome>

interface World {
  ctx: TestAppContext
  server: TestServer
  /** The contributor who acts in the contributor column; other people's drafts are the colleague's. */
  writer: Staff
  colleague: Staff
  editor: Staff
  admin: Staff
  draftBy(owner: Staff): Promise<Article>
  inReviewBy(owner: Staff): Promise<Article>
  /** A published article no one in the matrix created (imported). */
  published(): Promise<Article>
}

interface Target {
  path: string
  form?: FormFields
  /** Files sent as the upload form sends them (multipart), instead of `form`. */
  files?: { name: string; bytes: Uint8Array }[]
  /** The article the request is about, if any. */
  article?: Article
  /** The image the request is about, if any. */
  mediaId?: string
  /** The API token the request is about, if any. */
  tokenId?: string
}

interface Case {
  what: string
  /** Makes fresh fixtures for one request; `me` is who makes it (undefined: no session). */
  prepare(world: World, me: Staff | undefined): Promise<Target>
  expect: Expectation
  /** After an allowed request: asserts that it did what it says. */
  then?(world: World, target: Target, me: Staff): Promise<void>
  /** The form carries passwords: without a session, none of it is written back into the page. */
  secret?: boolean
}

const signedIn = (status: number): Expectation => ({
  anonymous: 'sign-in',
  contributor: status,
  editor: status,
  admin: status,
})
const editorsOnly = (status: number, contributor = 403): Expectation => ({
  anonymous: 'sign-in',
  contributor,
  editor: status,
  admin: status,
})
const adminsOnly = (status: number): Expectation => ({
  anonymous: 'sign-in',
  contributor: 403,
  editor: 403,
  admin: status,
})

let unique = 0
const mark = () => `${++unique}-${Math.random().toString(36).slice(2, 7)}`

/** The editor form's fields for an article, as the page would send them back. */
function editorFields(article: Article, changes: FormFields = {}): FormFields {
  return {
    headline: article.headline,
    standfirst: article.standfirst,
    dateline: article.dateline,
    body: article.body,
    key_points: article.keyPoints.join('\n'),
    section: article.section.slug,
    byline: article.bylines.map((author) => author.name),
    tags: article.tags.map((tag) => tag.name).join(', '),
    slug: article.slug,
    version: article.version,
    ...changes,
  }
}

async function current(world: World, article: Article): Promise<Article | undefined> {
  return world.ctx.stores.articles.findById(article.id)
}

/** A fresh webhook, registered by the command line; its id. */
async function webhookIn(world: World): Promise<string> {
  const { endpoint } = await world.ctx.services.webhooks.create(COMMAND_LINE, {
    url: `https://hooks.example/${mark()}`,
    description: '',
    events: ['article.published'],
    enabled: true,
  })
  return endpoint.id
}

/** An article route's cases over the usual targets: own draft, a colleague's draft, … */
const articlePath =
  (suffix = '') =>
  (article: Article) =>
    `/admin/articles/${article.id}${suffix}`

/**
 * Every newsroom route, keyed "METHOD /admin/path" as the app registers it.
 * HEAD is not listed: Fastify derives it from GET, and the guard treats it as GET.
 */
const MATRIX: Record<string, Case[]> = {
  'GET /admin/login': [
    {
      what: 'the sign-in page (signed-in people are sent on)',
      prepare: async () => ({ path: '/admin/login' }),
      expect: { anonymous: 200, contributor: 303, editor: 303, admin: 303 },
    },
  ],
  'POST /admin/login': [
    {
      what: 'signing in with the right password',
      prepare: async (world, me) => {
        const who = me ?? world.writer
        return {
          path: '/admin/login',
          form: { email: who.email, password: STAFF_PASSWORD, next: '/admin' },
        }
      },
      expect: { anonymous: 303, contributor: 303, editor: 303, admin: 303 },
    },
  ],
  'POST /admin/logout': [
    {
      what: 'signing out',
      prepare: async () => ({ path: '/admin/logout', form: {} }),
      expect: signedIn(303),
    },
  ],
  'GET /admin': [
    { what: 'the dashboard', prepare: async () => ({ path: '/admin' }), expect: signedIn(200) },
  ],
  'GET /admin/account': [
    {
      what: 'your account',
      prepare: async () => ({ path: '/admin/account' }),
      expect: signedIn(200),
    },
  ],
  'GET /admin/account/tokens': [
    {
      what: 'your API tokens',
      prepare: async () => ({ path: '/admin/account/tokens' }),
      expect: signedIn(200),
    },
  ],
  'POST /admin/account/tokens': [
    {
      what: 'making yourself an API token',
      prepare: async () => ({ path: '/admin/account/tokens', form: { name: `Tool ${mark()}` } }),
      expect: signedIn(200),
      then: async (world, target, me) => {
        const tokens = await world.ctx.services.apiTokens.list(me.actor, me.user.id)
        assert.ok(tokens.some((token) => token.name === target.form?.name && token.usable))
      },
    },
  ],
  'GET /admin/users/:id/tokens': [
    {
      what: "a colleague's API tokens",
      prepare: async (world) => ({ path: `/admin/users/${world.colleague.user.id}/tokens` }),
      expect: adminsOnly(200),
    },
  ],
  'POST /admin/users/:id/tokens': [
    {
      what: 'making a colleague an API token',
      prepare: async (world) => ({
        path: `/admin/users/${world.colleague.user.id}/tokens`,
        form: { name: `Integration ${mark()}`, expires: '30' },
      }),
      expect: adminsOnly(200),
      then: async (world, target) => {
        const tokens = await world.ctx.stores.apiTokens.listForUser(world.colleague.user.id)
        assert.ok(tokens.some((token) => token.name === target.form?.name && token.expiresAt))
      },
    },
  ],
  'POST /admin/tokens/:id/revoke': [
    {
      what: 'revoking your own API token',
      prepare: async (world, me) => {
        const owner = me ?? world.writer
        const { record } = await world.ctx.services.apiTokens.create(COMMAND_LINE, {
          userId: owner.user.id,
          name: `Mine ${mark()}`,
        })
        return { path: `/admin/tokens/${record.id}/revoke`, form: {}, tokenId: record.id }
      },
      expect: signedIn(303),
      then: async (world, target) => {
        const token = await world.ctx.stores.apiTokens.findById(target.tokenId ?? '')
        assert.ok(token?.revokedAt, 'revoked')
      },
    },
    {
      what: "revoking a colleague's API token",
      prepare: async (world) => {
        const { record } = await world.ctx.services.apiTokens.create(COMMAND_LINE, {
          userId: world.colleague.user.id,
          name: `Theirs ${mark()}`,
        })
        return { path: `/admin/tokens/${record.id}/revoke`, form: {}, tokenId: record.id }
      },
      expect: adminsOnly(303),
      then: async (world, target) => {
        const token = await world.ctx.stores.apiTokens.findById(target.tokenId ?? '')
        assert.ok(token?.revokedAt, 'revoked')
      },
    },
  ],
  'POST /admin/account/password': [
    {
      what: 'changing your own password',
      secret: true,
      prepare: async () => ({
        path: '/admin/account/password',
        form: { current: STAFF_PASSWORD, next: STAFF_PASSWORD },
      }),
      expect: signedIn(303),
    },
  ],
  'GET /admin/login/code': [
    {
      what: 'the code page, with no sign-in under way (sent to sign in, or on)',
      prepare: async () => ({ path: '/admin/login/code' }),
      expect: { anonymous: 303, contributor: 303, editor: 303, admin: 303 },
    },
  ],
  'POST /admin/login/code': [
    {
      what: 'a code, with no sign-in under way',
      prepare: async () => ({
        path: '/admin/login/code',
        form: { code: '123456', next: '/admin' },
      }),
      expect: { anonymous: 401, contributor: 401, editor: 401, admin: 401 },
    },
  ],
  'POST /admin/reauth': [
    {
      what: 'giving your password again',
      secret: true,
      prepare: async () => ({
        path: '/admin/reauth',
        form: { password: STAFF_PASSWORD, replay_to: '/admin/account/two-factor/setup' },
      }),
      expect: signedIn(200),
    },
  ],
  'GET /admin/account/two-factor': [
    {
      what: 'your two-factor sign-in',
      prepare: async () => ({ path: '/admin/account/two-factor' }),
      expect: signedIn(200),
    },
  ],
  'POST /admin/account/two-factor/setup': [
    {
      what: 'starting to set up two-factor sign-in',
      prepare: async () => ({ path: '/admin/account/two-factor/setup', form: {} }),
      expect: signedIn(200),
      then: async (world, _target, me) => {
        const record = await world.ctx.stores.twoFactor.find(me.user.id)
        assert.ok(record && record.confirmedAt === null, 'a setup under way')
        await world.ctx.stores.twoFactor.remove(me.user.id)
      },
    },
  ],
  'POST /admin/account/two-factor/confirm': [
    {
      what: 'confirming a setup that was never started',
      prepare: async () => ({
        path: '/admin/account/two-factor/confirm',
        form: { code: '123456' },
      }),
      expect: signedIn(409),
    },
  ],
  'POST /admin/account/two-factor/recovery-codes': [
    {
      what: 'new recovery codes, with two-factor sign-in off',
      prepare: async () => ({ path: '/admin/account/two-factor/recovery-codes', form: {} }),
      expect: signedIn(409),
    },
  ],
  'POST /admin/account/two-factor/disable': [
    {
      what: 'turning off two-factor sign-in that is off',
      secret: true,
      prepare: async () => ({
        path: '/admin/account/two-factor/disable',
        form: { password: STAFF_PASSWORD },
      }),
      expect: signedIn(409),
    },
  ],
  'GET /admin/articles/new': [
    {
      what: 'a blank editor',
      prepare: async () => ({ path: '/admin/articles/new' }),
      expect: signedIn(200),
    },
  ],
  'POST /admin/articles': [
    {
      what: 'creating a draft',
      prepare: async () => {
        const headline = `A new draft ${mark()}`
        return {
          path: '/admin/articles',
          form: {
            headline,
            standfirst: '',
            dateline: '',
            body: 'Text.',
            key_points: '',
            section: 'news',
            byline: ['Someone New'],
            tags: '',
            slug: '',
            version: 0,
            intent: 'save',
          },
        }
      },
      expect: signedIn(303),
      then: async (world, target, me) => {
        const [created] = await world.ctx.stores.articles.listForNewsroom(
          { headline: String(target.form?.headline) },
          { limit: 5, offset: 0 },
        )
        assert.equal(created?.createdBy, me.user.id)
        assert.equal(created?.status, 'draft')
      },
    },
  ],
  'GET /admin/articles/:id': [
    {
      what: "the contributor's own draft",
      prepare: async (world) => {
        const article = await world.draftBy(world.writer)
        return { path: articlePath()(article), article }
      },
      expect: signedIn(200),
    },
    {
      what: "someone else's draft",
      prepare: async (world) => {
        const article = await world.draftBy(world.colleague)
        return { path: articlePath()(article), article }
      },
      expect: editorsOnly(200, 404),
    },
    {
      what: 'a published article',
      prepare: async (world) => {
        const article = await world.published()
        return { path: articlePath()(article), article }
      },
      expect: editorsOnly(200, 404),
    },
  ],
  'POST /admin/articles/:id': [
    {
      what: "saving the contributor's own draft",
      prepare: async (world) => {
        const article = await world.draftBy(world.writer)
        return {
          path: articlePath()(article),
          article,
          form: editorFields(article, { headline: `Changed ${mark()}`, intent: 'save' }),
        }
      },
      expect: signedIn(303),
      then: async (world, target) => {
        assert.equal((await current(world, target.article!))?.headline, target.form?.headline)
      },
    },
    {
      what: "saving someone else's draft",
      prepare: async (world) => {
        const article = await world.draftBy(world.colleague)
        return {
          path: articlePath()(article),
          article,
          form: editorFields(article, { headline: `Changed ${mark()}`, intent: 'save' }),
        }
      },
      expect: editorsOnly(303, 404),
      then: async (world, target) => {
        assert.equal((await current(world, target.article!))?.headline, target.form?.headline)
      },
    },
    {
      what: "saving the contributor's own article once it is in review",
      prepare: async (world) => {
        const article = await world.inReviewBy(world.writer)
        return {
          path: articlePath()(article),
          article,
          form: editorFields(article, { headline: `Changed ${mark()}`, intent: 'save' }),
        }
      },
      expect: editorsOnly(303, 403),
      then: async (world, target) => {
        assert.equal((await current(world, target.article!))?.headline, target.form?.headline)
      },
    },
    {
      what: "publishing the contributor's own draft (with a change)",
      prepare: async (world) => {
        const article = await world.draftBy(world.writer)
        return {
          path: articlePath()(article),
          article,
          form: editorFields(article, { headline: `Changed ${mark()}`, intent: 'publish' }),
        }
      },
      expect: editorsOnly(303),
      then: async (world, target) => {
        const after = await current(world, target.article!)
        assert.equal(after?.status, 'published')
        assert.equal(after?.headline, target.form?.headline)
      },
    },
    {
      what: "scheduling the contributor's own draft",
      prepare: async (world) => {
        const article = await world.draftBy(world.writer)
        return {
          path: articlePath()(article),
          article,
          form: editorFields(article, { intent: 'schedule', scheduled_for: '2030-01-01T09:00' }),
        }
      },
      expect: editorsOnly(303),
      then: async (world, target) => {
        assert.equal((await current(world, target.article!))?.status, 'scheduled')
      },
    },
    {
      what: "submitting the contributor's own draft",
      prepare: async (world) => {
        const article = await world.draftBy(world.writer)
        return {
          path: articlePath()(article),
          article,
          form: editorFields(article, { intent: 'submit' }),
        }
      },
      expect: signedIn(303),
      then: async (world, target) => {
        assert.equal((await current(world, target.article!))?.status, 'in_review')
      },
    },
    {
      what: "submitting someone else's draft",
      prepare: async (world) => {
        const article = await world.draftBy(world.colleague)
        return {
          path: articlePath()(article),
          article,
          form: editorFields(article, { intent: 'submit' }),
        }
      },
      expect: editorsOnly(303, 404),
    },
    {
      what: 'unpublishing a published article',
      prepare: async (world) => {
        const article = await world.published()
        return {
          path: articlePath()(article),
          article,
          form: editorFields(article, { intent: 'unpublish', confirm: 'yes' }),
        }
      },
      expect: editorsOnly(303, 404),
      then: async (world, target) => {
        assert.equal((await current(world, target.article!))?.status, 'unpublished')
      },
    },
  ],
  'GET /admin/articles/:id/unpublish': [
    {
      what: 'the page that asks before unpublishing',
      prepare: async (world) => {
        const article = await world.published()
        return { path: articlePath('/unpublish')(article), article }
      },
      expect: editorsOnly(200, 404),
    },
  ],
  'POST /admin/articles/:id/unpublish': [
    {
      what: 'unpublishing, confirmed',
      prepare: async (world) => {
        const article = await world.published()
        return {
          path: articlePath('/unpublish')(article),
          article,
          form: { version: article.version, confirm: 'yes' },
        }
      },
      expect: editorsOnly(303, 404),
      then: async (world, target) => {
        assert.equal((await current(world, target.article!))?.status, 'unpublished')
      },
    },
  ],
  'GET /admin/articles/:id/restore': [
    {
      what: "the page that asks before restoring the contributor's own draft",
      prepare: async (world) => {
        const article = await world.draftBy(world.writer)
        return { path: `${articlePath('/restore')(article)}?version=1`, article }
      },
      expect: signedIn(200),
    },
    {
      what: "the page that asks before restoring someone else's draft",
      prepare: async (world) => {
        const article = await world.draftBy(world.colleague)
        return { path: `${articlePath('/restore')(article)}?version=1`, article }
      },
      expect: editorsOnly(200, 404),
    },
  ],
  'GET /admin/articles/:id/delete': [
    {
      what: "the delete page for the contributor's own draft",
      prepare: async (world) => {
        const article = await world.draftBy(world.writer)
        return { path: articlePath('/delete')(article), article }
      },
      expect: editorsOnly(200),
    },
    {
      what: "the delete page for someone else's draft",
      prepare: async (world) => {
        const article = await world.draftBy(world.colleague)
        return { path: articlePath('/delete')(article), article }
      },
      expect: editorsOnly(200, 404),
    },
  ],
  'POST /admin/articles/:id/delete': [
    {
      what: "deleting the contributor's own draft",
      prepare: async (world) => {
        const article = await world.draftBy(world.writer)
        return { path: articlePath('/delete')(article), article, form: { confirm: 'yes' } }
      },
      expect: editorsOnly(303),
      then: async (world, target) => {
        assert.equal(await current(world, target.article!), undefined)
      },
    },
    {
      what: "deleting someone else's draft",
      prepare: async (world) => {
        const article = await world.draftBy(world.colleague)
        return { path: articlePath('/delete')(article), article, form: { confirm: 'yes' } }
      },
      expect: editorsOnly(303, 404),
      then: async (world, target) => {
        assert.equal(await current(world, target.article!), undefined)
      },
    },
    {
      what: 'deleting a published article (refused for everyone: unpublish first)',
      prepare: async (world) => {
        const article = await world.published()
        return { path: articlePath('/delete')(article), article, form: { confirm: 'yes' } }
      },
      expect: editorsOnly(409, 404),
    },
  ],
  'POST /admin/articles/:id/autosave': [
    {
      what: "autosaving the contributor's own draft",
      prepare: async (world) => {
        const article = await world.draftBy(world.writer)
        return {
          path: articlePath('/autosave')(article),
          article,
          form: editorFields(article, { body: `Autosaved ${mark()}` }),
        }
      },
      expect: signedIn(200),
      then: async (world, target) => {
        assert.equal((await current(world, target.article!))?.body, target.form?.body)
      },
    },
    {
      what: "autosaving someone else's draft",
      prepare: async (world) => {
        const article = await world.draftBy(world.colleague)
        return {
          path: articlePath('/autosave')(article),
          article,
          form: editorFields(article, { body: `Autosaved ${mark()}` }),
        }
      },
      expect: editorsOnly(200, 404),
    },
    {
      what: "autosaving the contributor's own article in review",
      prepare: async (world) => {
        const article = await world.inReviewBy(world.writer)
        return {
          path: articlePath('/autosave')(article),
          article,
          form: editorFields(article, { body: `Autosaved ${mark()}` }),
        }
      },
      expect: editorsOnly(200, 403),
    },
    {
      what: 'autosaving a published article (never: published articles are saved by hand)',
      prepare: async (world) => {
        const article = await world.published()
        return {
          path: articlePath('/autosave')(article),
          article,
          form: editorFields(article, { body: `Autosaved ${mark()}` }),
        }
      },
      expect: editorsOnly(409, 404),
    },
  ],
  'POST /admin/preview': [
    {
      what: 'the live preview',
      prepare: async () => ({
        path: '/admin/preview',
        form: { headline: `Preview ${mark()}`, body: 'Some *text*.', dateline: 'OSLO' },
      }),
      expect: signedIn(200),
    },
  ],
  'GET /admin/articles/:id/history': [
    {
      what: "the history of the contributor's own draft",
      prepare: async (world) => {
        const article = await world.draftBy(world.writer)
        return { path: articlePath('/history')(article), article }
      },
      expect: signedIn(200),
    },
    {
      what: "the history of someone else's draft",
      prepare: async (world) => {
        const article = await world.draftBy(world.colleague)
        return { path: articlePath('/history')(article), article }
      },
      expect: editorsOnly(200, 404),
    },
  ],
  'GET /admin/articles/:id/previews': [
    {
      what: "the preview links of the contributor's own draft",
      prepare: async (world) => {
        const article = await world.draftBy(world.writer)
        return { path: articlePath('/previews')(article), article }
      },
      expect: signedIn(200),
    },
    {
      what: "the preview links of someone else's draft",
      prepare: async (world) => {
        const article = await world.draftBy(world.colleague)
        return { path: articlePath('/previews')(article), article }
      },
      expect: editorsOnly(200, 404),
    },
  ],
  'POST /admin/articles/:id/previews': [
    {
      what: "a preview link for the contributor's own draft",
      prepare: async (world) => {
        const article = await world.draftBy(world.writer)
        return { path: articlePath('/previews')(article), article, form: { duration: '1h' } }
      },
      expect: signedIn(200),
      then: async (world, target, me) => {
        assert.equal(
          (await world.ctx.services.previews.live(me.actor, target.article!.id)).length,
          1,
        )
      },
    },
    {
      what: "a preview link for someone else's draft",
      prepare: async (world) => {
        const article = await world.draftBy(world.colleague)
        return { path: articlePath('/previews')(article), article, form: { duration: '7d' } }
      },
      expect: editorsOnly(200, 404),
    },
    {
      what: "a preview link for the contributor's own draft in review (no longer theirs to edit)",
      prepare: async (world) => {
        const article = await world.inReviewBy(world.writer)
        return { path: articlePath('/previews')(article), article, form: { duration: '1h' } }
      },
      expect: editorsOnly(200, 403),
    },
  ],
  'POST /admin/articles/:id/previews/:link/revoke': [
    {
      what: "revoking a preview link of the contributor's own draft",
      prepare: async (world) => {
        const article = await world.draftBy(world.writer)
        const { link } = await world.ctx.services.previews.create(
          world.writer.actor,
          article.id,
          '1h',
        )
        return { path: articlePath(`/previews/${link.id}/revoke`)(article), article, form: {} }
      },
      expect: signedIn(303),
      then: async (world, target, me) => {
        assert.deepEqual(await world.ctx.services.previews.live(me.actor, target.article!.id), [])
      },
    },
    {
      what: "revoking a preview link of someone else's draft",
      prepare: async (world) => {
        const article = await world.draftBy(world.colleague)
        const { link } = await world.ctx.services.previews.create(
          world.colleague.actor,
          article.id,
          '1h',
        )
        return { path: articlePath(`/previews/${link.id}/revoke`)(article), article, form: {} }
      },
      expect: editorsOnly(303, 404),
    },
  ],
  'POST /admin/articles/:id/restore': [
    {
      what: "restoring version 1 of the contributor's own draft",
      prepare: async (world) => {
        const article = await world.draftBy(world.writer)
        return {
          path: articlePath('/restore')(article),
          article,
          form: { version: 1, base_version: article.version },
        }
      },
      expect: signedIn(303),
      then: async (world, target) => {
        const after = await current(world, target.article!)
        assert.equal(after?.version, target.article!.version + 1)
      },
    },
    {
      what: "restoring someone else's draft",
      prepare: async (world) => {
        const article = await world.draftBy(world.colleague)
        return {
          path: articlePath('/restore')(article),
          article,
          form: { version: 1, base_version: article.version },
        }
      },
      expect: editorsOnly(303, 404),
    },
    {
      what: "restoring the contributor's own article in review",
      prepare: async (world) => {
        const article = await world.inReviewBy(world.writer)
        return {
          path: articlePath('/restore')(article),
          article,
          form: { version: 1, base_version: article.version },
        }
      },
      expect: editorsOnly(303, 403),
    },
  ],
  'GET /admin/users': [
    {
      what: 'the list of users',
      prepare: async () => ({ path: '/admin/users' }),
      expect: adminsOnly(200),
    },
  ],
  'GET /admin/users/new': [
    {
      what: 'the new-user form',
      prepare: async () => ({ path: '/admin/users/new' }),
      expect: adminsOnly(200),
    },
  ],
  'POST /admin/users': [
    {
      what: 'creating an admin account',
      prepare: async () => {
        const name = `Made Up ${mark()}`
        return {
          path: '/admin/users',
          form: {
            email: `${name.replace(/\W+/g, '.').toLowerCase()}@news.example`,
            displayName: name,
            role: 'admin',
          },
        }
      },
      expect: adminsOnly(201),
      then: async (world, target) => {
        const user = await world.ctx.stores.users.findByEmailWithHash(String(target.form?.email))
        assert.equal(user?.role, 'admin')
      },
    },
  ],
  'GET /admin/users/:id': [
    {
      what: "a colleague's account",
      prepare: async (world) => ({ path: `/admin/users/${world.colleague.user.id}` }),
      expect: adminsOnly(200),
    },
  ],
  'POST /admin/users/:id': [
    {
      what: 'making yourself an admin',
      prepare: async (world, me) => {
        const who = me ?? world.writer
        return {
          path: `/admin/users/${who.user.id}`,
          form: { displayName: who.user.displayName, role: 'admin' },
        }
      },
      expect: adminsOnly(303),
    },
    {
      what: 'making a colleague an admin',
      prepare: async (world) => ({
        path: `/admin/users/${world.colleague.user.id}`,
        form: { displayName: world.colleague.user.displayName, role: 'admin' },
      }),
      expect: adminsOnly(303),
      then: async (world) => {
        assert.equal(
          (await world.ctx.stores.users.findById(world.colleague.user.id))?.role,
          'admin',
        )
        // Put things back for the rows after this one.
        await world.ctx.stores.users.update(world.colleague.user.id, {
          role: 'contributor',
          updatedAt: world.ctx.clock.now(),
        })
      },
    },
  ],
  'POST /admin/users/:id/deactivate': [
    {
      what: "deactivating a colleague's account",
      prepare: async (world) => ({
        path: `/admin/users/${world.colleague.user.id}/deactivate`,
        form: {},
      }),
      expect: adminsOnly(303),
      then: async (world) => {
        assert.equal(
          (await world.ctx.stores.users.findById(world.colleague.user.id))?.active,
          false,
        )
        await world.ctx.stores.users.update(world.colleague.user.id, {
          active: true,
          updatedAt: world.ctx.clock.now(),
        })
      },
    },
  ],
  'POST /admin/users/:id/activate': [
    {
      what: "reactivating a colleague's account",
      prepare: async (world) => {
        await world.ctx.stores.users.update(world.colleague.user.id, {
          active: false,
          updatedAt: world.ctx.clock.now(),
        })
        return { path: `/admin/users/${world.colleague.user.id}/activate`, form: {} }
      },
      expect: adminsOnly(303),
      then: async (world) => {
        assert.equal((await world.ctx.stores.users.findById(world.colleague.user.id))?.active, true)
      },
    },
  ],
  'POST /admin/users/:id/password': [
    {
      what: "resetting a colleague's password",
      prepare: async (world) => ({
        path: `/admin/users/${world.colleague.user.id}/password`,
        form: {},
      }),
      expect: adminsOnly(200),
    },
  ],
  'POST /admin/users/:id/two-factor/reset': [
    {
      what: "turning off a colleague's two-factor sign-in",
      prepare: async (world) => {
        const id = world.colleague.user.id
        await world.ctx.stores.twoFactor.begin(id, 'sealed', world.ctx.clock.now())
        await world.ctx.stores.twoFactor.confirm(id, world.ctx.clock.now())
        return { path: `/admin/users/${id}/two-factor/reset`, form: {} }
      },
      expect: adminsOnly(303),
      then: async (world) => {
        assert.equal(await world.ctx.stores.twoFactor.find(world.colleague.user.id), undefined)
      },
    },
  ],
  'GET /admin/sections': [
    {
      what: 'the sections',
      prepare: async () => ({ path: '/admin/sections' }),
      expect: adminsOnly(200),
    },
  ],
  'POST /admin/sections': [
    {
      what: 'adding a section',
      prepare: async () => ({
        path: '/admin/sections',
        form: { name: `Weather ${mark()}`, slug: '' },
      }),
      expect: adminsOnly(303),
    },
  ],
  'POST /admin/sections/:slug/rename': [
    {
      what: 'renaming a section',
      prepare: async () => ({
        path: '/admin/sections/sport/rename',
        form: { name: `Sport ${mark()}` },
      }),
      expect: adminsOnly(303),
    },
  ],
  'POST /admin/sections/:slug/move': [
    {
      what: 'moving a section',
      prepare: async () => ({ path: '/admin/sections/sport/move', form: { direction: 'up' } }),
      expect: adminsOnly(303),
    },
  ],
  'GET /admin/webhooks': [
    {
      what: 'the webhooks',
      prepare: async () => ({ path: '/admin/webhooks' }),
      expect: adminsOnly(200),
    },
  ],
  'POST /admin/webhooks': [
    {
      what: 'adding a webhook',
      prepare: async () => ({
        path: '/admin/webhooks',
        form: {
          url: `https://hooks.example/${mark()}`,
          events: ['article.published'],
          enabled: 'yes',
        },
      }),
      expect: adminsOnly(200),
    },
  ],
  'GET /admin/webhooks/:id': [
    {
      what: 'a webhook and its delivery log',
      prepare: async (world) => ({ path: `/admin/webhooks/${await webhookIn(world)}` }),
      expect: adminsOnly(200),
    },
  ],
  'POST /admin/webhooks/:id': [
    {
      what: 'changing a webhook',
      prepare: async (world) => ({
        path: `/admin/webhooks/${await webhookIn(world)}`,
        form: { url: `https://hooks.example/${mark()}`, events: ['comment.held'] },
      }),
      expect: adminsOnly(303),
    },
  ],
  'POST /admin/webhooks/:id/rotate': [
    {
      what: "replacing a webhook's secret",
      prepare: async (world) => ({ path: `/admin/webhooks/${await webhookIn(world)}/rotate` }),
      expect: adminsOnly(200),
    },
  ],
  'POST /admin/webhooks/:id/test': [
    {
      what: 'sending a test event',
      prepare: async (world) => ({ path: `/admin/webhooks/${await webhookIn(world)}/test` }),
      expect: adminsOnly(303),
    },
  ],
  'POST /admin/webhooks/:id/delete': [
    {
      what: 'deleting a webhook',
      prepare: async (world) => ({ path: `/admin/webhooks/${await webhookIn(world)}/delete` }),
      expect: adminsOnly(303),
    },
  ],
  'GET /admin/redirects': [
    {
      what: 'the redirects',
      prepare: async () => ({ path: '/admin/redirects' }),
      expect: editorsOnly(200),
    },
  ],
  'POST /admin/redirects': [
    {
      what: 'adding a redirect',
      prepare: async () => ({
        path: '/admin/redirects',
        form: { from: `/old/${mark()}`, to: '/news' },
      }),
      expect: editorsOnly(303),
    },
  ],
  'POST /admin/redirects/remove': [
    {
      what: 'removing a redirect',
      prepare: async (world) => {
        const from = `/gone/${mark()}`
        await world.ctx.services.redirects.save(COMMAND_LINE, { from, to: '/news' })
        return { path: '/admin/redirects/remove', form: { from } }
      },
      expect: editorsOnly(303),
    },
  ],
  'POST /admin/redirects/csv': [
    {
      what: 'adding redirects from a CSV file',
      prepare: async () => ({
        path: '/admin/redirects/csv',
        form: { csv: `/csv/${mark()},/news\n` },
      }),
      expect: editorsOnly(303),
    },
  ],
  'GET /admin/comments': [
    {
      what: 'the moderation queue',
      prepare: async () => ({ path: '/admin/comments' }),
      expect: editorsOnly(200),
    },
  ],
  'POST /admin/comments': [
    {
      what: "approving a reader's comment",
      prepare: async (world) => {
        const article = await world.published()
        const comment = await world.ctx.services.comments.addDirectly(COMMAND_LINE, {
          articleId: article.id,
          parentId: null,
          name: 'A Reader',
          body: `A comment waiting for a moderator ${mark()}`,
          status: 'pending',
          createdAt: world.ctx.clock.now(),
        })
        return { path: '/admin/comments', form: { single: `approve:${comment.id}` } }
      },
      expect: editorsOnly(303),
      then: async (world, target) => {
        const id = String(target.form?.single).split(':')[1] ?? ''
        assert.equal((await world.ctx.stores.comments.findById(id))?.status, 'approved')
      },
    },
  ],
  'GET /admin/settings': [
    {
      what: 'the site settings',
      prepare: async () => ({ path: '/admin/settings' }),
      expect: adminsOnly(200),
    },
  ],
  'POST /admin/settings/two-factor': [
    {
      what: 'making two-factor sign-in required',
      prepare: async () => ({ path: '/admin/settings/two-factor', form: { required: 'yes' } }),
      expect: adminsOnly(303),
      then: async (world) => {
        assert.equal(await world.ctx.services.twoFactor.isRequired(), true)
        await world.ctx.services.twoFactor.setRequired(COMMAND_LINE, false)
      },
    },
  ],
  'POST /admin/settings/comments': [
    {
      what: 'closing comments site-wide',
      prepare: async () => ({
        path: '/admin/settings/comments',
        form: { mode: 'closed', days: '14', moderation: 'pre', blocked_words: 'spam' },
      }),
      expect: adminsOnly(303),
      then: async (world) => {
        assert.equal((await world.ctx.services.settings.commentSettings()).mode, 'closed')
        await world.ctx.services.settings.updateCommentSettings(COMMAND_LINE, {
          mode: 'days',
          days: 14,
          moderation: 'pre',
          blockedWords: [],
        })
      },
    },
  ],
  'GET /admin/audit': [
    {
      what: 'the audit log',
      prepare: async () => ({ path: '/admin/audit' }),
      expect: adminsOnly(200),
    },
  ],
  'POST /admin/key-points/suggest': [
    {
      what: "suggesting key points from a body (the editor's script asks)",
      prepare: async () => ({
        path: '/admin/key-points/suggest',
        form: {
          headline: 'Harbour wall approved',
          body: 'The council approved the wall on Tuesday. It will cost four million. Work starts in spring. Fishermen welcomed the plan.',
        },
      }),
      expect: signedIn(200),
    },
  ],
  'GET /admin/media': [
    {
      what: 'the media library',
      prepare: async () => ({ path: '/admin/media' }),
      expect: signedIn(200),
    },
  ],
  'POST /admin/media': [
    {
      what: 'uploading a photo',
      prepare: async () => ({
        path: '/admin/media',
        files: [{ name: `upload-${mark()}.jpg`, bytes: await photo({ width: 48, height: 32 }) }],
      }),
      expect: signedIn(303),
      then: async (world, target, me) => {
        const [item] = await world.ctx.stores.media.search(target.files?.[0]?.name ?? '', {
          limit: 2,
          offset: 0,
        })
        assert.equal(item?.createdBy, me.user.id)
      },
    },
  ],
  'GET /admin/media/:id': [
    {
      what: "a colleague's image",
      prepare: async (world) => ({ path: `/admin/media/${await imageBy(world, world.colleague)}` }),
      expect: signedIn(200),
    },
  ],
  'POST /admin/media/:id': [
    {
      what: "changing the contributor's own image",
      prepare: async (world) => imageFields(world, await imageBy(world, world.writer)),
      expect: signedIn(303),
      then: async (world, target) => {
        const item = await world.ctx.stores.media.findById(target.mediaId ?? '')
        assert.equal(item?.alt, target.form?.alt)
      },
    },
    {
      what: "changing a colleague's image",
      prepare: async (world) => imageFields(world, await imageBy(world, world.colleague)),
      expect: editorsOnly(303),
      then: async (world, target) => {
        const item = await world.ctx.stores.media.findById(target.mediaId ?? '')
        assert.equal(item?.alt, target.form?.alt)
      },
    },
  ],
  'POST /admin/media/:id/delete': [
    {
      what: "deleting the contributor's own unused image",
      prepare: async (world) => {
        const id = await imageBy(world, world.writer)
        return { path: `/admin/media/${id}/delete`, form: {}, mediaId: id }
      },
      expect: editorsOnly(303),
      then: async (world, target) => {
        assert.equal(await world.ctx.stores.media.findById(target.mediaId ?? ''), undefined)
      },
    },
  ],
  'GET /admin/pages': [
    {
      what: 'the pages',
      prepare: async () => ({ path: '/admin/pages' }),
      expect: editorsOnly(200),
    },
  ],
  'GET /admin/pages/new': [
    {
      what: 'a blank page',
      prepare: async () => ({ path: '/admin/pages/new' }),
      expect: editorsOnly(200),
    },
  ],
  'POST /admin/pages': [
    {
      what: 'creating a page',
      prepare: async () => ({
        path: '/admin/pages',
        form: {
          title: `About ${mark()}`,
          slug: '',
          description: '',
          body: 'Who we are.',
          version: 0,
        },
      }),
      expect: editorsOnly(303),
    },
  ],
  'GET /admin/pages/:id': [
    {
      what: 'a page in the editor',
      prepare: async (world) => ({ path: `/admin/pages/${(await aPage(world)).id}` }),
      expect: editorsOnly(200),
    },
  ],
  'POST /admin/pages/:id': [
    {
      what: 'saving a page',
      prepare: async (world) => {
        const page = await aPage(world)
        return {
          path: `/admin/pages/${page.id}`,
          form: {
            title: page.title,
            description: '',
            body: 'New text.',
            published: 'yes',
            version: 1,
          },
        }
      },
      expect: editorsOnly(303),
    },
  ],
  'POST /admin/pages/:id/restore': [
    {
      what: "bringing back a page's first version",
      prepare: async (world) => {
        const page = await aPage(world)
        await world.ctx.services.pages.save(COMMAND_LINE, page.id, 1, { ...page, body: 'Changed.' })
        return { path: `/admin/pages/${page.id}/restore`, form: { version: 1 } }
      },
      expect: editorsOnly(303),
    },
  ],
  'POST /admin/pages/:id/delete': [
    {
      what: 'deleting a page',
      prepare: async (world) => ({
        path: `/admin/pages/${(await aPage(world)).id}/delete`,
        form: { confirm: 'yes' },
      }),
      expect: editorsOnly(303),
      then: async (world, target) => {
        const id = target.path.split('/')[3] ?? ''
        assert.equal(await world.ctx.stores.pages.findById(id), undefined)
      },
    },
  ],
  'GET /admin/menus': [
    {
      what: 'the menus',
      prepare: async () => ({ path: '/admin/menus' }),
      expect: editorsOnly(200),
    },
  ],
  'POST /admin/menus': [
    {
      what: 'adding a link to the footer',
      prepare: async () => ({
        path: '/admin/menus',
        form: {
          menu: 'footer',
          kind: 'link',
          label: `Shop ${mark()}`,
          url: 'https://shop.example.com/',
        },
      }),
      expect: editorsOnly(303),
    },
  ],
  'POST /admin/menus/:item/move': [
    {
      what: 'moving a menu link',
      prepare: async (world) => ({
        path: `/admin/menus/${await aMenuLink(world)}/move`,
        form: { direction: 'up' },
      }),
      expect: editorsOnly(303),
    },
  ],
  'POST /admin/menus/:item/remove': [
    {
      what: 'removing a menu link',
      prepare: async (world) => ({
        path: `/admin/menus/${await aMenuLink(world)}/remove`,
        form: {},
      }),
      expect: editorsOnly(303),
    },
  ],
  'POST /admin/sections/delete': [
    {
      what: 'deleting a section into News',
      prepare: async (world) => {
        const section = await world.ctx.services.sections.create(COMMAND_LINE, {
          name: `Gone ${mark()}`,
        })
        return {
          path: '/admin/sections/delete',
          form: { slug: section.slug, into: 'news', confirm: 'yes' },
        }
      },
      expect: adminsOnly(303),
    },
  ],
  'POST /admin/authors/:slug/profile': [
    {
      what: "editing an author's profile",
      prepare: async (world) => ({
        path: `/admin/authors/${await anAuthor(world)}/profile`,
        form: {
          name: `Ann Other ${mark()}`,
          bio: 'Writes.',
          link_label: 'Site',
          link_url: 'https://example.com/',
        },
      }),
      expect: editorsOnly(303),
    },
  ],
  'POST /admin/authors/:slug/merge': [
    {
      what: 'merging one author into another',
      prepare: async (world) => ({
        path: `/admin/authors/${await anAuthor(world)}/merge`,
        form: { into: await anAuthor(world), confirm: 'yes' },
      }),
      expect: editorsOnly(303),
    },
  ],
  'GET /admin/account/profile': [
    {
      what: 'your profile',
      prepare: async () => ({ path: '/admin/account/profile' }),
      expect: signedIn(200),
    },
  ],
  'POST /admin/account/profile': [
    {
      what: 'saving your own profile',
      prepare: async (world, me) => ({
        path: '/admin/account/profile',
        form: {
          name: me?.user.displayName ?? 'Nobody',
          bio: `Bio ${mark()}`,
          photo: '',
          intent: 'save',
        },
      }),
      expect: signedIn(303),
    },
  ],
  'POST /admin/settings/identity': [
    {
      what: "changing the site's tagline",
      prepare: async (world) => {
        const identity = world.ctx.services.identity.current()
        return {
          path: '/admin/settings/identity',
          form: {
            name: identity.name,
            tagline: `Tagline ${mark()}`,
            accent: '#0a5c8f',
            language: identity.language,
            time_zone: identity.timeZone,
            logo: '',
            intent: 'save',
          },
        }
      },
      expect: adminsOnly(303),
    },
  ],
  'GET /admin/tags': [
    {
      what: 'the tags',
      prepare: async (world) => ({ path: `/admin/tags?q=${await aTag(world)}` }),
      expect: editorsOnly(200),
    },
  ],
  'GET /admin/tags/:slug': [
    {
      what: 'a tag',
      prepare: async (world) => ({ path: `/admin/tags/${await aTag(world)}` }),
      expect: editorsOnly(200),
    },
  ],
  'POST /admin/tags/:slug': [
    {
      what: 'renaming a tag',
      prepare: async (world) => ({
        path: `/admin/tags/${await aTag(world)}`,
        form: { name: `Renamed ${mark()}` },
      }),
      expect: editorsOnly(303),
    },
  ],
  'POST /admin/tags/:slug/merge': [
    {
      what: 'merging one tag into another',
      prepare: async (world) => ({
        path: `/admin/tags/${await aTag(world)}/merge`,
        form: { into: await aTag(world), confirm: 'yes' },
      }),
      expect: editorsOnly(303),
    },
  ],
  'GET /admin/authors': [
    {
      what: 'the authors',
      prepare: async (world) => {
        await world.published()
        return { path: '/admin/authors' }
      },
      expect: editorsOnly(200),
    },
  ],
  'GET /admin/authors/:slug': [
    {
      what: "an author's photo",
      prepare: async (world) => {
        await world.published()
        return { path: '/admin/authors/ada-brekke' }
      },
      expect: editorsOnly(200),
    },
  ],
  'POST /admin/authors/:slug': [
    {
      what: "setting an author's photo",
      prepare: async (world) => {
        await world.published()
        const { item } = await world.ctx.services.media.upload(world.editor.actor, {
          bytes: await photo({ width: 48, height: 48 }),
          fileName: `portrait-${mark()}.jpg`,
          fields: { alt: 'A drawn portrait' },
        })
        return {
          path: '/admin/authors/ada-brekke',
          form: { photo: item.id, photo_query: '', intent: 'save' },
          mediaId: item.id,
        }
      },
      expect: editorsOnly(303),
      then: async (world, target) => {
        const author = await world.ctx.stores.authors.findBySlug('ada-brekke')
        assert.equal(author?.photo?.id, target.mediaId)
      },
    },
  ],
  'GET /admin/threads': [
    {
      what: 'the story threads',
      prepare: async () => ({ path: '/admin/threads' }),
      expect: editorsOnly(200),
    },
  ],
  'POST /admin/threads': [
    {
      what: 'starting a story thread',
      prepare: async () => ({
        path: '/admin/threads',
        form: { title: `Harbour wall ${mark()}`, slug: '', description: '' },
      }),
      expect: editorsOnly(303),
    },
  ],
  'GET /admin/threads/:slug': [
    {
      what: 'one story thread',
      prepare: async (world) => ({ path: `/admin/threads/${(await threadOf(world, 0)).slug}` }),
      expect: editorsOnly(200),
    },
  ],
  'POST /admin/threads/:slug': [
    {
      what: 'renaming a thread',
      prepare: async (world) => ({
        path: `/admin/threads/${(await threadOf(world, 0)).slug}`,
        form: { title: `Renamed ${mark()}`, description: 'A running story.' },
      }),
      expect: editorsOnly(303),
    },
  ],
  'POST /admin/threads/:slug/articles': [
    {
      what: 'adding a published article to a thread',
      prepare: async (world) => {
        const article = await world.published()
        const thread = await threadOf(world, 0)
        return {
          path: `/admin/threads/${thread.slug}/articles`,
          form: { article_id: article.id },
          article,
        }
      },
      expect: editorsOnly(303),
      then: async (world, target) => {
        const found = await world.ctx.stores.threads.findByArticle(target.article?.id ?? '')
        assert.ok(found, 'the article is in the thread')
      },
    },
  ],
  'POST /admin/threads/:slug/articles/:id/move': [
    {
      what: 'moving an article up its thread',
      prepare: async (world) => {
        const thread = await threadOf(world, 2)
        const ids = await world.ctx.stores.threads.articleIds(thread.id)
        return {
          path: `/admin/threads/${thread.slug}/articles/${ids[1]}/move`,
          form: { direction: 'up' },
        }
      },
      expect: editorsOnly(303),
    },
  ],
  'POST /admin/threads/:slug/articles/:id/remove': [
    {
      what: 'taking an article out of its thread',
      prepare: async (world) => {
        const thread = await threadOf(world, 1)
        const [id] = await world.ctx.stores.threads.articleIds(thread.id)
        return { path: `/admin/threads/${thread.slug}/articles/${id}/remove`, form: {} }
      },
      expect: editorsOnly(303),
    },
  ],
  'POST /admin/threads/:slug/delete': [
    {
      what: 'deleting an empty thread',
      prepare: async (world) => ({
        path: `/admin/threads/${(await threadOf(world, 0)).slug}/delete`,
        form: {},
      }),
      expect: editorsOnly(303),
      then: async (world, target) => {
        const slug = target.path.split('/')[3] ?? ''
        assert.equal(await world.ctx.stores.threads.findBySlug(slug), undefined)
      },
    },
  ],
  'GET /admin/front-page': [
    {
      what: 'the front-page desk',
      prepare: async () => ({ path: '/admin/front-page' }),
      expect: editorsOnly(200),
    },
  ],
  'POST /admin/front-page/stories': [
    {
      what: 'placing a published story on the front page',
      prepare: async (world) => {
        await clearFront(world)
        const article = await world.published()
        return {
          path: '/admin/front-page/stories',
          form: { article_id: article.id, hours: '' },
          article,
        }
      },
      expect: editorsOnly(303),
      then: async (world, target) => {
        const placed = await world.ctx.stores.frontPage.placements()
        assert.deepEqual(
          placed.map((p) => p.articleId),
          [target.article?.id],
        )
      },
    },
  ],
  'POST /admin/front-page/stories/:id/move': [
    {
      what: 'making the second arranged story the lead',
      prepare: async (world) => {
        const [, second] = await placedStories(world, 2)
        return {
          path: `/admin/front-page/stories/${second?.id}/move`,
          form: { direction: 'lead' },
          article: second,
        }
      },
      expect: editorsOnly(303),
      then: async (world, target) => {
        const [lead] = await world.ctx.stores.frontPage.placements()
        assert.equal(lead?.articleId, target.article?.id)
      },
    },
  ],
  'POST /admin/front-page/stories/:id/pin': [
    {
      what: 'pinning an arranged story for three hours',
      prepare: async (world) => {
        const [story] = await placedStories(world, 1)
        return {
          path: `/admin/front-page/stories/${story?.id}/pin`,
          form: { hours: '3' },
          article: story,
        }
      },
      expect: editorsOnly(303),
      then: async (world) => {
        const [placed] = await world.ctx.stores.frontPage.placements()
        assert.ok(placed?.pinnedUntil, 'pinned')
      },
    },
  ],
  'POST /admin/front-page/stories/:id/remove': [
    {
      what: 'taking a story off the front page',
      prepare: async (world) => {
        const [story] = await placedStories(world, 1)
        return { path: `/admin/front-page/stories/${story?.id}/remove`, form: {}, article: story }
      },
      expect: editorsOnly(303),
      then: async (world) => {
        assert.deepEqual(await world.ctx.stores.frontPage.placements(), [])
      },
    },
  ],
  'POST /admin/front-page/order': [
    {
      what: 'reordering the arranged stories at once',
      prepare: async (world) => {
        const [first, second] = await placedStories(world, 2)
        return {
          path: '/admin/front-page/order',
          form: { order: `${second?.id},${first?.id}` },
          article: second,
        }
      },
      expect: editorsOnly(303),
      then: async (world, target) => {
        const [lead] = await world.ctx.stores.frontPage.placements()
        assert.equal(lead?.articleId, target.article?.id)
      },
    },
  ],
  'POST /admin/front-page/banner': [
    {
      what: 'raising a breaking-news banner',
      prepare: async () => ({
        path: '/admin/front-page/banner',
        form: { text: `Storm warning ${mark()}`, article_id: '', hours: '2' },
      }),
      expect: editorsOnly(303),
      then: async (world, target) => {
        const banner = await world.ctx.stores.frontPage.banner()
        assert.equal(banner?.text, target.form?.text)
      },
    },
  ],
  'POST /admin/front-page/banner/lower': [
    {
      what: 'taking the banner down',
      prepare: async (world) => {
        await world.ctx.services.frontPage.raiseBanner(COMMAND_LINE, {
          text: 'Up',
          articleId: null,
          hours: 1,
        })
        return { path: '/admin/front-page/banner/lower', form: {} }
      },
      expect: editorsOnly(303),
      then: async (world) => {
        assert.equal(await world.ctx.stores.frontPage.banner(), undefined)
      },
    },
  ],
  'POST /admin/front-page/sections/:slug/move': [
    {
      what: "moving a section's block up the home page",
      prepare: async () => ({
        path: '/admin/front-page/sections/politics/move',
        form: { direction: 'up' },
      }),
      expect: editorsOnly(303),
    },
  ],
  'POST /admin/front-page/sections/:slug/show': [
    {
      what: "hiding a section's block on the home page",
      prepare: async () => ({
        path: '/admin/front-page/sections/sport/show',
        form: { shown: 'no' },
      }),
      expect: editorsOnly(303),
      then: async (world) => {
        const blocks = await world.ctx.stores.frontPage.sectionBlocks()
        const sport = await world.ctx.stores.sections.findBySlug('sport')
        assert.equal(blocks.find((block) => block.sectionId === sport?.id)?.shown, false)
      },
    },
  ],
}

/** Empties the arranged front page, so each case starts from nothing. */
async function clearFront(world: World): Promise<void> {
  await world.ctx.stores.frontPage.replacePlacements([])
}

/** `count` freshly published stories, arranged on an otherwise empty front page in that order. */
async function placedStories(world: World, count: number): Promise<Article[]> {
  await clearFront(world)
  const stories: Article[] = []
  for (let index = 0; index < count; index++) {
    const article = await world.published()
    await world.ctx.services.frontPage.place(COMMAND_LINE, article.id, null)
    stories.push(article)
  }
  return stories
}

/** A fresh image in the library, uploaded by `owner`; its id. */
async function imageBy(world: World, owner: Staff): Promise<string> {
  const { item } = await world.ctx.services.media.upload(owner.actor, {
    bytes: await photo({ width: 48, height: 32 }),
    fileName: `image-${mark()}.jpg`,
  })
  return item.id
}

/** The image page's form, with new alt text. */
async function imageFields(world: World, id: string): Promise<Target> {
  const item = await world.ctx.stores.media.findById(id)
  assert.ok(item)
  return {
    path: `/admin/media/${id}`,
    mediaId: id,
    form: {
      alt: `Alt text ${mark()}`,
      caption: item.caption,
      credit: item.credit,
      copyright: item.copyright,
      focal_x: '50',
      focal_y: '50',
      version: item.version,
    },
  }
}

/** A fresh story thread holding this many newly published articles. */
async function threadOf(world: World, articles: number) {
  const thread = await world.ctx.services.threads.create(COMMAND_LINE, {
    title: `Running story ${mark()}`,
  })
  for (let i = 0; i < articles; i++) {
    const article = await world.published()
    await world.ctx.services.threads.addArticle(COMMAND_LINE, thread.slug, article.id)
  }
  return thread
}

/** Records "METHOD /path" for every route of every Fastify instance created while `build` runs. */
/** A fresh page, made from the command line. */
async function aPage(world: World) {
  return world.ctx.services.pages.create(COMMAND_LINE, {
    title: `Page ${mark()}`,
    slug: '',
    description: '',
    body: 'Deleted soon.',
    published: true,
  })
}

/** A fresh link in the footer; its item id. */
async function aMenuLink(world: World): Promise<string> {
  const label = `Link ${mark()}`
  await world.ctx.services.menus.add(COMMAND_LINE, {
    menu: 'footer',
    kind: 'link',
    target: '/pages/x',
    label,
  })
  const entries = await world.ctx.services.menus.entries(COMMAND_LINE)
  const item = entries.find((entry) => entry.label === label)
  assert.ok(item)
  return item.id
}

/** A fresh author with no account (a byline from an import); their slug. */
async function anAuthor(world: World): Promise<string> {
  const slug = `writer-${mark()}`.replace(/[^a-z0-9-]/g, '')
  await world.ctx.stores.authors.insert({ id: `author-${slug}`, slug, name: slug, bio: '' })
  return slug
}

/** A fresh tag on no article; its slug. */
async function aTag(world: World): Promise<string> {
  const slug = `topic-${mark()}`.replace(/[^a-z0-9-]/g, '')
  await world.ctx.stores.tags.insert({ id: `tag-${slug}`, slug, name: slug })
  return slug
}

/** The newsroom's routes, without HEAD (derived from GET). */
function adminRoutes(routes: Set<string>): string[] {
  return [...routes]
    .filter((route) => /^[A-Z]+ \/admin(\/|$)/.test(route) && !route.startsWith('HEAD '))
    .sort()
}

async function makeWorld(t: TestContext, dialect: DialectName) {
  const ctx = await createTestContext(t, dialect)
  const { result: server, routes } = await registeredRoutes(() => startTestServer(t, ctx))
  const [writer, colleague, editor, admin] = await Promise.all([
    createStaff(ctx, 'contributor', 'Wanda Writer'),
    createStaff(ctx, 'contributor', 'Colin Colleague'),
    createStaff(ctx, 'editor', 'Edna Editor'),
    createStaff(ctx, 'admin', 'Adam Admin'),
  ])
  const draftBy = async (owner: Staff) => {
    const draft = await ctx.services.editing.createDraft(owner.actor, {
      headline: `Draft by ${owner.user.displayName} ${mark()}`,
      standfirst: 'A standfirst.',
      dateline: 'OSLO, NORWAY',
      body: 'First paragraph.\n\nSecond paragraph.',
      keyPoints: ['One point.'],
      sectionSlug: 'news',
      bylines: [owner.user.displayName],
      tags: ['Testing'],
      slug: '',
    })
    // A second version, so that there is an older one to restore.
    return ctx.services.editing.save(
      owner.actor,
      draft.id,
      {
        headline: draft.headline,
        standfirst: 'A better standfirst.',
        dateline: draft.dateline,
        body: draft.body,
        keyPoints: draft.keyPoints,
        sectionSlug: 'news',
        bylines: [owner.user.displayName],
        tags: ['Testing'],
        slug: draft.slug,
      },
      { baseVersion: draft.version },
    )
  }
  const world: World = {
    ctx,
    server,
    writer,
    colleague,
    editor,
    admin,
    draftBy,
    async inReviewBy(owner) {
      const draft = await draftBy(owner)
      return ctx.services.workflow.transition(owner.actor, draft.id, {
        transition: 'submit',
        baseVersion: draft.version,
      })
    },
    async published() {
      const { article } = await importArticle(ctx, { headline: `Published story ${mark()}` })
      return article
    },
  }
  return { world, routes: adminRoutes(routes) }
}

function staffFor(world: World, who: Who): Staff | undefined {
  return who === 'anonymous'
    ? undefined
    : { contributor: world.writer, editor: world.editor, admin: world.admin }[who]
}

/** What a request without a session must get: the sign-in page, never the thing itself. */
function assertSentToSignIn(method: string, target: Target, page: AdminPage, secret = false): void {
  if (method === 'GET') {
    assert.equal(page.status, 303)
    assert.equal(page.location, `/admin/login?next=${encodeURIComponent(target.path)}`)
    return
  }
  assert.equal(page.status, 401)
  const form = page.document.querySelector('form[action="/admin/login"]')
  assert.ok(form, 'the 401 page has a sign-in form')
  assert.ok(form.querySelector('input[name=email]'))
  assert.ok(form.querySelector('input[name=password][type=password]'))
  if (target.files) {
    // Files cannot be kept to send again: the page says to choose them again after signing in.
    assert.deepEqual(replayedValues(page), {})
    assert.match(page.html, /nothing was uploaded/)
    assert.equal(form.querySelector('input[name=next]')?.getAttribute('value'), target.path)
    return
  }
  if (secret) {
    assert.deepEqual(replayedValues(page), {}, 'a form with passwords is not kept')
    for (const value of Object.values(target.form ?? {})) {
      assert.ok(!page.html.includes(String(value)), 'no submitted value is on the page')
    }
    return
  }
  assert.equal(form.querySelector('input[name=replay_to]')?.getAttribute('value'), target.path)
  // Everything submitted is kept, to be sent again after signing in.
  const kept = replayedValues(page)
  for (const [name, value] of Object.entries(target.form ?? {})) {
    if (name === '_csrf') continue
    assert.deepEqual(kept[name], [value].flat().map(String), `the value of ${name} is kept`)
  }
  if (target.form?.headline) {
    assert.ok(page.html.includes(String(target.form.headline)), 'the typed headline is on the page')
  }
}

for (const dialect of ['sqlite'] as const) {
  describe(`newsroom authorization matrix (${dialect})`, () => {
    test('every route × no session, contributor, editor, admin', async (t) => {
      const { world, routes } = await makeWorld(t, dialect)

      await t.test('every newsroom route the app registers has a row in MATRIX', () => {
        assert.ok(routes.includes('GET /admin/login'), `routes found: ${routes.join(', ')}`)
        const missing = routes.filter((route) => !(route in MATRIX))
        assert.deepEqual(
          missing,
          [],
          `add a row to MATRIX in test/web/admin-authorization.test.ts for: ${missing.join(', ')}`,
        )
        const stale = Object.keys(MATRIX).filter((route) => !routes.includes(route))
        assert.deepEqual(stale, [], `MATRIX has rows for routes the app no longer has`)
      })

      for (const route of routes) {
        const cases = MATRIX[route]
        if (!cases) continue
        const method = route.split(' ')[0] ?? ''
        for (const one of cases) {
          for (const who of WHO) {
            const expected = one.expect[who]
            await t.test(`${route} — ${one.what} — ${who} → ${expected}`, async () => {
              const me = staffFor(world, who)
              const client = new AdminClient(world.server.url)
              if (me) await client.openSession(world.ctx, me.user)
              const target = await one.prepare(world, me)
              const refused = expected === 'sign-in' ? true : expected >= 400
              // Only a refused request is held to changing nothing.
              const before = refused ? await snapshot(world.ctx) : undefined
              const page =
                method === 'GET'
                  ? await client.get(target.path)
                  : target.files
                    ? await client.upload(target.path, target.files)
                    : await client.post(target.path, target.form ?? {})

              assert.equal(page.response.headers.get('cache-control'), 'private, no-store')
              if (expected === 'sign-in') {
                assertSentToSignIn(method, target, page, one.secret)
              } else {
                assert.equal(
                  page.status,
                  expected,
                  `expected ${expected}, got ${page.status}: ${page.document.querySelector('main')?.text.trim().slice(0, 300)}`,
                )
              }
              if (before) {
                assert.deepEqual(
                  changes(before, await snapshot(world.ctx)),
                  [],
                  'a refused request changed nothing',
                )
                if (page.status === 404 && target.article) {
                  assert.ok(
                    !page.html.includes(target.article.headline),
                    'a 404 does not give the article away',
                  )
                }
              } else if (one.then && me) {
                await one.then(world, target, me)
              }
            })
          }
        }
      }
    })
  })
}
