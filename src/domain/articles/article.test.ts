import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { DomainError, ValidationError } from '../errors.js'
import {
  ARTICLE_LIMITS,
  assertArticleContent,
  assertBylineCount,
  assertPublishable,
  firstFreeSlug,
  isUpdatedAfterPublication,
  type ArticleContent,
} from './article.js'

function content(overrides: Partial<ArticleContent> = {}): ArticleContent {
  return {
    headline: 'Harbour board approves sea wall',
    standfirst: 'About 400 homes will be protected.',
    dateline: 'BERGEN, NORWAY',
    body: 'The harbour board voted on Tuesday.',
    keyPoints: ['The wall is 900 metres long.'],
    ...overrides,
  }
}

/** Asserts that `run` throws a ValidationError with this code and field. */
function assertValidationError(run: () => void, code: string, field: string): void {
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof ValidationError, `expected a ValidationError, got ${String(error)}`)
    assert.ok(error instanceof DomainError)
    assert.equal(error.code, code)
    assert.equal(error.field, field)
    return true
  })
}

describe('assertArticleContent', () => {
  test('accepts ordinary content and content with every optional field empty', () => {
    assertArticleContent(content())
    assertArticleContent(content({ standfirst: '', dateline: '', keyPoints: [] }))
  })

  test('requires a headline that is not only whitespace', () => {
    assertValidationError(
      () => assertArticleContent(content({ headline: '' })),
      'headline_required',
      'headline',
    )
    assertValidationError(
      () => assertArticleContent(content({ headline: ' \t\n ' })),
      'headline_required',
      'headline',
    )
  })

  test('lets a draft have no body yet', () => {
    assertArticleContent(content({ body: '' }))
  })

  test('publishing needs body text that is not only whitespace, and a byline', () => {
    const byline = [{ slug: 'ana-lind', name: 'Ana Lind' }]
    for (const body of ['', '\n\n  ']) {
      assertValidationError(
        () => assertPublishable({ body, bylines: byline }),
        'body_required',
        'body',
      )
    }
    assertValidationError(
      () => assertPublishable({ body: 'Text.', bylines: [] }),
      'byline_required',
      'bylines',
    )
    assertPublishable({ body: 'Text.', bylines: byline })
  })

  for (const field of ['headline', 'standfirst', 'dateline', 'body'] as const) {
    test(`accepts a ${field} of exactly ${ARTICLE_LIMITS[field]} characters and refuses one more`, () => {
      const limit = ARTICLE_LIMITS[field]
      assertArticleContent(content({ [field]: 'x'.repeat(limit) }))
      assertValidationError(
        () => assertArticleContent(content({ [field]: 'x'.repeat(limit + 1) })),
        `${field}_too_long`,
        field,
      )
    })
  }

  test('has the documented limits', () => {
    assert.deepEqual(
      { ...ARTICLE_LIMITS },
      {
        headline: 250,
        standfirst: 500,
        dateline: 100,
        body: 200_000,
        keyPoints: 10,
        keyPoint: 400,
        bylines: 12,
        tags: 20,
        correction: 500,
        slug: 80,
      },
    )
  })

  test('allows at most 10 key points', () => {
    const points = (count: number) => Array.from({ length: count }, (_, i) => `Point ${i + 1}.`)
    assertArticleContent(content({ keyPoints: points(10) }))
    assertValidationError(
      () => assertArticleContent(content({ keyPoints: points(11) })),
      'too_many_key_points',
      'keyPoints',
    )
  })

  test('requires each key point to be 1–400 characters of text', () => {
    assertArticleContent(content({ keyPoints: ['x'.repeat(400)] }))
    for (const point of ['', '   ', 'x'.repeat(401)]) {
      assertValidationError(
        () => assertArticleContent(content({ keyPoints: ['A good point.', point] })),
        'invalid_key_point',
        'keyPoints',
      )
    }
  })

  test('reports the first broken rule: a missing headline before a long body', () => {
    assertValidationError(
      () =>
        assertArticleContent(
          content({ headline: ' ', body: 'x'.repeat(ARTICLE_LIMITS.body + 1), keyPoints: [''] }),
        ),
      'headline_required',
      'headline',
    )
    assertValidationError(
      () => assertArticleContent(content({ standfirst: 'x'.repeat(501), body: '' })),
      'standfirst_too_long',
      'standfirst',
    )
  })
})

describe('assertBylineCount', () => {
  test('allows up to 12 bylines', () => {
    assertBylineCount(0)
    assertBylineCount(12)
    assertValidationError(() => assertBylineCount(13), 'too_many_bylines', 'bylines')
  })
})

describe('isUpdatedAfterPublication', () => {
  const publishedAt = new Date('2026-11-17T12:00:00.000Z')
  const after = (ms: number) => new Date(publishedAt.getTime() + ms)

  test('is false for an article never published', () => {
    assert.equal(
      isUpdatedAfterPublication({ publishedAt: null, updatedAt: after(3_600_000) }),
      false,
    )
  })

  test('counts changes within a minute of publication as part of it', () => {
    assert.equal(isUpdatedAfterPublication({ publishedAt, updatedAt: publishedAt }), false)
    assert.equal(isUpdatedAfterPublication({ publishedAt, updatedAt: after(59_999) }), false)
    assert.equal(isUpdatedAfterPublication({ publishedAt, updatedAt: after(60_000) }), false)
  })

  test('is true for a change more than a minute after publication', () => {
    assert.equal(isUpdatedAfterPublication({ publishedAt, updatedAt: after(60_001) }), true)
    assert.equal(isUpdatedAfterPublication({ publishedAt, updatedAt: after(86_400_000) }), true)
  })

  test('is false when the last change came before publication (a scheduled story)', () => {
    assert.equal(isUpdatedAfterPublication({ publishedAt, updatedAt: after(-3_600_000) }), false)
  })
})

describe('firstFreeSlug', () => {
  test('returns the base when it is free, without asking further', () => {
    const asked: string[] = []
    const slug = firstFreeSlug('sea-wall', (candidate) => {
      asked.push(candidate)
      return false
    })
    assert.equal(slug, 'sea-wall')
    assert.deepEqual(asked, ['sea-wall'])
  })

  test('numbers from 2, in order, until one is free', () => {
    const taken = new Set(['sea-wall', 'sea-wall-2', 'sea-wall-3'])
    const asked: string[] = []
    const slug = firstFreeSlug('sea-wall', (candidate) => {
      asked.push(candidate)
      return taken.has(candidate)
    })
    assert.equal(slug, 'sea-wall-4')
    assert.deepEqual(asked, ['sea-wall', 'sea-wall-2', 'sea-wall-3', 'sea-wall-4'])
  })

  test('uses the first free number, even when a later one is taken', () => {
    const taken = new Set(['sea-wall', 'sea-wall-3'])
    assert.equal(
      firstFreeSlug('sea-wall', (candidate) => taken.has(candidate)),
      'sea-wall-2',
    )
  })

  test('does not confuse a base that already ends in a number', () => {
    const taken = new Set(['g20-summit'])
    assert.equal(
      firstFreeSlug('g20-summit', (candidate) => taken.has(candidate)),
      'g20-summit-2',
    )
    const taken2 = new Set(['2026'])
    assert.equal(
      firstFreeSlug('2026', (candidate) => taken2.has(candidate)),
      '2026-2',
    )
  })
})
