import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import type { SiteChrome } from '../../src/web/plugins/render.js'
import { memoizedChrome } from '../../src/web/plugins/chrome-memo.js'

const T0 = new Date('2026-06-01T12:00:00Z')

/** A loader that counts its calls and answers with what the test sets. */
function loader(initial: SiteChrome) {
  let next = initial
  let calls = 0
  let gate: Promise<void> | undefined
  return {
    load: async (): Promise<SiteChrome> => {
      calls++
      const answer = next
      if (gate) await gate
      return answer
    },
    set: (chrome: SiteChrome) => (next = chrome),
    hold: () => {
      let release = () => {}
      gate = new Promise((resolve) => (release = resolve))
      return () => {
        gate = undefined
        release()
      }
    },
    calls: () => calls,
  }
}

const chromeNamed = (name: string, banner?: SiteChrome['banner']): SiteChrome => ({
  sections: [{ slug: name.toLowerCase(), name }],
  menus: { main: [], footer: [] },
  banner,
})

describe('memoizedChrome', () => {
  test('reads once, and again only after a change to the site', async () => {
    const source = loader(chromeNamed('News'))
    const memo = memoizedChrome(source.load, () => T0)
    assert.equal((await memo.get()).sections[0]?.name, 'News')
    await memo.get()
    assert.equal(source.calls(), 1)

    memo.changed({ scope: 'comments', articleId: 'a' })
    memo.changed({ scope: 'redirects' })
    await memo.get()
    assert.equal(source.calls(), 1, 'comments and redirects leave the chrome as it was')

    source.set(chromeNamed('Sport'))
    memo.changed({ scope: 'site' })
    assert.equal((await memo.get()).sections[0]?.name, 'Sport')
    assert.equal(source.calls(), 2)
  })

  test('a banner that has run out is read again', async () => {
    let now = T0
    const banner = {
      text: 'Polls close at eight',
      article: null,
      expiresAt: new Date(T0.getTime() + 60_000),
    }
    const source = loader(chromeNamed('News', banner))
    const memo = memoizedChrome(source.load, () => now)
    assert.equal((await memo.get()).banner?.text, 'Polls close at eight')
    source.set(chromeNamed('News'))
    now = new Date(T0.getTime() + 59_999)
    assert.ok((await memo.get()).banner, 'still up a millisecond before it expires')
    now = new Date(T0.getTime() + 60_000)
    assert.equal((await memo.get()).banner, undefined)
    assert.equal(source.calls(), 2)
  })

  test('a read under way when the site changes is not kept', async () => {
    const source = loader(chromeNamed('Old'))
    const memo = memoizedChrome(source.load, () => T0)
    const release = source.hold()
    const reading = memo.get()
    source.set(chromeNamed('New'))
    memo.changed({ scope: 'site' })
    release()
    assert.equal((await reading).sections[0]?.name, 'Old', 'the page that asked gets what it read')
    assert.equal((await memo.get()).sections[0]?.name, 'New', 'the next page reads again')
  })

  test('concurrent pages share one read', async () => {
    const source = loader(chromeNamed('News'))
    const memo = memoizedChrome(source.load, () => T0)
    await Promise.all(Array.from({ length: 20 }, () => memo.get()))
    assert.equal(source.calls(), 1)
  })

  test('a failed read is not remembered', async () => {
    let fail = true
    const memo = memoizedChrome(
      async () => {
        if (fail) throw new Error('database away')
        return chromeNamed('News')
      },
      () => T0,
    )
    await assert.rejects(memo.get(), /database away/)
    fail = false
    assert.equal((await memo.get()).sections[0]?.name, 'News')
  })
})
