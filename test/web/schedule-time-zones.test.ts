// Scheduling in the site's time zone, over HTTP on both databases: a time
// typed in Oslo before the clocks go forward is the instant Oslo's clocks show
// after the change (CEST, UTC+2), shown back with its zone; a time in the
// skipped hour is refused, saying why; the scheduler publishes at that instant.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { startTestServer } from '../helpers/app.js'
import { createTestContext } from '../helpers/context.js'
import { testDialects } from '../helpers/dialects.js'
import { AdminClient, createStaff, editorForm, fieldError } from './admin-session.js'
import { textOf } from './html.js'

const OSLO = { SITE_TIME_ZONE: 'Europe/Oslo', SITE_LANGUAGE: 'en-GB' }

for (const dialect of testDialects()) {
  describe(`scheduling in the site's time zone (${dialect})`, () => {
    test('a time typed in Oslo across the spring change is the instant its clocks show', async (t) => {
      const ctx = await createTestContext(t, dialect, OSLO)
      // Friday 27 March 2026, 10:00 UTC = 11:00 CET; the clocks go forward on Sunday the 29th.
      ctx.clock.set(new Date('2026-03-27T10:00:00Z'))
      const server = await startTestServer(t, ctx)
      const editor = await createStaff(ctx, 'editor', 'Eda Editor')
      const draft = await ctx.services.editing.createDraft(editor.actor, {
        headline: 'Ferry timetable changes with the clocks',
        standfirst: '',
        dateline: '',
        body: 'The summer timetable starts on Monday.',
        keyPoints: [],
        sectionSlug: 'news',
        bylines: ['Ada Brekke'],
        tags: [],
        slug: '',
      })
      const browser = new AdminClient(server.url)
      await browser.signInAs(editor)
      const path = `/admin/articles/${draft.id}`
      const page = await browser.get(path)
      assert.match(
        page.document.querySelector('#scheduledFor-hint')?.text ?? '',
        /Europe\/Oslo/,
        'the field says which zone it is in',
      )

      // The hour the clocks skip: 02:30 never happens in Oslo on 29 March.
      const skipped = await browser.submit(editorForm(page), {
        scheduled_for: '2026-03-29T02:30',
        intent: 'schedule',
      })
      assert.equal(skipped.status, 422)
      assert.match(fieldError(skipped, 'scheduledFor') ?? '', /never happens in Europe\/Oslo/)
      assert.equal((await ctx.stores.articles.findById(draft.id))?.status, 'draft')

      const scheduled = await browser.submit(editorForm(skipped), {
        scheduled_for: '2026-03-30T09:00',
        intent: 'schedule',
      })
      assert.equal(scheduled.status, 303)
      const stored = await ctx.stores.articles.findById(draft.id)
      assert.equal(stored?.status, 'scheduled')
      // 09:00 in Oslo on 30 March is CEST, two hours ahead of UTC (it was one when typed).
      assert.equal(stored?.scheduledFor?.toISOString(), '2026-03-30T07:00:00.000Z')
      const shown = await browser.get(scheduled.location)
      assert.equal(
        textOf(shown.document.querySelector('.notice-ok')),
        'Saved and scheduled for Monday, March 30th 2026, 09:00 CEST.',
      )
      assert.match(textOf(shown.document.querySelector('.editor-head .meta')), /09:00 CEST/)
      assert.equal(
        shown.document.querySelector('input#scheduledFor')?.getAttribute('value'),
        '2026-03-30T09:00',
        'shown again as typed, in the site zone',
      )

      // The scheduler publishes it then, not an hour early or late.
      ctx.clock.set(new Date('2026-03-30T06:59:00Z'))
      assert.equal((await ctx.services.workflow.publishDue()).length, 0)
      ctx.clock.set(new Date('2026-03-30T07:00:00Z'))
      assert.equal((await ctx.services.workflow.publishDue()).length, 1)
      assert.equal((await ctx.stores.articles.findById(draft.id))?.status, 'published')
    })
  })
}
