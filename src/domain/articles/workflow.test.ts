import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { SCHEDULER, type Actor } from '../access/policy.js'
import type { Role } from '../accounts/user.js'
import { ConflictError } from '../errors.js'
import { ARTICLE_STATUSES, type ArticleStatus } from './article.js'
import {
  availableTransitions,
  canMakeTransition,
  isTransition,
  nextStatus,
  TRANSITION_NAMES,
  TRANSITIONS,
  type Transition,
} from './workflow.js'

/**
 * The legal moves, written out by hand from the issue: draft → in review →
 * scheduled or published → unpublished, and the ways back. Anything not here
 * must be refused.
 */
const LEGAL: Record<ArticleStatus, Partial<Record<Transition, ArticleStatus>>> = {
  draft: { submit: 'in_review', schedule: 'scheduled', publish: 'published' },
  in_review: { return: 'draft', schedule: 'scheduled', publish: 'published' },
  scheduled: { schedule: 'scheduled', unschedule: 'draft', publish: 'published' },
  published: { unpublish: 'unpublished' },
  unpublished: { schedule: 'scheduled', publish: 'published' },
}

const ALL: Transition[] = ['submit', 'return', 'schedule', 'unschedule', 'publish', 'unpublish']

const actor = (role: Role, id: string | null): Actor => ({ id, displayName: role, role })
const contributor = actor('contributor', 'c-1')
const editor = actor('editor', 'e-1')
const admin = actor('admin', 'a-1')

describe('workflow transitions', () => {
  test('the transition names are exactly the six moves', () => {
    assert.deepEqual([...TRANSITION_NAMES].sort(), [...ALL].sort())
    for (const name of ALL) assert.equal(isTransition(name), true)
    for (const name of ['save', 'delete', 'toString', 'constructor', '__proto__', '']) {
      assert.equal(isTransition(name), false, name)
    }
  })

  for (const from of ARTICLE_STATUSES) {
    for (const transition of ALL) {
      const to = LEGAL[from][transition]
      if (to) {
        test(`${from} --${transition}--> ${to}`, () => {
          assert.equal(nextStatus(from, transition), to)
        })
      } else {
        test(`${transition} from ${from} is illegal`, () => {
          assert.throws(
            () => nextStatus(from, transition),
            (error: unknown) => {
              assert.ok(error instanceof ConflictError, `got ${String(error)}`)
              assert.equal(error.code, 'illegal_transition')
              assert.match(error.message, new RegExp(TRANSITIONS[transition].label))
              return true
            },
          )
        })
      }
    }
  }
})

describe('who may make a transition', () => {
  const own = (status: ArticleStatus) => ({ status, createdBy: contributor.id })
  const others = (status: ArticleStatus) => ({ status, createdBy: 'c-2' })

  test('a contributor may submit and return their own article, and nothing else', () => {
    for (const transition of ALL) {
      const allowed = transition === 'submit' || transition === 'return'
      assert.equal(canMakeTransition(contributor, own('draft'), transition), allowed, transition)
      assert.equal(canMakeTransition(contributor, others('draft'), transition), false, transition)
      assert.equal(
        canMakeTransition(contributor, { status: 'draft', createdBy: null }, transition),
        false,
        transition,
      )
    }
  })

  test('editors, admins and the scheduler may make any move on anyone’s article', () => {
    for (const who of [editor, admin, SCHEDULER]) {
      for (const transition of ALL) {
        assert.equal(canMakeTransition(who, others('in_review'), transition), true)
        assert.equal(canMakeTransition(who, own('draft'), transition), true)
      }
    }
  })

  for (const status of ARTICLE_STATUSES) {
    const legal = ALL.filter((transition) => LEGAL[status][transition] !== undefined)

    test(`availableTransitions for a ${status} article`, () => {
      assert.deepEqual(availableTransitions(editor, others(status)), legal)
      assert.deepEqual(availableTransitions(admin, own(status)), legal)
      assert.deepEqual(
        availableTransitions(contributor, own(status)),
        legal.filter((transition) => transition === 'submit' || transition === 'return'),
      )
      assert.deepEqual(availableTransitions(contributor, others(status)), [])
    })
  }

  test('every available transition is legal, and each gives the status the table says', () => {
    for (const status of ARTICLE_STATUSES) {
      for (const who of [contributor, editor, admin]) {
        for (const transition of availableTransitions(who, own(status))) {
          assert.equal(nextStatus(status, transition), LEGAL[status][transition])
        }
      }
    }
  })
})
