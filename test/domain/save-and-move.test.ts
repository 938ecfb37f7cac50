// The editor's "Save and publish/schedule/submit" as the one domain operation
// it is: checked before anything is written, committed as one update, and
// undone whole when any step fails.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { COMMAND_LINE, type Actor } from '../../src/domain/access/policy.js'
import { actorOf } from '../../src/domain/accounts/account-service.js'
import type { Role } from '../../src/domain/accounts/user.js'
import type { Article } from '../../src/domain/articles/article.js'
import type { ArticleInput } from '../../src/domain/articles/article-writes.js'
import { StaleEditError } from '../../src/domain/articles/article-writes.js'
import type { DomainError } from '../../src/domain/errors.js'
import { ConflictError, ForbiddenError, ValidationError } from '../../src/domain/errors.js'
import { createTestContext, type TestAppContext } from '../helpers/context.js'
import { testDialects } from '../helpers/dialects.js'
import { inputOf } from '../helpers/factories.js'

let counter = 0

async function staff(ctx: TestAppContext, role: Role): Promise<Actor> {
  const name = `${role} ${++counter}`
  const { user } = await ctx.services.accounts.createUser(COMMAND_LINE, {
    email: `${name.replace(/\W+/g, '.')}@news.example`,
    displayName: name,
    role,
    password: 'a long enough test password',
  })
  return actorOf(user)
}

function input(overrides: Partial<ArticleInput> = {}): ArticleInput {
  return {
    headline: `Night trains return to the coast line ${++counter}`,
    standfirst: 'The sleeper runs three nights a week from March.',
    dateline: 'OSLO, NORWAY',
    body: 'The night train returns in March.\n\nTickets go on sale on Friday.',
    keyPoints: [],
    sectionSlug: 'news',
    bylines: ['Kari Nordmann'],
    tags: ['Rail'],
    slug: '',
    ...overrides,
  }
}

async function rejectsWith(
  promise: Promise<unknown>,
  type: abstract new (...args: never[]) => DomainError,
  code: string,
): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof type, `expected ${type.name}, got ${String(error)}`)
    assert.equal(error.code, code)
    return true
  })
}

/** The article as stored, and the notes of its revisions, newest first. */
async function storedState(ctx: TestAppContext, article: Article) {
  const stored = await ctx.stores.articles.findById(article.id)
  assert.ok(stored)
  const revisions = await ctx.stores.revisions.list(article.id)
  return { stored, notes: revisions.map((revision) => `${revision.version} ${revision.note}`) }
}

for (const dialect of testDialects()) {
  describe(`save and move, one operation (${dialect})`, () => {
    test('a save and a publish are two versions written together, audited once', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const editor = await staff(ctx, 'editor')
      const draft = await ctx.services.editing.createDraft(editor, input())
      const published = await ctx.services.editing.saveAndMove(editor, draft.id, {
        input: inputOf(draft, { body: 'The night train is back.' }),
        baseVersion: draft.version,
        move: 'publish',
      })
      const { stored, notes } = await storedState(ctx, draft)
      assert.deepEqual(published, stored)
      assert.equal(stored.status, 'published')
      assert.equal(stored.body, 'The night train is back.')
      assert.deepEqual(notes, ['3 Publish now', '2 Saved', '1 Created'])
      const revision = await ctx.stores.revisions.find(draft.id, 2)
      assert.equal(revision?.fields.status, 'draft', 'the saved version is the draft, changed')
      const audit = await ctx.stores.audit.list({ limit: 20, offset: 0 })
      assert.deepEqual(
        audit.filter((event) => event.subject === stored.headline).map((event) => event.action),
        ['article_published'],
      )
    })

    test('a move that fails after the fields were checked undoes the save', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const editor = await staff(ctx, 'editor')
      const draft = await ctx.services.editing.createDraft(editor, input())
      const edited = inputOf(draft, { headline: 'A new headline', body: '   ' })
      await rejectsWith(
        ctx.services.editing.saveAndMove(editor, draft.id, {
          input: edited,
          baseVersion: draft.version,
          move: 'publish',
        }),
        ValidationError,
        'body_required',
      )
      ctx.clock.advance(60_000)
      await rejectsWith(
        ctx.services.editing.saveAndMove(editor, draft.id, {
          input: edited,
          baseVersion: draft.version,
          move: 'schedule',
          scheduledFor: '2020-01-01T09:00',
        }),
        ValidationError,
        'schedule_in_past',
      )
      const { stored, notes } = await storedState(ctx, draft)
      assert.equal(stored.version, draft.version)
      assert.equal(stored.headline, draft.headline)
      assert.equal(stored.status, 'draft')
      assert.deepEqual(notes, ['1 Created'])
    })

    test('a move the actor may not make, or not now, is refused before anything else is checked', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const writer = await staff(ctx, 'contributor')
      const draft = await ctx.services.editing.createDraft(writer, input())
      // The time is not even read: the refusal is about the move, whatever was typed.
      await rejectsWith(
        ctx.services.editing.saveAndMove(writer, draft.id, {
          input: inputOf(draft, { body: 'Changed.' }),
          baseVersion: draft.version,
          move: 'schedule',
          scheduledFor: 'soon',
        }),
        ForbiddenError,
        'forbidden',
      )
      // A stale form with a move not possible now (a draft is not in review): the move is
      // what is wrong.
      await rejectsWith(
        ctx.services.editing.saveAndMove(writer, draft.id, {
          input: inputOf(draft, { body: 'Changed.' }),
          baseVersion: draft.version - 1,
          move: 'return',
        }),
        ConflictError,
        'illegal_transition',
      )
      const { stored, notes } = await storedState(ctx, draft)
      assert.equal(stored.body, draft.body)
      assert.deepEqual(notes, ['1 Created'])
    })

    test('a stale form is refused with what the editor needs to merge, and nothing moves', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const editor = await staff(ctx, 'editor')
      const draft = await ctx.services.editing.createDraft(editor, input())
      await ctx.services.editing.save(editor, draft.id, inputOf(draft, { body: 'First.' }), {
        baseVersion: draft.version,
      })
      await assert.rejects(
        ctx.services.editing.saveAndMove(editor, draft.id, {
          input: inputOf(draft, { body: 'Second.' }),
          baseVersion: draft.version,
          move: 'publish',
        }),
        (error: unknown) => {
          assert.ok(error instanceof StaleEditError)
          assert.equal(error.current.body, 'First.')
          assert.equal(error.base?.body, draft.body)
          return true
        },
      )
      assert.equal((await storedState(ctx, draft)).stored.status, 'draft')
    })

    test('a new article can be created and submitted in one operation', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const writer = await staff(ctx, 'contributor')
      const article = await ctx.services.editing.createDraft(writer, input(), { move: 'submit' })
      const { stored, notes } = await storedState(ctx, article)
      assert.deepEqual(article, stored)
      assert.equal(stored.status, 'in_review')
      assert.deepEqual(notes, ['2 Submit for review', '1 Created'])
      // Publishing is not the writer's to do: nothing is created.
      const before = await ctx.stores.articles.countForNewsroom({})
      await rejectsWith(
        ctx.services.editing.createDraft(writer, input(), { move: 'publish' }),
        ForbiddenError,
        'forbidden',
      )
      assert.equal(await ctx.stores.articles.countForNewsroom({}), before)
    })

    test('autosave keeps drafts and refuses a published article', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const editor = await staff(ctx, 'editor')
      const draft = await ctx.services.editing.createDraft(editor, input())
      const saved = await ctx.services.editing.autosave(
        editor,
        draft.id,
        inputOf(draft, { body: 'Typed so far.' }),
        { baseVersion: draft.version },
      )
      assert.equal(saved.version, draft.version + 1)
      assert.ok(ctx.services.editing.rights(editor, saved).autosave)
      const live = await ctx.services.workflow.transition(editor, draft.id, {
        transition: 'publish',
        baseVersion: saved.version,
      })
      assert.equal(ctx.services.editing.rights(editor, live).autosave, false)
      assert.equal(ctx.services.editing.rights(editor, live).canDelete, false)
      await rejectsWith(
        ctx.services.editing.autosave(editor, live.id, inputOf(live, { body: 'Oops.' }), {
          baseVersion: live.version,
        }),
        ConflictError,
        'published_not_autosaved',
      )
      assert.equal((await storedState(ctx, live)).stored.body, 'Typed so far.')
    })
  })
}
