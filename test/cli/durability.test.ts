import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { COMMAND_LINE } from '../../src/domain/access/policy.js'
import { buildArticleText } from '../helpers/factories.js'
import { AdminClient } from '../web/admin-session.js'
import { cliEnv, freePort, inspectDataDir, startCli, tempDir } from './cli.js'

const TIMEOUT = { timeout: 180_000 }
const PASSWORD = 'a long enough password'

describe('what the server acknowledges survives kill -9', () => {
  test(
    'a saved draft and an accepted comment are there after the process is killed',
    TIMEOUT,
    async (t) => {
      const dataDir = tempDir(t)
      const port = await freePort()
      const env = cliEnv(dataDir, { PORT: String(port), HOST: '127.0.0.1' })
      await inspectDataDir(dataDir, async (ctx) => {
        await ctx.services.sections.ensureDefaults()
        await ctx.services.accounts.createUser(COMMAND_LINE, {
          email: 'desk@news.example',
          displayName: 'Desk Editor',
          role: 'editor',
          password: PASSWORD,
        })
        await ctx.services.importer.importText(
          buildArticleText({ headline: 'Harbour reopens after storm' }),
          {
            sectionSlug: 'news',
            draft: false,
          },
        )
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

      const page = await fetch(`${url}/2026/11/17/harbour-reopens-after-storm`)
      const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? ''
      // A real process keeps real time: the comment form refuses posts sooner than 3 s.
      await new Promise((resolve) => setTimeout(resolve, 3200))
      const posted = await fetch(`${url}/2026/11/17/harbour-reopens-after-storm/comments`, {
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
