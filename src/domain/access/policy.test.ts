import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import type { Role } from '../accounts/user.js'
import { ARTICLE_STATUSES } from '../articles/article.js'
import { ForbiddenError } from '../errors.js'
import {
  accountGuardRule,
  authorize,
  can,
  canEditArticle,
  canEditMedia,
  canSharePreview,
  canViewArticle,
  COMMAND_LINE,
  IMPORTER,
  isOwner,
  SCHEDULER,
  type Actor,
  type Permission,
} from './policy.js'

/**
 * The grant table as the issue states it, written out independently of
 * policy.ts: who holds each permission. A Record over every Permission, so a
 * new permission does not compile until this table says who holds it.
 */
const HOLDERS: Record<Permission, Role[]> = {
  'articles:create': ['contributor', 'editor', 'admin'],
  'articles:edit-any': ['editor', 'admin'],
  'articles:publish': ['editor', 'admin'],
  'articles:delete': ['editor', 'admin'],
  'comments:moderate': ['editor', 'admin'],
  'threads:manage': ['editor', 'admin'],
  'users:manage': ['admin'],
  'sections:manage': ['admin'],
  'settings:manage': ['admin'],
  'audit:view': ['admin'],
  'media:upload': ['contributor', 'editor', 'admin'],
  'media:edit-any': ['editor', 'admin'],
  'media:delete': ['editor', 'admin'],
  'authors:manage': ['editor', 'admin'],
  'redirects:manage': ['editor', 'admin'],
  'frontpage:arrange': ['editor', 'admin'],
  'pages:manage': ['editor', 'admin'],
  'menus:manage': ['editor', 'admin'],
  'webhooks:manage': ['admin'],
}
const PERMISSIONS = Object.keys(HOLDERS) as Permission[]

const EXPECTED_GRANTS: Record<Role, Permission[]> = {
  contributor: PERMISSIONS.filter((p) => HOLDERS[p].includes('contributor')),
  editor: PERMISSIONS.filter((p) => HOLDERS[p].includes('editor')),
  admin: PERMISSIONS,
}

const actor = (role: Role, id: string | null = `user-${role}`): Actor => ({
  id,
  displayName: `A ${role}`,
  role,
})

const contributor = actor('contributor', 'contributor-1')
const otherContributor = actor('contributor', 'contributor-2')
const editor = actor('editor', 'editor-1')
const admin = actor('admin', 'admin-1')

describe('access policy: the grant table', () => {
  for (const role of ['contributor', 'editor', 'admin'] as const) {
    test(`${role} holds exactly its permissions`, () => {
      const held = PERMISSIONS.filter((permission) => can(actor(role), permission))
      assert.deepEqual(held, EXPECTED_GRANTS[role])
    })

    test(`authorize lets a ${role} through exactly where can() says yes`, () => {
      for (const permission of PERMISSIONS) {
        if (EXPECTED_GRANTS[role].includes(permission)) {
          assert.doesNotThrow(() => authorize(actor(role), permission), permission)
        } else {
          assert.throws(
            () => authorize(actor(role), permission),
            (error: unknown) => error instanceof ForbiddenError && error.code === 'forbidden',
            permission,
          )
        }
      }
    })
  }

  test('the system actors (scheduler, command line, importer) act as admins with no user id', () => {
    for (const system of [SCHEDULER, COMMAND_LINE, IMPORTER]) {
      assert.equal(system.id, null)
      for (const permission of PERMISSIONS) assert.equal(can(system, permission), true)
    }
  })
})

describe('access policy: articles', () => {
  const own = (status: string) => ({ status, createdBy: contributor.id })
  const others = (status: string) => ({ status, createdBy: otherContributor.id })
  const imported = (status: string) => ({ status, createdBy: null })

  test('isOwner needs a user id that matches the creator', () => {
    assert.equal(isOwner(contributor, own('draft')), true)
    assert.equal(isOwner(contributor, others('draft')), false)
    assert.equal(isOwner(contributor, imported('draft')), false)
    // The system actors own nothing, even an article with no creator.
    assert.equal(isOwner(SCHEDULER, imported('draft')), false)
    assert.equal(isOwner(actor('contributor', null), imported('draft')), false)
  })

  for (const status of ARTICLE_STATUSES) {
    test(`a contributor sees their own ${status} article, and no one else's`, () => {
      assert.equal(canViewArticle(contributor, own(status)), true)
      assert.equal(canViewArticle(contributor, others(status)), false)
      assert.equal(canViewArticle(contributor, imported(status)), false)
    })

    test(`a contributor edits their own ${status} article only if it is a draft`, () => {
      assert.equal(canEditArticle(contributor, own(status)), status === 'draft')
      assert.equal(canEditArticle(contributor, others(status)), false)
      assert.equal(canEditArticle(contributor, imported(status)), false)
    })

    test(`a ${status} article's preview links: its author while it is a draft, editors and admins always`, () => {
      assert.equal(canSharePreview(contributor, own(status)), status === 'draft')
      assert.equal(canSharePreview(contributor, others(status)), false)
      assert.equal(canSharePreview(contributor, imported(status)), false)
      for (const who of [editor, admin]) {
        assert.equal(canSharePreview(who, others(status)), true, who.role)
      }
    })

    test(`editors and admins see and edit anyone's ${status} article`, () => {
      for (const who of [editor, admin]) {
        for (const article of [own(status), others(status), imported(status)]) {
          assert.equal(canViewArticle(who, article), true, `${who.role} view`)
          assert.equal(canEditArticle(who, article), true, `${who.role} edit`)
        }
      }
    })
  }
})

describe('access policy: media', () => {
  test('a contributor edits the images they uploaded, and no one else’s', () => {
    assert.equal(canEditMedia(contributor, { createdBy: contributor.id }), true)
    assert.equal(canEditMedia(contributor, { createdBy: otherContributor.id }), false)
    assert.equal(canEditMedia(contributor, { createdBy: null }), false)
    assert.equal(canEditMedia(actor('contributor', null), { createdBy: null }), false)
  })

  test('editors, admins and the command line edit any image', () => {
    for (const who of [editor, admin, COMMAND_LINE]) {
      for (const createdBy of [contributor.id, null]) {
        assert.equal(canEditMedia(who, { createdBy }), true, who.role)
      }
    }
  })
})

describe('access policy: what guards an account', () => {
  const person: Actor = { id: 'u1', displayName: 'A', role: 'admin' }
  test('a session must have signed in recently; the command line and scheduler are trusted', () => {
    assert.equal(accountGuardRule({ ...person, authenticatedAt: new Date(0) }), 'recent-sign-in')
    assert.equal(accountGuardRule(COMMAND_LINE), 'trusted')
    assert.equal(accountGuardRule(SCHEDULER), 'trusted')
  })
  test('a token is refused whatever its role, even with a time of sign-in', () => {
    for (const role of ['contributor', 'editor', 'admin'] as const) {
      assert.equal(accountGuardRule({ ...person, role, via: 'token' }), 'refused')
      const claimed = { ...person, role, via: 'token' as const, authenticatedAt: new Date(0) }
      assert.equal(accountGuardRule(claimed), 'refused')
    }
  })
})
