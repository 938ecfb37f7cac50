import { EMPTY_SEO } from './article-seo.js'
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import type { Actor } from '../access/policy.js'
import { ValidationError } from '../errors.js'
import { editorRights } from './article-access.js'
import { isPublished, type Article } from './article.js'
import { moveStep } from './article-steps.js'

const NOW = new Date('2026-11-20T09:00:00.000Z')
const LATER = new Date('2026-11-21T09:00:00.000Z')

function article(overrides: Partial<Article> = {}): Article {
  return {
    id: 'a1',
    slug: 'sea-wall',
    headline: 'Harbour board approves sea wall',
    standfirst: '',
    dateline: '',
    body: 'The harbour board voted on Tuesday.',
    keyPoints: [],
    brief: '',
    sectionId: 's1',
    section: { slug: 'news', name: 'News' },
    bylines: [{ id: 'u1', slug: 'ada-brekke', name: 'Ada Brekke' }],
    tags: [],
    threadId: null,
    status: 'draft',
    publishedAt: null,
    scheduledFor: null,
    createdAt: NOW,
    updatedAt: NOW,
    createdBy: 'writer',
    commentMode: 'default',
    corrections: [],
    leadImage: null,
    inlineImages: [],
    seo: EMPTY_SEO,
    socialImage: null,
    version: 3,
    ...overrides,
  }
}

const writer: Actor = { id: 'writer', displayName: 'Wendy', role: 'contributor' }
const editor: Actor = { id: 'editor', displayName: 'Eddie', role: 'editor' }

describe('moveStep', () => {
  test('publishing sets the publication time once and keeps it when published again', () => {
    const { article: first, note } = moveStep(article(), 'publish', { now: NOW, at: undefined })
    assert.equal(note, 'Publish now')
    assert.equal(first.version, 4)
    assert.ok(isPublished(first))
    assert.equal(first.publishedAt?.getTime(), NOW.getTime())
    const again = moveStep({ ...first, status: 'unpublished' }, 'publish', {
      now: LATER,
      at: undefined,
    })
    assert.equal(again.article.publishedAt?.getTime(), NOW.getTime())
    assert.equal(again.article.updatedAt.getTime(), LATER.getTime())
  })

  test('scheduling needs a time in the future and something to publish', () => {
    const scheduled = moveStep(article(), 'schedule', { now: NOW, at: LATER }).article
    assert.equal(scheduled.status, 'scheduled')
    assert.equal(scheduled.scheduledFor?.getTime(), LATER.getTime())
    assert.equal(isPublished(scheduled), false)
    assert.throws(() => moveStep(article(), 'schedule', { now: LATER, at: NOW }), ValidationError)
    assert.throws(
      () => moveStep(article({ body: ' ' }), 'schedule', { now: NOW, at: LATER }),
      ValidationError,
    )
    assert.throws(
      () => moveStep(article({ bylines: [] }), 'publish', { now: NOW, at: undefined }),
      ValidationError,
    )
  })

  test('every picture it shows needs alt text to go out, unless it is marked decorative', () => {
    const image = {
      id: 'i1',
      contentHash: 'a'.repeat(64),
      width: 1200,
      height: 800,
      alt: '',
      decorative: false,
      caption: 'Boats',
      credit: '',
      focalPoint: { x: 0.5, y: 0.5 },
      fileName: 'boats.jpg',
    }
    const needsAlt = (error: unknown) =>
      error instanceof ValidationError && error.code === 'image_needs_alt'
    for (const transition of ['publish', 'schedule'] as const) {
      const at = transition === 'schedule' ? LATER : undefined
      assert.throws(
        () => moveStep(article({ leadImage: image }), transition, { now: NOW, at }),
        needsAlt,
      )
      assert.throws(
        () => moveStep(article({ inlineImages: [image] }), transition, { now: NOW, at }),
        needsAlt,
      )
      for (const usable of [
        { ...image, alt: 'Boats at rest' },
        { ...image, decorative: true },
      ]) {
        assert.doesNotThrow(() =>
          moveStep(article({ leadImage: usable, inlineImages: [usable] }), transition, {
            now: NOW,
            at,
          }),
        )
      }
    }
    // Submitting for review is not going out: the desk adds the alt text.
    assert.doesNotThrow(() =>
      moveStep(article({ leadImage: image }), 'submit', { now: NOW, at: undefined }),
    )
  })
})

describe('editorRights', () => {
  test("a writer's own draft is theirs to change, autosave and submit; not to delete", () => {
    const rights = editorRights(writer, article())
    assert.deepEqual(rights, {
      transitions: ['submit'],
      canEdit: true,
      canDelete: false,
      autosave: true,
    })
  })

  test('a published article is never autosaved, and cannot be deleted until unpublished', () => {
    const live = article({ status: 'published', publishedAt: NOW })
    assert.deepEqual(editorRights(editor, live), {
      transitions: ['unpublish'],
      canEdit: true,
      canDelete: false,
      autosave: false,
    })
    assert.equal(editorRights(editor, { ...live, status: 'unpublished' }).canDelete, true)
    assert.deepEqual(editorRights(writer, undefined).transitions, ['submit'])
  })
})
