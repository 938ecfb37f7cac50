// The admin's management pages over real HTTP: users (create with a one-time
// password, rename, role, deactivate, reset), sections (create, rename, reorder,
// as the public navigation shows them) and the audit log.
import assert from 'node:assert/strict'
import { describe, test, type TestContext } from 'node:test'
import { COMMAND_LINE } from '../../src/domain/access/policy.js'
import type { AuditAction } from '../../src/domain/audit/audit.js'
import { startTestServer, type TestServer } from '../helpers/app.js'
import { createTestContext, type TestAppContext } from '../helpers/context.js'
import { testDialects, type DialectName } from '../helpers/dialects.js'
import type { HTMLElement } from 'node-html-parser'
import { SECTIONS, textOf, textsOf } from './html.js'
import {
  AdminClient,
  createStaff,
  fieldError,
  fieldValue,
  SESSION_COOKIE,
  type AdminPage,
  type Staff,
} from './admin-session.js'

interface World {
  ctx: TestAppContext
  server: TestServer
  admin: Staff
  /** A browser signed in as the admin. */
  browser: AdminClient
}

async function makeWorld(t: TestContext, dialect: DialectName): Promise<World> {
  const ctx = await createTestContext(t, dialect)
  const server = await startTestServer(t, ctx)
  const admin = await createStaff(ctx, 'admin', 'Ada Admin')
  const browser = new AdminClient(server.url)
  await browser.signInAs(admin)
  return { ctx, server, admin, browser }
}

/** The option a select shows as chosen. */
function selected(page: AdminPage, name: string): string | undefined {
  const select = page.document.querySelector(`select[name="${name}"]`)
  return select?.querySelector('option[selected]')?.getAttribute('value')
}

/** A table row's cells, as " | "-separated text. */
function cells(row: HTMLElement | undefined): string {
  return (row?.querySelectorAll('td') ?? []).map(textOf).join(' | ')
}

/** The banner a refused form shows at the top. */
function banner(page: AdminPage): string {
  return textOf(page.document.querySelector('[role=alert]'))
}

/** The section names in the public site's navigation, in order. */
async function publicNavigation(server: TestServer): Promise<string[]> {
  const { response, document } = await server.page('/')
  assert.equal(response.status, 200)
  return textsOf(document.querySelectorAll('body > header nav a'))
}

async function auditActions(
  ctx: TestAppContext,
): Promise<{ action: AuditAction; subject: string; details: string }[]> {
  const { items } = await ctx.services.audit.list(COMMAND_LINE, 1, 1000)
  return items.map(({ action, subject, details }) => ({ action, subject, details }))
}

const NEW_USER = { email: 'Nadia.Quist@Example.com', displayName: 'Nadia Quist', role: 'editor' }

for (const dialect of testDialects()) {
  describe(`newsroom management pages (${dialect})`, () => {
    test('an admin adds a user; the password is shown once and signs them in', async (t) => {
      const { ctx, server, browser } = await makeWorld(t, dialect)

      const list = await browser.get('/admin/users')
      assert.equal(list.status, 200)
      assert.deepEqual(textsOf(list.document.querySelectorAll('table.users tbody tr a')), [
        'Ada Admin',
      ])
      const form = await browser.get('/admin/users/new')
      assert.equal(form.status, 200)
      assert.ok(form.document.querySelector('form[action="/admin/users"] input[name=_csrf]'))

      const created = await browser.post('/admin/users', NEW_USER)
      assert.equal(created.status, 201)
      const password = created.document.querySelector('#new-password')?.getAttribute('value') ?? ''
      assert.match(password, /^[a-z0-9]{5}(-[a-z0-9]{5}){3}$/)
      assert.match(
        textOf(created.document.querySelector('main')),
        /Copy it now: it is not shown again/,
      )
      assert.equal(created.response.headers.get('cache-control'), 'private, no-store')

      // The email is stored as typed, lower-cased; the password works.
      const newcomer = new AdminClient(server.url)
      const signedIn = await newcomer.signIn('nadia.quist@example.com', password)
      assert.equal(signedIn.status, 303)
      assert.equal((await newcomer.get('/admin')).status, 200)

      // The list shows them; their page never shows the password again.
      const after = await browser.get('/admin/users')
      const row = after.document
        .querySelectorAll('table.users tbody tr')
        .find((tr) => textOf(tr).includes('Nadia Quist'))
      assert.ok(row)
      assert.match(cells(row), /^Nadia Quist \| nadia\.quist@example\.com \| Editor \| Active \| /)
      const href = row.querySelector('a')?.getAttribute('href') ?? ''
      const own = await browser.get(href)
      assert.equal(own.status, 200)
      assert.ok(!own.html.includes(password))
      assert.ok(!after.html.includes(password))

      const events = await auditActions(ctx)
      assert.ok(
        events.some(
          (e) =>
            e.action === 'user_created' &&
            e.subject === 'nadia.quist@example.com' &&
            e.details === 'as editor',
        ),
      )
    })

    test('a taken email is a 409 and bad input a 422, with what was typed kept', async (t) => {
      const { ctx, browser, admin } = await makeWorld(t, dialect)
      const before = (await ctx.services.accounts.listUsers(COMMAND_LINE)).length

      const taken = await browser.post('/admin/users', {
        email: admin.email.toUpperCase(),
        displayName: 'Second Ada',
        role: 'admin',
      })
      assert.equal(taken.status, 409)
      assert.equal(fieldValue(taken, 'email'), admin.email.toUpperCase())
      assert.equal(fieldValue(taken, 'displayName'), 'Second Ada')
      assert.equal(selected(taken, 'role'), 'admin')
      assert.match(fieldError(taken, 'email') ?? '', /already an account/)
      assert.match(
        taken.document.querySelector('#email')?.getAttribute('aria-describedby') ?? '',
        /email-error/,
      )

      const badEmail = await browser.post('/admin/users', { ...NEW_USER, email: 'not an email' })
      assert.equal(badEmail.status, 422)
      assert.ok(fieldError(badEmail, 'email'))
      assert.equal(fieldValue(badEmail, 'email'), 'not an email')
      assert.equal(fieldValue(badEmail, 'displayName'), NEW_USER.displayName)

      const noName = await browser.post('/admin/users', { ...NEW_USER, displayName: '   ' })
      assert.equal(noName.status, 422)
      assert.ok(fieldError(noName, 'displayName'))

      const badRole = await browser.post('/admin/users', { ...NEW_USER, role: 'owner' })
      assert.equal(badRole.status, 422)
      assert.ok(fieldError(badRole, 'role'))

      assert.equal((await ctx.services.accounts.listUsers(COMMAND_LINE)).length, before)
    })

    test('renaming a user and changing their role are saved and audited', async (t) => {
      const { ctx, browser } = await makeWorld(t, dialect)
      const reporter = await createStaff(ctx, 'contributor', 'Rita Reporter')
      const path = `/admin/users/${reporter.user.id}`

      const page = await browser.get(path)
      assert.equal(page.status, 200)
      assert.equal(fieldValue(page, 'displayName'), 'Rita Reporter')
      assert.equal(selected(page, 'role'), 'contributor')

      const form = page.document.querySelector(`form[action="${path}"]`)
      assert.ok(form)
      const saved = await browser.submit(form, { displayName: 'Rita Rowe', role: 'editor' })
      assert.equal(saved.status, 303)
      assert.equal(saved.location, `${path}?done=saved`)
      const shown = await browser.get(saved.location)
      assert.equal(textOf(shown.document.querySelector('[role=status]')), 'Saved.')
      assert.equal(fieldValue(shown, 'displayName'), 'Rita Rowe')
      assert.equal(selected(shown, 'role'), 'editor')

      const events = await auditActions(ctx)
      assert.ok(
        events.some(
          (e) =>
            e.action === 'role_changed' &&
            e.subject === reporter.email &&
            e.details === 'contributor → editor',
        ),
      )
      assert.ok(events.some((e) => e.action === 'user_updated' && e.details === 'name: Rita Rowe'))

      // The audit log shows the change in words.
      const audit = await browser.get('/admin/audit')
      const row = audit.document
        .querySelectorAll('table.audit tbody tr')
        .find((tr) => textOf(tr).includes('Changed role'))
      assert.ok(row)
      assert.equal(
        cells(row).split(' | ').slice(1).join(' | '),
        `Ada Admin | Changed role | ${reporter.email} | contributor → editor`,
      )
    })

    test('the last active admin can neither stop being an admin nor be deactivated', async (t) => {
      const { ctx, browser, admin } = await makeWorld(t, dialect)
      const path = `/admin/users/${admin.user.id}`

      const demoted = await browser.post(path, { displayName: 'Ada A.', role: 'editor' })
      assert.equal(demoted.status, 409)
      assert.match(banner(demoted), /at least one active admin/)
      assert.match(fieldError(demoted, 'role') ?? '', /at least one active admin/)
      // What was typed stays on the form.
      assert.equal(fieldValue(demoted, 'displayName'), 'Ada A.')
      assert.equal(selected(demoted, 'role'), 'editor')

      const deactivated = await browser.post(`${path}/deactivate`)
      assert.equal(deactivated.status, 409)
      assert.match(banner(deactivated), /at least one active admin/)

      const stored = await ctx.services.accounts.getUser(COMMAND_LINE, admin.user.id)
      assert.equal(stored.role, 'admin')
      assert.equal(stored.active, true)
      assert.equal(stored.displayName, 'Ada Admin')

      // With a second admin, the first may step down, and is sent where they may still go.
      await createStaff(ctx, 'admin', 'Otto Other')
      const stepDown = await browser.post(path, { displayName: 'Ada Admin', role: 'editor' })
      assert.equal(stepDown.status, 303)
      assert.equal(stepDown.location, '/admin')
      assert.equal((await browser.get('/admin/users')).status, 403)
    })

    test('deactivating a user ends their session at once; reactivating lets them back', async (t) => {
      const { ctx, server, browser } = await makeWorld(t, dialect)
      const reporter = await createStaff(ctx, 'contributor', 'Dora Deskside')
      const theirs = new AdminClient(server.url)
      await theirs.signInAs(reporter)
      assert.equal((await theirs.get('/admin')).status, 200)

      const path = `/admin/users/${reporter.user.id}`
      const page = await browser.get(path)
      assert.match(
        textOf(page.document.querySelector('.account-actions')),
        /ends all of their sessions/,
      )
      const done = await browser.post(`${path}/deactivate`)
      assert.equal(done.status, 303)
      assert.equal(done.location, `${path}?done=deactivated`)
      const shown = await browser.get(done.location)
      assert.match(textOf(shown.document.querySelector('[role=status]')), /sessions have ended/)
      assert.ok(shown.document.querySelector(`form[action="${path}/activate"]`))

      // Their very next request finds no session.
      const next = await theirs.get('/admin')
      assert.equal(next.status, 303)
      assert.equal(next.location, '/admin/login?next=%2Fadmin')
      const again = new AdminClient(server.url)
      assert.equal((await again.signIn(reporter.email, reporter.password)).status, 401)

      const list = await browser.get('/admin/users')
      const row = list.document
        .querySelectorAll('table.users tbody tr')
        .find((tr) => textOf(tr).includes('Dora Deskside'))
      assert.match(cells(row), /\| Deactivated \|/)

      assert.equal((await browser.post(`${path}/activate`)).location, `${path}?done=activated`)
      await again.signInAs(reporter)

      const actions = (await auditActions(ctx)).map((e) => e.action)
      assert.ok(actions.includes('user_deactivated') && actions.includes('user_reactivated'))
    })

    test('resetting a password shows the new one once and ends their sessions', async (t) => {
      const { ctx, server, browser } = await makeWorld(t, dialect)
      const reporter = await createStaff(ctx, 'contributor', 'Pat Forgetful')
      const theirs = new AdminClient(server.url)
      await theirs.signInAs(reporter)

      const reset = await browser.post(`/admin/users/${reporter.user.id}/password`)
      assert.equal(reset.status, 200)
      const password = reset.document.querySelector('#new-password')?.getAttribute('value') ?? ''
      assert.ok(password.length >= 10)
      assert.match(textOf(reset.document.querySelector('main')), /not shown again/)
      assert.match(textOf(reset.document.querySelector('[role=status]')), /sessions have ended/)

      assert.equal((await theirs.get('/admin')).status, 303)
      const old = new AdminClient(server.url)
      assert.equal((await old.signIn(reporter.email, reporter.password)).status, 401)
      const fresh = new AdminClient(server.url)
      assert.equal((await fresh.signIn(reporter.email, password)).status, 303)
      assert.ok(fresh.cookies.get(SESSION_COOKIE))

      assert.ok(
        (await auditActions(ctx)).some(
          (e) =>
            e.action === 'password_changed' &&
            e.details === 'reset' &&
            e.subject === reporter.email,
        ),
      )
    })

    test('a user id that cannot be one, or names no one, is a 404 page', async (t) => {
      const { browser } = await makeWorld(t, dialect)
      for (const path of [
        '/admin/users/not-a-uuid',
        '/admin/users/01234567-89ab-7def-8123-456789abcdef',
        '/admin/users/01234567-89AB-7DEF-8123-456789ABCDEF',
      ]) {
        const page = await browser.get(path)
        assert.equal(page.status, 404, path)
        assert.equal(textOf(page.document.querySelector('h1')), 'Not found', path)
      }
      assert.equal((await browser.post('/admin/users/nope/deactivate')).status, 404)
      assert.equal(
        (await browser.post('/admin/users/nope', { displayName: 'X', role: 'admin' })).status,
        404,
      )
    })

    test('editors and contributors are turned away from every management page', async (t) => {
      const { ctx, server } = await makeWorld(t, dialect)
      for (const role of ['editor', 'contributor'] as const) {
        const staff = await createStaff(ctx, role)
        const client = new AdminClient(server.url)
        await client.signInAs(staff)
        const home = await client.get('/admin')
        assert.equal(home.document.querySelector('nav a[href="/admin/users"]'), null)
        for (const path of [
          '/admin/users',
          '/admin/users/new',
          '/admin/sections',
          '/admin/audit',
        ]) {
          const page = await client.get(path)
          assert.equal(page.status, 403, `${role} ${path}`)
        }
        const refused = await client.post('/admin/users', { ...NEW_USER, role: 'admin' })
        assert.equal(refused.status, 403)
        assert.equal(
          (await client.post('/admin/sections', { name: 'Weather', slug: '' })).status,
          403,
        )
      }
      const users = await ctx.services.accounts.listUsers(COMMAND_LINE)
      assert.ok(!users.some((user) => user.email === NEW_USER.email.toLowerCase()))
      assert.deepEqual(
        (await ctx.services.sections.list()).map((s) => s.name),
        SECTIONS,
      )
    })

    test('creating, renaming and reordering sections changes the public navigation', async (t) => {
      const { ctx, server, browser } = await makeWorld(t, dialect)
      assert.deepEqual(await publicNavigation(server), SECTIONS)

      const page = await browser.get('/admin/sections')
      assert.equal(page.status, 200)
      assert.deepEqual(
        page.document
          .querySelectorAll('table.sections tbody input[name=name]')
          .map((i) => i.getAttribute('value')),
        SECTIONS,
      )
      // The first cannot move up, the last cannot move down.
      assert.ok(
        page.document.querySelector('#section-news button[value=up]')?.hasAttribute('disabled'),
      )
      assert.ok(
        page.document.querySelector('#section-sport button[value=down]')?.hasAttribute('disabled'),
      )

      const created = await browser.post('/admin/sections', { name: 'Local News', slug: '' })
      assert.equal(created.status, 303)
      assert.equal(created.location, '/admin/sections?done=created#section-local-news')
      assert.deepEqual(await publicNavigation(server), [...SECTIONS, 'Local News'])
      assert.equal((await server.get('/local-news')).status, 200)

      const withSlug = await browser.post('/admin/sections', { name: 'Weather', slug: 'forecast' })
      assert.equal(withSlug.status, 303)
      assert.equal((await server.get('/forecast')).status, 200)

      const up = await browser.post('/admin/sections/local-news/move', { direction: 'up' })
      assert.equal(up.status, 303)
      assert.equal(up.location, '/admin/sections?done=moved#section-local-news')
      const down = await browser.post('/admin/sections/news/move', { direction: 'down' })
      assert.equal(down.status, 303)
      const renamed = await browser.post('/admin/sections/sport/rename', { name: 'Sports' })
      assert.equal(renamed.status, 303)
      assert.equal(renamed.location, '/admin/sections?done=renamed#section-sport')

      const expected = [
        'Politics',
        'News',
        'Features',
        'Arts',
        'Entertainment',
        'Society',
        'Local News',
        'Sports',
        'Weather',
      ]
      assert.deepEqual(await publicNavigation(server), expected)
      // The renamed section keeps its address.
      const { document } = await server.page('/')
      const sports = document
        .querySelectorAll('body > header nav a')
        .find((a) => textOf(a) === 'Sports')
      assert.equal(sports?.getAttribute('href'), '/sport')

      const after = await browser.get('/admin/sections?done=renamed')
      assert.match(textOf(after.document.querySelector('[role=status]')), /renamed/)
      assert.deepEqual(
        after.document
          .querySelectorAll('table.sections tbody input[name=name]')
          .map((i) => i.getAttribute('value')),
        expected,
      )

      const actions = (await auditActions(ctx)).map((e) => e.action)
      for (const action of ['section_created', 'section_renamed', 'sections_reordered'] as const) {
        assert.ok(actions.includes(action), action)
      }
    })

    test('reserved, malformed and taken section slugs are refused with the values kept', async (t) => {
      const { ctx, browser } = await makeWorld(t, dialect)

      const reserved = await browser.post('/admin/sections', { name: 'Admin Notes', slug: 'admin' })
      assert.equal(reserved.status, 422)
      assert.equal(fieldValue(reserved, 'slug'), 'admin')
      assert.equal(reserved.document.querySelector('#name')?.getAttribute('value'), 'Admin Notes')
      assert.match(fieldError(reserved, 'slug') ?? '', /used by another page/)

      const malformed = await browser.post('/admin/sections', { name: 'Odd', slug: 'Not A Slug' })
      assert.equal(malformed.status, 422)
      assert.ok(fieldError(malformed, 'slug'))
      assert.equal(fieldValue(malformed, 'slug'), 'Not A Slug')

      const taken = await browser.post('/admin/sections', {
        name: 'More Politics',
        slug: 'politics',
      })
      assert.equal(taken.status, 409)
      assert.match(fieldError(taken, 'slug') ?? '', /already a section at \/politics/)

      const noName = await browser.post('/admin/sections', { name: ' ', slug: 'blank' })
      assert.equal(noName.status, 422)
      assert.ok(fieldError(noName, 'name'))

      // A refused rename shows its error in its own row, with what was typed.
      const longName = 'S'.repeat(61)
      const rename = await browser.post('/admin/sections/sport/rename', { name: longName })
      assert.equal(rename.status, 422)
      assert.ok(fieldError(rename, 'name-sport'))
      assert.equal(rename.document.querySelector('#name-sport')?.getAttribute('value'), longName)
      assert.equal(rename.document.querySelector('#name-news')?.getAttribute('value'), 'News')
      assert.equal(fieldError(rename, 'name'), undefined)

      const sideways = await browser.post('/admin/sections/sport/move', { direction: 'sideways' })
      assert.equal(sideways.status, 422)

      assert.equal(
        (await browser.post('/admin/sections/nowhere/rename', { name: 'X' })).status,
        404,
      )
      assert.equal(
        (await browser.post('/admin/sections/Bad_Slug/move', { direction: 'up' })).status,
        404,
      )

      assert.deepEqual(
        (await ctx.services.sections.list()).map((s) => s.name),
        SECTIONS,
      )
    })

    test('the audit log lists sign-ins and changes, 50 to a page; past the last page is a 404', async (t) => {
      const { ctx, browser } = await makeWorld(t, dialect)
      // With the admin's creation and sign-in: 52 events, two pages.
      for (let index = 1; index <= 50; index++) {
        ctx.clock.advance(1000)
        await ctx.services.sections.create(COMMAND_LINE, { name: `Desk ${index}` })
      }

      const first = await browser.get('/admin/audit')
      assert.equal(first.status, 200)
      const rows = first.document.querySelectorAll('table.audit tbody tr')
      assert.equal(rows.length, 50)
      assert.match(
        cells(rows[0]),
        /\| Command line \(system\) \| Created section \| Desk 50 \| \/desk-50$/,
      )
      assert.ok(rows[0]?.querySelector('time[datetime]'))
      const next = first.document.querySelector('.pagination a[rel=next]')
      assert.equal(next?.getAttribute('href'), '/admin/audit?page=2')
      assert.match(textOf(next), /Older events/)

      const second = await browser.get('/admin/audit?page=2')
      assert.equal(second.status, 200)
      const older = second.document.querySelectorAll('table.audit tbody tr').map(cells)
      assert.equal(older.length, 2)
      assert.ok(older.some((row) => /\| Ada Admin \| Signed in \|/.test(row)))
      assert.ok(older.some((row) => /\| Command line \(system\) \| Created user \|/.test(row)))
      assert.equal(
        second.document.querySelector('.pagination a[rel=prev]')?.getAttribute('href'),
        '/admin/audit',
      )

      for (const page of ['3', '0', '-1', 'two', '1.5', '']) {
        const beyond = await browser.get(`/admin/audit?page=${page}`)
        assert.equal(beyond.status, 404, `page=${page}`)
      }
    })

    test('a form sent without its CSRF token is refused with a 403, and nothing typed is lost', async (t) => {
      const { ctx, browser, admin } = await makeWorld(t, dialect)
      const reporter = await createStaff(ctx, 'contributor', 'Cass Csrf')

      const user = await browser.postRaw('/admin/users', NEW_USER)
      assert.equal(user.status, 403)
      assert.match(banner(user), /expired, or was sent from another site/)
      assert.equal(fieldValue(user, 'email'), NEW_USER.email)
      assert.equal(fieldValue(user, 'displayName'), NEW_USER.displayName)
      assert.equal(selected(user, 'role'), 'editor')
      // The page gives a fresh token to send it again with.
      assert.equal(fieldValue(user, '_csrf'), browser.csrf)

      const edit = await browser.postRaw(`/admin/users/${reporter.user.id}`, {
        displayName: 'Cass Changed',
        role: 'editor',
        _csrf: 'x'.repeat(43),
      })
      assert.equal(edit.status, 403)
      assert.equal(fieldValue(edit, 'displayName'), 'Cass Changed')
      assert.equal(selected(edit, 'role'), 'editor')

      assert.equal(
        (await browser.postRaw(`/admin/users/${reporter.user.id}/deactivate`, {})).status,
        403,
      )
      assert.equal(
        (await browser.postRaw(`/admin/users/${reporter.user.id}/password`, {})).status,
        403,
      )

      const section = await browser.postRaw('/admin/sections', { name: 'Weather', slug: 'weather' })
      assert.equal(section.status, 403)
      assert.equal(fieldValue(section, 'slug'), 'weather')
      assert.equal(section.document.querySelector('#name')?.getAttribute('value'), 'Weather')
      const rename = await browser.postRaw('/admin/sections/sport/rename', { name: 'Sports' })
      assert.equal(rename.status, 403)
      assert.equal(rename.document.querySelector('#name-sport')?.getAttribute('value'), 'Sports')
      assert.equal(
        (await browser.postRaw('/admin/sections/sport/move', { direction: 'up' })).status,
        403,
      )

      // Nothing changed.
      const users = await ctx.services.accounts.listUsers(COMMAND_LINE)
      assert.deepEqual(
        users.map((u) => [u.displayName, u.role, u.active]),
        [
          [admin.user.displayName, 'admin', true],
          ['Cass Csrf', 'contributor', true],
        ],
      )
      const signIn = new AdminClient(browser.baseUrl)
      await signIn.signInAs(reporter)
      assert.deepEqual(
        (await ctx.services.sections.list()).map((s) => s.name),
        SECTIONS,
      )
    })
  })
}
