import assert from 'node:assert/strict'
import { describe, test, type TestContext } from 'node:test'
import { COMMAND_LINE, type Actor } from '../../src/domain/access/policy.js'
import { actorOf } from '../../src/domain/accounts/account-service.js'
import type { Role, User } from '../../src/domain/accounts/user.js'
import { isUpdatedAfterPublication } from '../../src/domain/articles/article.js'
import type { ArticleInput } from '../../src/domain/articles/article-writes.js'
import type { AuditAction } from '../../src/domain/audit/audit.js'
import {
  ConflictError,
  DomainError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
} from '../../src/domain/errors.js'
import type { AppContext } from '../../src/context.js'
import { createTestContext, type TestAppContext } from '../helpers/context.js'
import { testDialects } from '../helpers/dialects.js'
import { importArticle, inputOf } from '../helpers/factories.js'
import { createSharedDatabase } from '../helpers/shared-database.js'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const PASSWORD = 'a long enough test password'

let counter = 0

/** A member of staff, made the way the CLI makes them. */
async function staff(ctx: AppContext, role: Role, name = `${role} ${++counter}`): Promise<User> {
  const { user } = await ctx.services.accounts.createUser(COMMAND_LINE, {
    email: `${name.toLowerCase().replace(/\W+/g, '.')}@news.example`,
    displayName: name,
    role,
    password: PASSWORD,
  })
  return user
}

function input(overrides: Partial<ArticleInput> = {}): ArticleInput {
  return {
    headline: `Ferry timetable changes for the winter ${++counter}`,
    standfirst: 'Fewer sailings between November and March.',
    dateline: 'TROMSØ, NORWAY',
    body: 'The ferry company cut its winter timetable on Monday.\n\nIslanders said they were not asked.',
    keyPoints: ['Two sailings a day instead of four.'],
    sectionSlug: 'news',
    bylines: ['Kari Nordmann'],
    tags: ['Transport'],
    slug: '',
    ...overrides,
  }
}

/** Asserts that `promise` rejects with an error of `type` carrying `code`. */
async function rejectsWith(
  promise: Promise<unknown>,
  type: new (...args: never[]) => DomainError,
  code: string,
): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof type, `expected ${type.name}, got ${String(error)}`)
    assert.equal(error.code, code)
    return true
  })
}

async function auditActions(ctx: AppContext, admin: Actor): Promise<AuditAction[]> {
  const { items } = await ctx.services.audit.list(admin, 1, 500)
  return items.map((event) => event.action)
}

async function isListed(ctx: AppContext, id: string): Promise<boolean> {
  const { items } = await ctx.services.articles.listPublished({}, 1, 100)
  return items.some((item) => item.id === id)
}

async function newsroom(t: TestContext, dialect: 'sqlite' | 'postgres') {
  const ctx = await createTestContext(t, dialect)
  const [writer, colleague, editor, admin] = await Promise.all([
    staff(ctx, 'contributor'),
    staff(ctx, 'contributor'),
    staff(ctx, 'editor'),
    staff(ctx, 'admin'),
  ])
  return {
    ctx,
    writer: actorOf(writer),
    colleague: actorOf(colleague),
    editor: actorOf(editor),
    admin: actorOf(admin),
    users: { writer, colleague, editor, admin },
  }
}

/** A draft by `by`, scheduled by `editor` for `at`. */
async function scheduled(ctx: TestAppContext, by: Actor, editor: Actor, at: Date) {
  const draft = await ctx.services.editing.createDraft(by, input())
  return ctx.services.workflow.transition(editor, draft.id, {
    transition: 'schedule',
    baseVersion: draft.version,
    at,
  })
}

for (const dialect of testDialects()) {
  describe(`newsroom services (${dialect})`, () => {
    test('a contributor writes a draft, edits it and submits it; then it is out of their hands', async (t) => {
      const { ctx, writer, colleague } = await newsroom(t, dialect)
      const { editing, workflow } = ctx.services

      const draft = await editing.createDraft(
        writer,
        input({ headline: 'Ferry cuts anger islanders' }),
      )
      assert.equal(draft.status, 'draft')
      assert.equal(draft.version, 1)
      assert.equal(draft.createdBy, writer.id)
      assert.equal(draft.slug, 'ferry-cuts-anger-islanders')
      assert.equal(draft.publishedAt, null)

      ctx.clock.advance(MINUTE)
      const edited = await editing.save(
        writer,
        draft.id,
        inputOf(draft, { body: 'A new lead.\n\nAnd more.' }),
        { baseVersion: 1 },
      )
      assert.equal(edited.version, 2)
      assert.equal(edited.body, 'A new lead.\n\nAnd more.')

      // Other contributors do not even see it.
      await rejectsWith(editing.get(colleague, draft.id), NotFoundError, 'article_not_found')
      await rejectsWith(
        editing.save(colleague, draft.id, inputOf(edited), { baseVersion: 2 }),
        NotFoundError,
        'article_not_found',
      )

      const submitted = await workflow.transition(writer, draft.id, {
        transition: 'submit',
        baseVersion: 2,
      })
      assert.equal(submitted.status, 'in_review')
      assert.equal(submitted.version, 3)

      // In review: the writer can still see it, but not change it.
      assert.equal((await editing.get(writer, draft.id)).status, 'in_review')
      assert.equal(editing.canEdit(writer, submitted), false)
      await rejectsWith(
        editing.save(writer, draft.id, inputOf(submitted, { headline: 'Sneaky change' }), {
          baseVersion: 3,
        }),
        ForbiddenError,
        'not_editable',
      )
      for (const transition of ['publish', 'schedule', 'unpublish'] as const) {
        await rejectsWith(
          workflow.transition(writer, draft.id, {
            transition,
            baseVersion: 3,
            at: new Date(ctx.clock.now().getTime() + HOUR),
          }),
          ForbiddenError,
          'forbidden',
        )
      }
      await rejectsWith(editing.remove(writer, draft.id), ForbiddenError, 'forbidden')

      const after = await editing.get(writer, draft.id)
      assert.equal(after.version, 3)
      assert.equal(after.headline, 'Ferry cuts anger islanders')
      assert.equal(after.status, 'in_review')
      assert.equal(await isListed(ctx, draft.id), false)

      // The writer may take it back to draft, and then edit it again.
      const returned = await workflow.transition(writer, draft.id, {
        transition: 'return',
        baseVersion: 3,
      })
      assert.equal(returned.status, 'draft')
      assert.equal(editing.canEdit(writer, returned), true)
    })

    test('a contributor cannot publish or schedule even their own draft', async (t) => {
      const { ctx, writer } = await newsroom(t, dialect)
      const draft = await ctx.services.editing.createDraft(writer, input())
      await rejectsWith(
        ctx.services.workflow.transition(writer, draft.id, { transition: 'publish' }),
        ForbiddenError,
        'forbidden',
      )
      await rejectsWith(
        ctx.services.workflow.transition(writer, draft.id, {
          transition: 'schedule',
          at: new Date(ctx.clock.now().getTime() + HOUR),
        }),
        ForbiddenError,
        'forbidden',
      )
      const after = await ctx.services.editing.get(writer, draft.id)
      assert.equal(after.status, 'draft')
      assert.equal(after.version, 1)
    })

    test('an editor edits a submitted story, schedules it (not in the past) and publishes it', async (t) => {
      const { ctx, writer, editor } = await newsroom(t, dialect)
      const { editing, workflow } = ctx.services
      const draft = await editing.createDraft(writer, input())
      const submitted = await workflow.transition(writer, draft.id, { transition: 'submit' })

      const edited = await editing.save(
        editor,
        draft.id,
        inputOf(submitted, { standfirst: 'Edited by the desk.' }),
        { baseVersion: submitted.version },
      )
      assert.equal(edited.standfirst, 'Edited by the desk.')
      assert.equal(edited.status, 'in_review')

      const now = ctx.clock.now().getTime()
      for (const at of [new Date(now - MINUTE), new Date(now), undefined]) {
        await rejectsWith(
          workflow.transition(editor, draft.id, {
            transition: 'schedule',
            baseVersion: edited.version,
            at,
          }),
          ValidationError,
          'schedule_in_past',
        )
      }
      assert.equal((await editing.get(editor, draft.id)).status, 'in_review')

      const at = new Date(now + 2 * HOUR)
      const onSchedule = await workflow.transition(editor, draft.id, {
        transition: 'schedule',
        baseVersion: edited.version,
        at,
      })
      assert.equal(onSchedule.status, 'scheduled')
      assert.equal(onSchedule.scheduledFor?.toISOString(), at.toISOString())
      assert.equal(onSchedule.publishedAt, null)
      assert.equal(await isListed(ctx, draft.id), false)
      assert.equal((await workflow.nextScheduledTime())?.toISOString(), at.toISOString())

      ctx.clock.advance(10 * MINUTE)
      const published = await workflow.transition(editor, draft.id, {
        transition: 'publish',
        baseVersion: onSchedule.version,
      })
      assert.equal(published.status, 'published')
      assert.equal(published.publishedAt?.toISOString(), ctx.clock.now().toISOString())
      assert.equal(published.scheduledFor, null)
      assert.equal(await isListed(ctx, draft.id), true)
      assert.equal(
        (await ctx.services.articles.getPublishedBySlug(published.slug)).id,
        published.id,
      )
      // Nothing is left for the scheduler.
      assert.equal(await workflow.nextScheduledTime(), undefined)
    })

    test('a stale save or transition is refused and names who saved last', async (t) => {
      const { ctx, writer, editor } = await newsroom(t, dialect)
      const { editing, workflow } = ctx.services
      const draft = await editing.createDraft(writer, input())
      ctx.clock.advance(MINUTE)
      await editing.save(editor, draft.id, inputOf(draft, { body: 'The editor was here.' }), {
        baseVersion: 1,
      })
      await assert.rejects(
        editing.save(writer, draft.id, inputOf(draft, { body: 'Writer was here.' }), {
          baseVersion: 1,
        }),
        (error: unknown) => {
          assert.ok(error instanceof ConflictError)
          assert.equal(error.code, 'stale_version')
          assert.equal((error as unknown as { changedBy: string }).changedBy, editor.displayName)
          return true
        },
      )
      await rejectsWith(
        workflow.transition(writer, draft.id, { transition: 'submit', baseVersion: 1 }),
        ConflictError,
        'stale_version',
      )
      const current = await editing.get(writer, draft.id)
      assert.equal(current.body, 'The editor was here.')
      assert.equal(current.status, 'draft')
    })

    test('publishDue publishes scheduled articles once the clock passes their time', async (t) => {
      const { ctx, writer, editor } = await newsroom(t, dialect)
      const start = ctx.clock.now().getTime()
      const soon = await scheduled(ctx, writer, editor, new Date(start + HOUR))
      const later = await scheduled(ctx, writer, editor, new Date(start + 3 * HOUR))

      assert.deepEqual(await ctx.services.workflow.publishDue(), [])
      ctx.clock.advance(HOUR - 1000)
      assert.deepEqual(await ctx.services.workflow.publishDue(), [])
      assert.equal(await isListed(ctx, soon.id), false)

      ctx.clock.advance(1000)
      const first = await ctx.services.workflow.publishDue()
      assert.deepEqual(
        first.map((article) => article.id),
        [soon.id],
      )
      assert.equal(first[0]?.status, 'published')
      assert.equal(first[0]?.publishedAt?.toISOString(), new Date(start + HOUR).toISOString())
      assert.equal(await isListed(ctx, soon.id), true)
      assert.equal(await isListed(ctx, later.id), false)
      assert.equal(
        (await ctx.services.workflow.nextScheduledTime())?.toISOString(),
        new Date(start + 3 * HOUR).toISOString(),
      )

      ctx.clock.advance(2 * HOUR)
      assert.deepEqual(
        (await ctx.services.workflow.publishDue()).map((article) => article.id),
        [later.id],
      )
      assert.deepEqual(await ctx.services.workflow.publishDue(), [])

      // An unscheduled article is not published when its old time comes.
      const changedMind = await scheduled(
        ctx,
        writer,
        editor,
        new Date(ctx.clock.now().getTime() + HOUR),
      )
      await ctx.services.workflow.transition(editor, changedMind.id, {
        transition: 'unschedule',
        baseVersion: changedMind.version,
      })
      ctx.clock.advance(2 * HOUR)
      assert.deepEqual(await ctx.services.workflow.publishDue(), [])
      assert.equal((await ctx.services.editing.get(editor, changedMind.id)).status, 'draft')
    })

    test('after a restart, every scheduled article missed while the server was down goes out at once', async (t) => {
      const shared = await createSharedDatabase(t, dialect)
      const before = await shared.open()
      const writer = actorOf(await staff(before, 'contributor'))
      const editor = actorOf(await staff(before, 'editor'))
      const start = shared.clock.now().getTime()
      const missed = [
        await scheduled(before, writer, editor, new Date(start + 3 * HOUR)),
        await scheduled(before, writer, editor, new Date(start + HOUR)),
        await scheduled(before, writer, editor, new Date(start + 2 * HOUR)),
      ]
      const future = await scheduled(before, writer, editor, new Date(start + 48 * HOUR))
      await before.close()

      // The server was down for a day.
      shared.clock.advance(24 * HOUR)
      const after = await shared.open()
      const published = await after.services.workflow.publishDue()
      assert.deepEqual(
        published.map((article) => article.id),
        [missed[1]?.id, missed[2]?.id, missed[0]?.id],
        'oldest first',
      )
      for (const article of published) {
        assert.equal(article.status, 'published')
        assert.equal(article.publishedAt?.toISOString(), shared.clock.now().toISOString())
        assert.equal(await isListed(after, article.id), true)
      }
      assert.equal(await isListed(after, future.id), false)
      assert.equal((await after.services.editing.get(editor, future.id)).status, 'scheduled')
    })

    // On PostgreSQL, two contexts are two app processes. SQLite serves one process
    // (DESIGN.md), whose runs share one connection: two runs there overlap in it.
    test('two publishDue runs at once publish each article exactly once', async (t) => {
      const shared = await createSharedDatabase(t, dialect)
      const one = await shared.open()
      const two = dialect === 'postgres' ? await shared.open() : one
      const writer = actorOf(await staff(one, 'contributor'))
      const editor = actorOf(await staff(one, 'editor'))
      const admin = actorOf(await staff(one, 'admin'))
      const start = shared.clock.now().getTime()
      const due = []
      for (let i = 0; i < 4; i++) {
        due.push(await scheduled(one, writer, editor, new Date(start + (i + 1) * MINUTE)))
      }
      shared.clock.advance(HOUR)

      const [a, b] = await Promise.all([
        one.services.workflow.publishDue(),
        two.services.workflow.publishDue(),
      ])
      const ids = [...a, ...b].map((article) => article.id).sort()
      assert.deepEqual(ids, due.map((article) => article.id).sort(), 'each published once')

      for (const article of due) {
        const { revisions } = await one.services.editing.history(editor, article.id)
        const publishes = revisions.filter((revision) => revision.note === 'Publish now')
        assert.equal(publishes.length, 1)
        assert.equal(publishes[0]?.createdByName, 'Scheduler')
        assert.equal(publishes[0]?.fields.status, 'published')
        const current = await one.services.editing.get(editor, article.id)
        assert.equal(current.status, 'published')
        assert.equal(current.version, article.version + 1)
      }
      const { items } = await one.services.audit.list(admin, 1, 500)
      const published = items.filter((event) => event.action === 'article_published')
      assert.equal(published.length, due.length)
      assert.ok(published.every((event) => event.actorName === 'Scheduler'))
      assert.deepEqual(
        published.map((event) => event.subject).sort(),
        due.map((article) => article.headline).sort(),
      )
    })

    test('an update after publication shows as updated; corrections are all kept, in order', async (t) => {
      const { ctx, editor, writer } = await newsroom(t, dialect)
      const { editing, workflow } = ctx.services
      const draft = await editing.createDraft(writer, input())
      const published = await workflow.transition(editor, draft.id, { transition: 'publish' })
      assert.equal(isUpdatedAfterPublication(published), false)
      assert.deepEqual(published.corrections, [])

      // A correction note is for published articles only.
      const other = await editing.createDraft(writer, input())
      await rejectsWith(
        editing.save(editor, other.id, inputOf(other), {
          baseVersion: other.version,
          correction: 'Not yet.',
        }),
        ValidationError,
        'correction_not_published',
      )

      ctx.clock.advance(2 * HOUR)
      const updated = await editing.save(
        editor,
        draft.id,
        inputOf(published, { body: `${published.body}\n\nA late paragraph.` }),
        { baseVersion: published.version },
      )
      assert.equal(updated.status, 'published')
      assert.equal(updated.publishedAt?.toISOString(), published.publishedAt?.toISOString())
      assert.equal(isUpdatedAfterPublication(updated), true)
      assert.deepEqual(updated.corrections, [])

      ctx.clock.advance(HOUR)
      const firstAt = ctx.clock.now()
      const corrected = await editing.save(
        editor,
        draft.id,
        inputOf(updated, { standfirst: 'Three sailings a day, not two.' }),
        { baseVersion: updated.version, correction: 'We misstated the number of sailings.' },
      )
      ctx.clock.advance(HOUR)
      // A correction note alone, with no other change, is still a correction.
      const again = await editing.save(editor, draft.id, inputOf(corrected), {
        baseVersion: corrected.version,
        correction: 'The ferry company is Nordferje, not Nordferry.',
      })
      ctx.clock.advance(HOUR)
      const third = await editing.save(editor, draft.id, inputOf(again), {
        baseVersion: again.version,
        correction: '  An earlier version gave the wrong harbour.  ',
      })

      const notes = [
        'We misstated the number of sailings.',
        'The ferry company is Nordferje, not Nordferry.',
        'An earlier version gave the wrong harbour.',
      ]
      assert.deepEqual(
        third.corrections.map((correction) => correction.note),
        notes,
      )
      assert.equal(third.corrections[0]?.createdAt.toISOString(), firstAt.toISOString())
      const readers = await ctx.services.articles.getPublishedBySlug(third.slug)
      assert.deepEqual(
        readers.corrections.map((correction) => correction.note),
        notes,
      )
      assert.equal(isUpdatedAfterPublication(readers), true)

      const { revisions } = await editing.history(editor, draft.id)
      assert.deepEqual(
        revisions.slice(0, 3).map((revision) => revision.note),
        notes.map((note) => `Corrected: ${note}`).reverse(),
      )
      const actions = await auditActions(ctx, COMMAND_LINE)
      assert.equal(actions.filter((action) => action === 'article_corrected').length, 3)
    })

    test('unpublishing takes an article off every public listing and page', async (t) => {
      const { ctx, editor } = await newsroom(t, dialect)
      const { article } = await importArticle(ctx, {}, { sectionSlug: 'sport' })
      assert.equal(await isListed(ctx, article.id), true)
      const sport = await ctx.services.sections.list()
      const sportId = sport.find((section) => section.slug === 'sport')?.id
      assert.ok(sportId)
      const inSection = async () =>
        (await ctx.services.articles.listPublished({ sectionId: sportId }, 1, 10)).items.map(
          (item) => item.id,
        )
      assert.deepEqual(await inSection(), [article.id])

      const off = await ctx.services.workflow.transition(editor, article.id, {
        transition: 'unpublish',
        baseVersion: article.version,
      })
      assert.equal(off.status, 'unpublished')
      assert.equal(await isListed(ctx, article.id), false)
      assert.deepEqual(await inSection(), [])
      const front = await ctx.services.frontPage.home()
      assert.equal(front.lead, undefined)
      await rejectsWith(
        ctx.services.articles.getPublishedBySlug(article.slug),
        NotFoundError,
        'article_not_found',
      )

      // Published again, it keeps its first publication time.
      ctx.clock.advance(HOUR)
      const back = await ctx.services.workflow.transition(editor, article.id, {
        transition: 'publish',
      })
      assert.equal(back.publishedAt?.toISOString(), article.publishedAt?.toISOString())
      assert.equal(await isListed(ctx, article.id), true)
    })

    test('publishing and scheduling need body text and a byline', async (t) => {
      const { ctx, editor } = await newsroom(t, dialect)
      const { editing, workflow } = ctx.services
      const at = new Date(ctx.clock.now().getTime() + HOUR)
      const noBody = await editing.createDraft(editor, input({ body: '  \n ' }))
      const noByline = await editing.createDraft(editor, input({ bylines: [] }))
      for (const transition of ['publish', 'schedule'] as const) {
        await rejectsWith(
          workflow.transition(editor, noBody.id, { transition, at }),
          ValidationError,
          'body_required',
        )
        await rejectsWith(
          workflow.transition(editor, noByline.id, { transition, at }),
          ValidationError,
          'byline_required',
        )
      }
      assert.equal((await editing.get(editor, noBody.id)).status, 'draft')
      assert.equal((await editing.get(editor, noByline.id)).status, 'draft')
    })

    test('illegal transitions are conflicts and change nothing', async (t) => {
      const { ctx, editor } = await newsroom(t, dialect)
      const draft = await ctx.services.editing.createDraft(editor, input())
      for (const transition of ['unpublish', 'return', 'unschedule'] as const) {
        await rejectsWith(
          ctx.services.workflow.transition(editor, draft.id, { transition }),
          ConflictError,
          'illegal_transition',
        )
      }
      const after = await ctx.services.editing.get(editor, draft.id)
      assert.equal(after.version, 1)
      assert.equal(after.status, 'draft')
    })

    test('deleting: editors may delete what is not public; published articles are refused', async (t) => {
      const { ctx, writer, editor, admin } = await newsroom(t, dialect)
      const { editing, workflow } = ctx.services
      const { article: live } = await importArticle(ctx)
      await rejectsWith(editing.remove(editor, live.id), ConflictError, 'still_public')
      const soon = await scheduled(ctx, writer, editor, new Date(ctx.clock.now().getTime() + HOUR))
      await rejectsWith(editing.remove(editor, soon.id), ConflictError, 'still_public')
      assert.equal((await editing.get(editor, live.id)).status, 'published')

      const draft = await editing.createDraft(writer, input())
      await rejectsWith(editing.remove(writer, draft.id), ForbiddenError, 'forbidden')
      await editing.remove(editor, draft.id)
      await rejectsWith(editing.get(editor, draft.id), NotFoundError, 'article_not_found')

      await workflow.transition(editor, live.id, { transition: 'unpublish' })
      await editing.remove(admin, live.id)
      await rejectsWith(editing.get(admin, live.id), NotFoundError, 'article_not_found')
    })

    test('every save writes a revision; restoring an old one is a new revision', async (t) => {
      const { ctx, writer, editor } = await newsroom(t, dialect)
      const { editing, workflow } = ctx.services
      const v1 = await editing.createDraft(writer, input({ headline: 'First headline' }))
      ctx.clock.advance(MINUTE)
      const v2 = await editing.save(writer, v1.id, inputOf(v1, { headline: 'Second headline' }), {
        baseVersion: 1,
      })
      // A save that changes nothing is not a new version.
      const same = await editing.save(writer, v1.id, inputOf(v2), { baseVersion: 2 })
      assert.equal(same.version, 2)
      ctx.clock.advance(MINUTE)
      const v3 = await editing.save(
        editor,
        v1.id,
        inputOf(v2, { headline: 'Third headline', body: 'Rewritten.' }),
        { baseVersion: 2 },
      )
      const v4 = await workflow.transition(editor, v1.id, {
        transition: 'submit',
        baseVersion: v3.version,
      })

      const { revisions } = await editing.history(editor, v1.id)
      assert.deepEqual(
        revisions.map((r) => [r.version, r.note, r.createdByName, r.fields.headline]),
        [
          [4, 'Submit for review', editor.displayName, 'Third headline'],
          [3, 'Saved', editor.displayName, 'Third headline'],
          [2, 'Saved', writer.displayName, 'Second headline'],
          [1, 'Created', writer.displayName, 'First headline'],
        ],
      )
      assert.equal(revisions[0]?.fields.status, 'in_review')
      assert.equal(revisions[3]?.fields.body, v1.body)

      ctx.clock.advance(MINUTE)
      const restored = await editing.restore(editor, v1.id, 1, v4.version)
      assert.equal(restored.version, 5)
      assert.equal(restored.headline, 'First headline')
      assert.equal(restored.body, v1.body)
      assert.equal(restored.status, 'in_review', 'restoring brings back fields, not the status')
      const history = await editing.history(editor, v1.id)
      assert.equal(history.revisions.length, 5)
      assert.equal(history.revisions[0]?.note, 'Restored version 1')
      assert.equal(history.revisions[0]?.fields.headline, 'First headline')

      await rejectsWith(editing.restore(editor, v1.id, 2, 4), ConflictError, 'stale_version')
      await rejectsWith(editing.restore(editor, v1.id, 99, 5), NotFoundError, 'revision_not_found')
      // The writer cannot restore an article that is in review.
      await rejectsWith(editing.restore(writer, v1.id, 2, 5), ForbiddenError, 'not_editable')
    })

    test('the audit log records logins, publishes, unpublishes, role changes and deletions', async (t) => {
      const { ctx, users, editor, admin } = await newsroom(t, dialect)
      const { accounts, editing, workflow } = ctx.services
      // A minute between steps, so that the log's order is the order of events.
      const step = () => ctx.clock.advance(MINUTE)
      await accounts.signIn({ email: users.editor.email, password: PASSWORD, ip: '192.0.2.7' })
      step()
      await rejectsWith(
        accounts.signIn({
          email: users.editor.email,
          password: 'wrong password!',
          ip: '192.0.2.7',
        }),
        DomainError,
        'invalid_credentials',
      )
      step()
      const draft = await editing.createDraft(editor, input({ headline: 'Bridge reopens' }))
      await workflow.transition(editor, draft.id, { transition: 'publish' })
      step()
      await workflow.transition(editor, draft.id, { transition: 'unpublish' })
      step()
      await editing.remove(editor, draft.id)
      step()
      await accounts.updateUser(admin, users.writer.id, {
        displayName: users.writer.displayName,
        role: 'editor',
      })
      step()
      // A rename alone is not a role change.
      await accounts.updateUser(admin, users.colleague.id, {
        displayName: 'Renamed Colleague',
        role: 'contributor',
      })

      const { items } = await ctx.services.audit.list(admin, 1, 500)
      const events = items
        .filter((event) => event.action !== 'user_created')
        .map((event) => [event.action, event.actorName, event.subject, event.details])
      assert.deepEqual(events.reverse(), [
        ['login', editor.displayName, users.editor.email, 'from 192.0.2.7'],
        ['login_failed', users.editor.email, users.editor.email, 'from 192.0.2.7'],
        ['article_published', editor.displayName, 'Bridge reopens', ''],
        ['article_unpublished', editor.displayName, 'Bridge reopens', ''],
        ['article_deleted', editor.displayName, 'Bridge reopens', ''],
        ['role_changed', admin.displayName, users.writer.email, 'contributor → editor'],
        ['user_updated', admin.displayName, users.colleague.email, 'name: Renamed Colleague'],
      ])
      // Newest first, and only admins may read it.
      assert.ok(items.every((e, i) => i === 0 || items[i - 1]!.at.getTime() >= e.at.getTime()))
      await rejectsWith(ctx.services.audit.list(editor, 1), ForbiddenError, 'forbidden')
    })

    test('roles: only admins manage users; the last admin stays an admin', async (t) => {
      const { ctx, users, editor, admin } = await newsroom(t, dialect)
      const { accounts } = ctx.services
      await rejectsWith(
        accounts.createUser(editor, {
          email: 'new@news.example',
          displayName: 'New Person',
          role: 'admin',
        }),
        ForbiddenError,
        'forbidden',
      )
      await rejectsWith(
        accounts.updateUser(editor, users.editor.id, { displayName: 'Me', role: 'admin' }),
        ForbiddenError,
        'forbidden',
      )
      await rejectsWith(
        accounts.setActive(editor, users.admin.id, false),
        ForbiddenError,
        'forbidden',
      )
      await rejectsWith(
        accounts.updateUser(admin, users.admin.id, {
          displayName: users.admin.displayName,
          role: 'editor',
        }),
        ConflictError,
        'last_admin',
      )
      assert.equal((await accounts.getUser(admin, users.editor.id)).role, 'editor')
      assert.equal((await accounts.getUser(admin, users.admin.id)).role, 'admin')
    })
  })
}
