import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { COMMAND_LINE } from '../../src/domain/access/policy.js'
import { articlePath } from '../../src/web/ui/urls.js'
import { buildArticleText } from '../helpers/factories.js'
import { AdminClient } from '../web/admin-session.js'
import { cliEnv, freePort, inspectDataDir, startCli, tempDir } from './cli.js'

const TIMEOUT = { timeout: 180_000 }
const PASSWORD = 'a long enough password'
/** cliEnv's zone: the server dates article paths in it. */
const SITE_TIME_ZONE = 'Europe/London'

describe('what the server acknowledges survives kill -9', () => {
  test(
    'a saved draft and an accepted comment are there after the process is killed',
    TIMEOUT,
    async (t) => {
      const dataDir = tempDir(t)
      const port = await freePort()
      const env = cliEnv(dataDir, { PORT: String(port), HOST: '127.0.0.1' })
      const article = await inspectDataDir(dataDir, async (ctx) => {
        await ctx.services.sections.ensureDefaults()
        await ctx.services.accounts.createUser(COMMAND_LINE, {
          email: 'desk@news.example',
          displayName: 'Desk Editor',
          role: 'editor',
          password: PASSWORD,
        })
        const imported = await ctx.services.importer.importText(
          buildArticleText({ headline: 'Harbour reopens after storm' }),
          { sectionSlug: 'news', draft: false },
        )
        // Durability is the point here, not the closing rule: the article's date stays
        // fixed while the real clock moves on, so comments must not close after N days.
        const settings = await ctx.services.settings.commentSettings()
        await ctx.services.settings.updateCommentSettings(COMMAND_LINE, {
          ...settings,
          mode: 'open',
        })
        return imported.article
      })

      const server = startCli(t, ['serve'], { env })
      const [, url = ''] = await server.waitForLine(/serving .* at (http:\/\/\S+)/)
      const editor = new AdminClient(url)
      await editor.signIn('desk@news.example', PASSWORD)
      const saved = await editor.post('/admin/articles', {
        headline: 'Draft written just before the crash',
        body: 'Every word of this was acknowledged.',
        section: 'news',
        byline: 'Desk Editor',
        intent: 'save',
      })
      assert.equal(saved.status, 303, 'the save was acknowledged')

      const path = articlePath(article, SITE_TIME_ZONE)
      const page = await fetch(`${url}${path}`)
      assert.equal(page.status, 200)
      // The server keeps real time, and its form refuses posts sooner than 3 s after the
      // form was made. Instead of waiting, the form token is one made an hour ago.
      const token = await inspectDataDir(
        dataDir,
        (ctx) => ctx.services.comments.formToken(article.id),
        { clock: { now: () => new Date(Date.now() - 3_600_000) } },
      )
      const posted = await fetch(`${url}${path}/comments`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          _csrf: token,
          name: 'Reader',
          email: '',
          body: 'Posted just before the crash.',
          website: '',
        }),
        redirect: 'manual',
      })
      assert.equal(posted.status, 303, 'the comment was accepted')

      server.child.kill('SIGKILL')
      const ended = await server.exited
      assert.equal(ended.signal, 'SIGKILL')

      await inspectDataDir(dataDir, async (ctx) => {
        const drafts = await ctx.stores.articles.listForNewsroom(
          { status: 'draft' },
          { limit: 10, offset: 0 },
        )
        assert.deepEqual(
          drafts.map((draft) => draft.headline),
          ['Draft written just before the crash'],
        )
        const queue = await ctx.stores.comments.listForModeration('pending', {
          limit: 10,
          offset: 0,
        })
        assert.deepEqual(
          queue.map((comment) => comment.body),
          ['Posted just before the crash.'],
        )
      })
    },
  )
})
