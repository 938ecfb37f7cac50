import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { DomainError } from '../errors.js'
import { DEFAULT_COMMENT_SETTINGS } from './comment-policy.js'
import type { CommentScreening } from './comment-store.js'
import { COMMENT_DEFENCES, defend, type CommentAttempt } from './comment-defences.js'
import { COMMENT_LIMITS } from './comment.js'

const NOW = new Date('2026-11-20T09:00:00Z')

const CLEAR: CommentScreening = {
  banned: false,
  duplicate: false,
  parent: undefined,
  known: false,
}

const ROOM = { allowed: true, retryAfterSeconds: 0 }
const FULL = { allowed: false, retryAfterSeconds: 420 }

/** A comment every defence lets through, with `changes`; counts how often the database is asked. */
function attempt(
  changes: Partial<Omit<CommentAttempt, 'screening'>> = {},
  screening: Partial<CommentScreening> = {},
) {
  const asked = { count: 0 }
  const value: CommentAttempt = {
    now: NOW,
    article: {
      id: 'article-1',
      slug: 'harbour-wall',
      headline: 'Harbour wall',
      publishedAt: new Date(NOW.getTime() - 86_400_000),
      commentMode: 'default',
    },
    settings: DEFAULT_COMMENT_SETTINGS,
    token: 'valid',
    fromOtherSite: false,
    honeypot: '',
    parentId: null,
    input: { name: 'Ingrid', email: '', body: 'The wall is overdue.' },
    screening: async () => {
      asked.count++
      return { ...CLEAR, ...screening }
    },
    rateLimit: async () => {
      asked.count++
      return ROOM
    },
    ...changes,
  }
  return { value, asked }
}

async function refusal(value: CommentAttempt): Promise<string | undefined> {
  try {
    await defend(value)
    return undefined
  } catch (error) {
    assert.ok(error instanceof DomainError, String(error))
    return error.code
  }
}

describe('comment defences', () => {
  test('are met in the documented order (ARCHITECTURE.md, "Reader comments")', () => {
    assert.deepEqual(
      COMMENT_DEFENCES.map((defence) => defence.name),
      [
        'sentFromThisSite',
        'tokenIsGenuine',
        'tokenIsFresh',
        'honeypotIsEmpty',
        'notTooFast',
        'commentsAreOpen',
        'fieldsAreValid',
        'writerNotBanned',
        'withinRateLimit',
        'noBlockedWords',
        'notADuplicate',
        'repliesToAnApprovedComment',
      ],
    )
  })

  test('a clean comment passes every one', async () => {
    assert.equal(await refusal(attempt().value), undefined)
  })

  test('the first that applies refuses, whatever else is wrong', async () => {
    const everything = attempt(
      {
        fromOtherSite: true,
        token: 'too_fast',
        honeypot: 'http://spam.example',
        settings: { ...DEFAULT_COMMENT_SETTINGS, mode: 'closed', blockedWords: ['overdue'] },
        input: { name: '', email: '', body: 'The wall is overdue.' },
      },
      { banned: true, duplicate: true },
    ).value
    everything.rateLimit = async () => FULL
    const order: string[] = []
    let current: CommentAttempt = everything
    const fixes: Partial<CommentAttempt>[] = [
      { fromOtherSite: false },
      { honeypot: '' },
      { token: 'valid' },
      { settings: { ...DEFAULT_COMMENT_SETTINGS, blockedWords: ['overdue'] } },
      { input: { name: 'Ingrid', email: '', body: 'The wall is overdue.' } },
    ]
    for (const fix of [...fixes, {}]) {
      order.push((await refusal(current)) ?? 'accepted')
      current = { ...current, ...fix }
    }
    assert.deepEqual(order, [
      'cross_site_post',
      'looks_automated',
      'too_fast',
      'comments_closed',
      'invalid_name',
      'banned',
    ])
    const screened = (facts: Partial<CommentScreening>, settings = current.settings, rate = ROOM) =>
      refusal({
        ...current,
        settings,
        screening: async () => ({ ...CLEAR, ...facts }),
        rateLimit: async () => rate,
      })
    assert.equal(await screened({ duplicate: true }, current.settings, FULL), 'too_many_comments')
    assert.equal(await screened({ duplicate: true }), 'blocked_word')
    assert.equal(await screened({ duplicate: true }, DEFAULT_COMMENT_SETTINGS), 'duplicate_comment')
  })

  test('a form refused on its face costs no question to the database', async () => {
    for (const changes of [
      { token: 'invalid' as const },
      { honeypot: 'filled' },
      { input: { name: 'Ingrid', email: '', body: '' } },
    ]) {
      const { value, asked } = attempt(changes)
      assert.ok(await refusal(value))
      assert.equal(asked.count, 0)
    }
  })

  test('the rate limit refuses when the window has no attempt left, and says when to try again', async () => {
    assert.equal(await refusal(attempt({ rateLimit: async () => ROOM }).value), undefined)
    await assert.rejects(
      defend(attempt({ rateLimit: async () => FULL }).value),
      (error: unknown) => {
        assert.ok(error instanceof DomainError)
        assert.equal(error.code, 'too_many_comments')
        assert.match(error.message, new RegExp(`${COMMENT_LIMITS.perNetwork} comments`))
        assert.equal((error as { retryAfterSeconds?: number }).retryAfterSeconds, 420)
        return true
      },
    )
  })

  test('replies go to an approved top-level comment of the same article only', async () => {
    const top = { articleId: 'article-1', status: 'approved' as const, parentId: null }
    const cases: [CommentScreening['parent'], string | undefined][] = [
      [top, undefined],
      [undefined, 'bad_parent'],
      [{ ...top, articleId: 'article-2' }, 'bad_parent'],
      [{ ...top, status: 'pending' }, 'bad_parent'],
      [{ ...top, parentId: 'another' }, 'bad_parent'],
    ]
    for (const [parent, expected] of cases) {
      assert.equal(await refusal(attempt({ parentId: 'parent-1' }, { parent }).value), expected)
    }
  })
})
