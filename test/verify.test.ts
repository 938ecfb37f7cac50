// The cheap verify checks (verify/, `npm run verify`), small, on every test
// run: generated bad inputs on every route, concurrent comments, two-editor
// races and a slice of the XSS corpus in Chromium, against the app on a real
// port. The long ones (1,000 inputs per route, kill -9 rounds, the whole
// corpus, concurrent sign-in guesses) run in `npm run verify` only.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { badInputs } from '../verify/checks/bad-inputs.js'
import { commentLimits } from '../verify/checks/comment-limits.js'
import { editorRaces } from '../verify/checks/editor-races.js'
import { activeInPage, xssCorpus } from '../verify/checks/xss-corpus.js'
import { seed } from '../verify/seed.js'
import { startInProcessSite } from '../verify/site.js'
import { XSS_PAYLOADS } from './fixtures/xss-payloads.js'
import { browserUnavailable, launchBrowser } from './helpers/browser.js'
import { testDialects } from './helpers/dialects.js'

for (const dialect of testDialects()) {
  describe(`verify, small (${dialect})`, () => {
    test('generated bad inputs on every route: never a 5xx', { timeout: 300_000 }, async (t) => {
      const site = await startInProcessSite(t, dialect)
      const routes = await badInputs(site, await seed(site), { perRoute: 25 })
      assert.ok(routes.length >= 15, `${routes.length} routes`)
      const faults = routes.filter((route) => route.byClass['5xx'] > 0)
      assert.deepEqual(
        faults.map((route) => `${route.route}: ${route.faults.join(' | ')}`),
        [],
      )
    })

    test('comments sent at once stay within the limits', async (t) => {
      const site = await startInProcessSite(t, dialect)
      const figure = await commentLimits(site, await seed(site), {
        fromOneNetwork: 15,
        identical: 8,
      })
      assert.equal(figure.fromOneNetwork.accepted, figure.fromOneNetwork.limit)
      assert.equal(figure.identical.accepted, 1)
    })

    test('two editors saving at once: exactly one 409, every round', async (t) => {
      const site = await startInProcessSite(t, dialect)
      const races = await editorRaces(site, await seed(site), { rounds: 4 })
      assert.equal(races.exactlyOneConflict, races.rounds, races.others.join(' '))
    })
  })
}

describe('verify, small: XSS corpus in Chromium', { skip: browserUnavailable() }, () => {
  test(
    'a slice of the corpus in every writable field: nothing live',
    { timeout: 300_000 },
    async (t) => {
      const site = await startInProcessSite(t, 'sqlite')
      // One of each kind of trick: script, handler, URL, markup breakout.
      const labels = [
        'script tag',
        'img onerror',
        'javascript link',
        'attribute breakout, double quote',
      ]
      const payloads = XSS_PAYLOADS.filter((payload) => labels.includes(payload.label))
      assert.equal(payloads.length, labels.length)
      const figure = await xssCorpus(site, payloads)
      assert.ok(figure.pageLoads >= payloads.length * 7, `${figure.pageLoads} pages`)
      assert.deepEqual(figure.live, [])
    },
  )

  test('the check sees a live payload when there is one', async (t) => {
    const browser = await launchBrowser(t)
    const page = await browser.newPage()
    await page.setContent(
      '<p>fine</p><img src=x onerror="1"><a href=" javascript:x">a</a><iframe></iframe>',
    )
    const found = await page.evaluate(activeInPage)
    assert.deepEqual(found.sort(), ['<a href= javascript:x>', '<iframe>', '<img onerror>'])
  })
})
