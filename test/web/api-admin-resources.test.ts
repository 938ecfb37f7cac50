// What each Admin API route beyond articles does, over real HTTP on both
// databases, through the newsroom's own services: pages (and the Content
// API's published pages), media, sections, authors, threads, comments,
// redirects and tags.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { testDialects } from '../helpers/dialects.js'
import { makeApiWorld, type ApiWorld } from './api-world.js'

type Json = Record<string, unknown> & { items?: Record<string, unknown>[] }

function apiCall(world: ApiWorld) {
  return async (method: string, path: string, body?: unknown): Promise<[number, Json]> => {
    const response = await world.server.get(`/api/v1/admin${path}`, {
      method,
      headers: {
        authorization: `Bearer ${world.tokens.admin}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
    const text = await response.text()
    return [response.status, text === '' ? {} : (JSON.parse(text) as Json)]
  }
}

for (const dialect of testDialects()) {
  describe(`Admin API resources (${dialect})`, () => {
    test('pages: written, published with their version, then in the Content API', async (t) => {
      const { world } = await makeApiWorld(t, dialect)
      const call = apiCall(world)
      const [status, page] = await call('POST', '/pages', { title: 'About us', body: '**Hello**' })
      assert.equal(status, 201)
      assert.equal(page.published, false)
      const content = (path: string) => world.server.get(`/api/v1${path}`)
      assert.equal((await content('/pages/about-us')).status, 404)
      const [published, after] = await call('PATCH', `/pages/${String(page.id)}`, {
        version: page.version,
        published: true,
      })
      assert.equal(published, 200)
      assert.equal(after.version, 2)
      const one = await content('/pages/about-us')
      assert.equal(one.status, 200)
      const shown = (await one.json()) as { body: { html: string }; url: string }
      assert.match(shown.body.html, /<strong>Hello<\/strong>/)
      assert.ok(shown.url.endsWith('/pages/about-us'))
      const list = (await (await content('/pages')).json()) as { items: { slug: string }[] }
      assert.deepEqual(
        list.items.map((item) => item.slug),
        ['about-us'],
      )
      const [stale] = await call('PATCH', `/pages/${String(page.id)}`, { version: 1, title: 'Old' })
      assert.equal(stale, 409)
      const [down] = await call('PATCH', `/pages/${String(page.id)}`, {
        version: 2,
        published: false,
      })
      assert.equal(down, 200)
      assert.equal((await content('/pages/about-us')).status, 404)
      assert.equal((await content('/pages/about-us?x=1')).status, 400)
    })

    test('media: upload, list, describe with its version; a stale one is a 409', async (t) => {
      const { world } = await makeApiWorld(t, dialect)
      const call = apiCall(world)
      const form = new FormData()
      form.set('file', new Blob([new Uint8Array(await world.freshPhoto())]), 'harbour.jpg')
      form.set('credit', 'Staff')
      const uploaded = await world.server.get('/api/v1/admin/media', {
        method: 'POST',
        headers: { authorization: `Bearer ${world.tokens.editor}` },
        body: form,
      })
      assert.equal(uploaded.status, 201)
      const item = (await uploaded.json()) as { id: string; credit: string; version: number }
      assert.equal(item.credit, 'Staff')
      const [, list] = await call('GET', '/media')
      assert.ok(list.items?.some((entry) => entry.id === item.id))
      const [ok, changed] = await call('PATCH', `/media/${item.id}`, {
        version: item.version,
        alt: 'Boats at dawn',
        caption: 'The harbour',
      })
      assert.equal(ok, 200)
      assert.deepEqual(
        [changed.alt, changed.caption, changed.credit],
        ['Boats at dawn', 'The harbour', 'Staff'],
      )
      const [stale, problem] = await call('PATCH', `/media/${item.id}`, {
        version: item.version,
        alt: 'x',
      })
      assert.equal(stale, 409)
      assert.equal((problem.error as { code: string }).code, 'stale_media')
      assert.equal((await call('GET', `/media/${item.id}`))[1].alt, 'Boats at dawn')
    })

    test('sections: create, rename, move, and delete into another with its articles', async (t) => {
      const { world } = await makeApiWorld(t, dialect)
      const call = apiCall(world)
      const [created, section] = await call('POST', '/sections', { name: 'Harbour' })
      assert.equal(created, 201)
      assert.equal((await call('PATCH', '/sections/harbour', { name: 'Port' }))[1].name, 'Port')
      const [, moved] = await call('POST', '/sections/harbour/move', { direction: 'up' })
      const order = moved.items!.map((entry) => entry.slug)
      assert.equal(order.indexOf('harbour'), order.length - 2)
      const [hidden, hide] = await call('POST', '/sections/harbour/hide', {})
      assert.deepEqual([hidden, hide.removed], [200, 2])
      const navigation = await world.ctx.services.menus.navigation()
      assert.ok(!navigation.main.some((link) => link.section === 'harbour'), 'out of the menu')
      assert.equal((await call('POST', '/sections/harbour/hide', {}))[1].removed, 0)
      const [, article] = await call('POST', '/articles', { headline: 'Ships', section: 'harbour' })
      const [deleted, result] = await call('DELETE', `/sections/${String(section.slug)}?into=news`)
      assert.equal(deleted, 200)
      assert.equal(result.moved, 1)
      assert.equal((await call('GET', `/articles/${String(article.id)}`))[1].section, 'news')
      assert.equal((await call('DELETE', '/sections/news?into=news'))[0], 422)
      assert.equal((await call('DELETE', '/sections/world'))[0], 400)
    })

    test('authors, threads, tags, comments and redirects', async (t) => {
      const { world } = await makeApiWorld(t, dialect)
      const call = apiCall(world)
      const [, article] = await call('POST', '/articles', {
        headline: 'Ferries',
        body: 'The ferries run again.',
        section: 'news',
        bylines: ['J. Smith'],
        tags: ['Transport'],
      })
      await call('POST', '/articles', {
        headline: 'More',
        section: 'news',
        bylines: ['Jane Smith'],
      })
      const [merged, merge] = await call('POST', '/authors/j-smith/merge', { into: 'jane-smith' })
      assert.equal(merged, 200)
      assert.equal(merge.articles, 1)
      assert.deepEqual((await call('GET', `/articles/${String(article.id)}`))[1].bylines, [
        'Jane Smith',
      ])
      const [edited, author] = await call('PATCH', '/authors/jane-smith', {
        bio: 'Transport.',
        links: [{ label: 'Site', url: 'https://jane.example' }],
      })
      assert.equal(edited, 200)
      assert.equal(author.bio, 'Transport.')
      const [badLink] = await call('PATCH', '/authors/jane-smith', {
        links: [{ label: 'x', url: 'javascript:alert(1)' }],
      })
      assert.equal(badLink, 422)

      const [, thread] = await call('POST', '/threads', { title: 'Ferry strike' })
      await call('PATCH', `/threads/${String(thread.slug)}`, { description: 'All of it.' })
      const [, threads] = await call('GET', '/threads')
      assert.equal(threads.items?.[0]?.description, 'All of it.')
      const [, tags] = await call('GET', '/tags')
      assert.ok(tags.items?.some((tag) => tag.name === 'Transport'))
      const [, current] = await call('GET', `/articles/${String(article.id)}`)
      const [publish] = await call('POST', `/articles/${String(article.id)}/transitions`, {
        version: current.version,
        to: 'published',
      })
      assert.equal(publish, 200)
      const before = (await (
        await world.server.get('/api/v1/articles?query=transport')
      ).json()) as {
        items: unknown[]
      }
      assert.equal(before.items.length, 1, 'tags are searched')
      const [renamed, tag] = await call('PATCH', '/tags/transport', { name: 'Omnibuses' })
      assert.deepEqual([renamed, tag], [200, { slug: 'transport', name: 'Omnibuses' }])
      assert.deepEqual((await call('GET', `/articles/${String(article.id)}`))[1].tags, [
        'Omnibuses',
      ])
      const found = (await (await world.server.get('/api/v1/articles?query=omnibuses')).json()) as {
        items: { id: string }[]
      }
      assert.deepEqual(
        found.items.map((item) => item.id),
        [article.id],
        'the search index has the new name',
      )
      await world.ctx.services.tags.rename(world.staff.admin.actor, 'transport', 'Transport')
      assert.equal((await call('PATCH', '/tags/transport', { name: 'Jane Smith' }))[0], 200)
      await world.ctx.stores.tags.insert({ id: 'tag-x', slug: 'ferries', name: 'Ferries' })
      assert.equal((await call('PATCH', '/tags/transport', { name: 'ferries' }))[0], 409)
      assert.equal((await call('PATCH', '/tags/transport', { name: '  ' }))[0], 422)

      const commentId = await world.comment()
      const [, pending] = await call('GET', '/comments?status=pending')
      assert.ok(pending.items?.some((comment) => comment.id === commentId))
      const [approved, result] = await call('POST', '/comments/moderation', {
        ids: [commentId],
        action: 'approve',
      })
      assert.deepEqual([approved, result.changed], [200, 1])
      const [, nowApproved] = await call('GET', '/comments?status=approved')
      assert.ok(nowApproved.items?.some((comment) => comment.id === commentId))
      assert.equal((await call('GET', '/comments?status=deleted'))[0], 400)
      const [held] = await call('POST', '/comments/moderation', {
        ids: [commentId],
        action: 'hold',
      })
      assert.equal(held, 200)
      const [, back] = await call('GET', '/comments?status=pending')
      assert.ok(
        back.items?.some((comment) => comment.id === commentId),
        'held: pending again',
      )

      const [added] = await call('POST', '/redirects', {
        from: '/old/ferries',
        to: '/sections/news',
      })
      assert.equal(added, 201)
      const followed = await world.server.get('/old/ferries')
      assert.equal(followed.headers.get('location')?.endsWith('/sections/news'), true)
      assert.equal((await call('DELETE', '/redirects?from=%2Fold%2Fferries'))[0], 204)
      assert.equal((await call('DELETE', '/redirects?from=%2Fold%2Fferries'))[0], 404)
    })
  })
}
