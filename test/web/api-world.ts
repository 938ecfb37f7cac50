// The Admin API matrix's world: staff of each role with a token each, and
// fresh things made from the command line for each request to act on.
import type { TestContext } from 'node:test'
import { COMMAND_LINE } from '../../src/domain/access/policy.js'
import type { Role } from '../../src/domain/accounts/user.js'
import type { Article } from '../../src/domain/articles/article.js'
import { startTestServer, type TestServer } from '../helpers/app.js'
import { createTestContext, type TestAppContext } from '../helpers/context.js'
import type { DialectName } from '../helpers/dialects.js'
import { importArticle } from '../helpers/factories.js'
import { photo } from '../helpers/images.js'
import { createStaff, type Staff } from './admin-session.js'
import { registeredRoutes } from './world-snapshot.js'

export type Caller = Role | 'no token' | 'malformed' | 'expired' | 'revoked'
export const CALLERS: readonly Caller[] = [
  'no token',
  'malformed',
  'expired',
  'revoked',
  'contributor',
  'editor',
  'admin',
]

const DAY = 86_400_000
let unique = 0
export const mark = () => `${++unique}${Math.random().toString(36).slice(2, 6)}`

export interface ApiWorld {
  ctx: TestAppContext
  server: TestServer
  staff: Record<Role, Staff>
  /** Another contributor, whose drafts and images the contributor column does not own. */
  colleague: Staff
  tokens: Record<Caller, string | undefined>
  draftBy(owner: Staff): Promise<Article>
  published(): Promise<Article>
  imageBy(owner: Staff): Promise<string>
  section(): Promise<string>
  author(): Promise<string>
  /** A fresh tag, on a fresh draft; its slug. */
  tag(): Promise<string>
  thread(): Promise<string>
  comment(): Promise<string>
  redirect(): Promise<string>
  page(): Promise<{ id: string; version: number }>
  /** A picture the library has not seen. */
  freshPhoto(): Promise<Buffer>
}

export async function makeApiWorld(
  t: TestContext,
  dialect: DialectName,
): Promise<{ world: ApiWorld; routes: string[] }> {
  const ctx = await createTestContext(t, dialect)
  const { result: server, routes } = await registeredRoutes(() => startTestServer(t, ctx))
  const [contributor, editor, admin, colleague] = await Promise.all([
    createStaff(ctx, 'contributor', 'Carla Contributor'),
    createStaff(ctx, 'editor', 'Eddie Editor'),
    createStaff(ctx, 'admin', 'Ada Admin'),
    createStaff(ctx, 'contributor', 'Colm Colleague'),
  ])
  const staff = { contributor, editor, admin }
  const tokenFor = async (who: Staff, expiresDays?: number) =>
    (
      await ctx.services.apiTokens.create(COMMAND_LINE, {
        userId: who.user.id,
        name: `token ${mark()}`,
        ...(expiresDays ? { expiresDays } : {}),
      })
    ).token
  const expired = await tokenFor(editor, 1)
  const revoked = await ctx.services.apiTokens.create(COMMAND_LINE, {
    userId: admin.user.id,
    name: 'revoked',
  })
  await ctx.services.apiTokens.revoke(COMMAND_LINE, revoked.record.id)
  ctx.clock.advance(DAY + 1)
  const tokens: Record<Caller, string | undefined> = {
    'no token': undefined,
    malformed: 'dlt_not-a-token',
    expired,
    revoked: revoked.token,
    contributor: await tokenFor(contributor),
    editor: await tokenFor(editor),
    admin: await tokenFor(admin),
  }
  const published = async () =>
    (await importArticle(ctx, { headline: `Published ${mark()}` })).article
  const world: ApiWorld = {
    ctx,
    server,
    staff,
    colleague,
    tokens,
    freshPhoto: () => photo({ width: 320, height: 240, seed: 60 + (unique++ % 120) }),
    published,
    draftBy: (owner) =>
      ctx.services.editing.createDraft(owner.actor, {
        headline: `Draft ${mark()}`,
        standfirst: '',
        dateline: '',
        body: 'Text.',
        keyPoints: [],
        sectionSlug: 'news',
        bylines: [owner.user.displayName],
        tags: [],
        slug: '',
      }),
    async imageBy(owner) {
      const bytes = await world.freshPhoto()
      const { item } = await ctx.services.media.upload(owner.actor, {
        bytes,
        fileName: `p${mark()}.jpg`,
      })
      return item.id
    },
    section: async () =>
      (await ctx.services.sections.create(COMMAND_LINE, { name: `Desk ${mark()}` })).slug,
    async tag() {
      const name = `Topic ${mark()}`
      const draft = await ctx.services.editing.createDraft(admin.actor, {
        headline: `Tagged ${mark()}`,
        standfirst: '',
        dateline: '',
        body: 'Text.',
        keyPoints: [],
        sectionSlug: 'news',
        bylines: ['Someone'],
        tags: [name],
        slug: '',
      })
      return draft.tags[0]!.slug
    },
    async author() {
      const slug = `writer-${mark()}`
      await ctx.stores.authors.insert({ id: `author-${slug}`, slug, name: slug, bio: '' })
      return slug
    },
    thread: async () =>
      (await ctx.services.threads.create(COMMAND_LINE, { title: `Story ${mark()}` })).slug,
    async comment() {
      const article = await published()
      const comment = await ctx.services.comments.addDirectly(COMMAND_LINE, {
        articleId: article.id,
        parentId: null,
        name: 'Reader',
        body: `A comment ${mark()}`,
        status: 'pending',
        createdAt: ctx.clock.now(),
      })
      return comment.id
    },
    async redirect() {
      const from = `/old-${mark()}`
      await ctx.services.redirects.save(COMMAND_LINE, { from, to: '/' })
      return from
    },
    page: async () =>
      ctx.services.pages.create(COMMAND_LINE, {
        title: `Page ${mark()}`,
        slug: '',
        description: '',
        body: 'Text.',
        published: false,
      }),
  }
  const apiRoutes = [...routes]
    .filter((route) => /^[A-Z]+ \/api\/v1\/admin\//.test(route) && !route.startsWith('HEAD '))
    .sort()
  return { world, routes: apiRoutes }
}
