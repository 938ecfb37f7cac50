// THE Admin API's authorization matrix: every route the API registers, with a
// token of each role, against what the newsroom lets that role do. A route
// without a row here fails the test: add its row when you add the route.
import assert from 'node:assert/strict'
import type { Role } from '../../src/domain/accounts/user.js'
import type { ApiWorld } from './api-world.js'
import { mark } from './api-world.js'
import type { Staff } from './admin-session.js'

export interface ApiTarget {
  path: string
  body?: unknown
  /** Sent as an upload (multipart) with this file, instead of a JSON body. */
  upload?: Buffer
  /** What `then` needs to find what the request changed. */
  key?: string
}

export interface ApiCase {
  what: string
  prepare(world: ApiWorld, me: Staff): Promise<ApiTarget>
  expect: Record<Role, number>
  /** After an allowed request: it did what it says. */
  then?(world: ApiWorld, target: ApiTarget, body: unknown): Promise<void>
}

const all = (status: number) => ({ contributor: status, editor: status, admin: status })
const editors = (status: number, contributor = 403) => ({
  contributor,
  editor: status,
  admin: status,
})
const admins = (status: number) => ({ contributor: 403, editor: 403, admin: status })
const V = '/api/v1/admin'

export const API_MATRIX: Record<string, ApiCase[]> = {
  [`GET ${V}/me`]: [
    { what: 'who the token is', prepare: async () => ({ path: '/me' }), expect: all(200) },
  ],
  [`POST ${V}/articles`]: [
    {
      what: 'creating a draft',
      prepare: async () => ({
        path: '/articles',
        body: { headline: `New ${mark()}`, section: 'news' },
      }),
      expect: all(201),
    },
  ],
  [`GET ${V}/articles/:id`]: [
    {
      what: 'your own draft',
      prepare: async (w, me) => ({ path: `/articles/${(await w.draftBy(me)).id}` }),
      expect: all(200),
    },
    {
      what: "a colleague's draft",
      prepare: async (w) => ({ path: `/articles/${(await w.draftBy(w.colleague)).id}` }),
      expect: editors(200, 404),
    },
  ],
  [`PATCH ${V}/articles/:id`]: [
    {
      what: "saving a colleague's draft",
      prepare: async (w) => {
        const draft = await w.draftBy(w.colleague)
        return {
          path: `/articles/${draft.id}`,
          body: { version: draft.version, headline: 'Taken' },
          key: draft.id,
        }
      },
      expect: editors(200, 404),
      then: async (w, target) => {
        assert.equal((await w.ctx.stores.articles.findById(target.key!))?.headline, 'Taken')
      },
    },
  ],
  [`POST ${V}/articles/:id/transitions`]: [
    {
      what: 'publishing your own draft',
      prepare: async (w, me) => {
        const draft = await w.draftBy(me)
        return {
          path: `/articles/${draft.id}/transitions`,
          body: { version: draft.version, to: 'published' },
          key: draft.id,
        }
      },
      expect: editors(200),
      then: async (w, target) => {
        assert.equal((await w.ctx.stores.articles.findById(target.key!))?.status, 'published')
      },
    },
  ],
  [`POST ${V}/media`]: [
    {
      what: 'uploading an image',
      prepare: async (w) => ({ path: '/media', upload: await w.freshPhoto() }),
      expect: all(201),
    },
  ],
  [`GET ${V}/media`]: [
    { what: 'the library', prepare: async () => ({ path: '/media' }), expect: all(200) },
  ],
  [`GET ${V}/media/:id`]: [
    {
      what: "a colleague's image",
      prepare: async (w) => ({ path: `/media/${await w.imageBy(w.colleague)}` }),
      expect: all(200),
    },
  ],
  [`PATCH ${V}/media/:id`]: [
    {
      what: "describing a colleague's image",
      prepare: async (w) => {
        const id = await w.imageBy(w.colleague)
        return { path: `/media/${id}`, body: { version: 1, alt: 'A harbour at dawn' }, key: id }
      },
      expect: editors(200),
      then: async (w, target) => {
        assert.equal((await w.ctx.stores.media.findById(target.key!))?.alt, 'A harbour at dawn')
      },
    },
  ],
  [`GET ${V}/sections`]: [
    { what: 'the sections', prepare: async () => ({ path: '/sections' }), expect: all(200) },
  ],
  [`POST ${V}/sections`]: [
    {
      what: 'adding a section',
      prepare: async () => ({ path: '/sections', body: { name: `Desk ${mark()}` } }),
      expect: admins(201),
    },
  ],
  [`PATCH ${V}/sections/:slug`]: [
    {
      what: 'renaming a section',
      prepare: async (w) => ({ path: `/sections/${await w.section()}`, body: { name: 'Renamed' } }),
      expect: admins(200),
    },
  ],
  [`POST ${V}/sections/:slug/move`]: [
    {
      what: 'moving a section up',
      prepare: async (w) => ({
        path: `/sections/${await w.section()}/move`,
        body: { direction: 'up' },
      }),
      expect: admins(200),
    },
  ],
  [`POST ${V}/sections/:slug/hide`]: [
    {
      what: 'hiding a section from the menus',
      prepare: async (w) => ({ path: `/sections/${await w.section()}/hide`, body: {} }),
      expect: editors(200),
      then: async (_w, _target, body) => {
        assert.deepEqual(body, { removed: 2 })
      },
    },
  ],
  [`DELETE ${V}/sections/:slug`]: [
    {
      what: 'deleting a section into News',
      prepare: async (w) => ({ path: `/sections/${await w.section()}?into=news` }),
      expect: admins(200),
    },
  ],
  [`GET ${V}/tags`]: [
    { what: 'the tags', prepare: async () => ({ path: '/tags' }), expect: all(200) },
  ],
  [`PATCH ${V}/tags/:slug`]: [
    {
      what: 'renaming a tag',
      prepare: async (w) => ({
        path: `/tags/${await w.tag()}`,
        body: { name: `Renamed ${mark()}` },
      }),
      expect: editors(200),
    },
  ],
  [`POST ${V}/tags/:slug/merge`]: [
    {
      what: 'merging a tag into another',
      prepare: async (w) => ({
        path: `/tags/${await w.tag()}/merge`,
        body: { into: await w.tag() },
      }),
      expect: editors(200),
    },
  ],
  [`GET ${V}/authors`]: [
    { what: 'the authors', prepare: async () => ({ path: '/authors' }), expect: editors(200) },
  ],
  [`PATCH ${V}/authors/:slug`]: [
    {
      what: "editing an author's profile",
      prepare: async (w) => ({
        path: `/authors/${await w.author()}`,
        body: { bio: 'Covers the port.' },
      }),
      expect: editors(200),
    },
  ],
  [`POST ${V}/authors/:slug/merge`]: [
    {
      what: 'merging an author into another',
      prepare: async (w) => ({
        path: `/authors/${await w.author()}/merge`,
        body: { into: await w.author() },
      }),
      expect: editors(200),
    },
  ],
  [`GET ${V}/threads`]: [
    { what: 'the threads', prepare: async () => ({ path: '/threads' }), expect: editors(200) },
  ],
  [`POST ${V}/threads`]: [
    {
      what: 'starting a thread',
      prepare: async () => ({ path: '/threads', body: { title: `Story ${mark()}` } }),
      expect: editors(201),
    },
  ],
  [`PATCH ${V}/threads/:slug`]: [
    {
      what: 'editing a thread',
      prepare: async (w) => ({
        path: `/threads/${await w.thread()}`,
        body: { description: 'All of it.' },
      }),
      expect: editors(200),
    },
  ],
  [`GET ${V}/comments`]: [
    {
      what: 'the queue',
      prepare: async () => ({ path: '/comments?status=pending' }),
      expect: editors(200),
    },
  ],
  [`POST ${V}/comments/moderation`]: [
    {
      what: 'approving a comment',
      prepare: async (w) => ({
        path: '/comments/moderation',
        body: { ids: [await w.comment()], action: 'approve' },
      }),
      expect: editors(200),
    },
  ],
  [`GET ${V}/redirects`]: [
    { what: 'the redirects', prepare: async () => ({ path: '/redirects' }), expect: editors(200) },
  ],
  [`POST ${V}/redirects`]: [
    {
      what: 'adding a redirect',
      prepare: async () => ({ path: '/redirects', body: { from: `/gone-${mark()}`, to: '/' } }),
      expect: editors(201),
    },
  ],
  [`DELETE ${V}/redirects`]: [
    {
      what: 'removing a redirect',
      prepare: async (w) => ({ path: `/redirects?from=${encodeURIComponent(await w.redirect())}` }),
      expect: editors(204),
    },
  ],
  [`GET ${V}/pages`]: [
    { what: 'every page', prepare: async () => ({ path: '/pages' }), expect: editors(200) },
  ],
  [`GET ${V}/pages/:id`]: [
    {
      what: 'a draft page',
      prepare: async (w) => ({ path: `/pages/${(await w.page()).id}` }),
      expect: editors(200),
    },
  ],
  [`POST ${V}/pages`]: [
    {
      what: 'writing a page',
      prepare: async () => ({ path: '/pages', body: { title: `Page ${mark()}`, body: 'Text.' } }),
      expect: editors(201),
    },
  ],
  [`PATCH ${V}/pages/:id`]: [
    {
      what: 'publishing a page',
      prepare: async (w) => {
        const page = await w.page()
        return {
          path: `/pages/${page.id}`,
          body: { version: page.version, published: true },
          key: page.id,
        }
      },
      expect: editors(200),
      then: async (w, target) => {
        assert.equal((await w.ctx.stores.pages.findById(target.key!))?.published, true)
      },
    },
  ],
}
