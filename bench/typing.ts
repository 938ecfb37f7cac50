// `npm run bench:typing`: typing in the rich-text editor on a 20,000-word
// story, in Debian's Chromium. The app runs in this process on a fresh SQLite
// file; the editor's bundle is the one `npm run build` made. It types about
// 200 characters at the end of the story and 200 in its middle, one key every
// KEY_GAP_MS as a quick typist would, and measures in the page, for each key,
// the time from the keydown event to the frame that shows it (the first task
// after the next animation frame), and the main thread's long tasks meanwhile.
// It prints the figures; it is no test and has no pass mark.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type Page } from 'playwright-core'
import { loadConfig } from '../src/config.js'
import { createContext } from '../src/context.js'
import { COMMAND_LINE } from '../src/domain/access/policy.js'
import { actorOf } from '../src/domain/accounts/account-service.js'
import { buildApp } from '../src/web/app.js'
import { random, vocabulary } from './corpus.js'
import { busiestFunctions, storyOfWords, summary, type Latencies } from './typing-story.js'

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const WORDS = Number(process.argv.find((arg) => /^\d+$/.test(arg)) ?? 20_000)
// --profile: also a CPU profile of the page while typing, its busiest functions printed.
const PROFILE = process.argv.includes('--profile')
const KEY_GAP_MS = 40
const TYPED =
  ' The council said on Tuesday that the harbour plan would go ahead, after ten years of argument.'

const dataDir = mkdtempSync(join(tmpdir(), 'dateline-typing-'))
const ctx = await createContext(loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' }))
const app = await buildApp(ctx, { logger: false })
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
})
try {
  await ctx.services.sections.ensureDefaults()
  const email = 'typist@news.example'
  const password = 'a long benchmark password, typed once'
  const { user } = await ctx.services.accounts.createUser(COMMAND_LINE, {
    email,
    displayName: 'Bench Typist',
    role: 'editor',
    password,
  })
  const body = storyOfWords(WORDS, random(12), vocabulary())
  const article = await ctx.services.editing.createDraft(actorOf(user), {
    headline: 'A very long story to type in',
    standfirst: '',
    dateline: '',
    body,
    keyPoints: [],
    sectionSlug: 'news',
    bylines: ['Bench Typist'],
    tags: [],
    slug: '',
  })
  await app.listen({ host: '127.0.0.1', port: 0 })
  const address = app.server.address()
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`

  const page = await (
    await browser.newContext({ viewport: { width: 1280, height: 900 } })
  ).newPage()
  // tsx names functions through an __name helper; the measuring functions below run in the page.
  await page.addInitScript('globalThis.__name ??= (fn) => fn')
  await page.goto(`${base}/admin/login`)
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill(password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.waitForURL(`${base}/admin`)
  const opened = performance.now()
  await page.goto(`${base}/admin/articles/${article.id}`)
  await page.locator('#body-editor').waitFor()
  const loadMs = performance.now() - opened

  console.log(
    `Story: ${WORDS} words, ${body.length} characters of Markdown; editor page ready in ${loadMs.toFixed(0)} ms`,
  )
  console.log(`Typing ${TYPED.length} characters at a time, one every ${KEY_GAP_MS} ms:`)
  const profiler = PROFILE ? await startProfile(page) : undefined
  const end = await typeAt(page, 'end', TYPED)
  const middle = await typeAt(page, 'middle', TYPED)
  if (profiler) console.log(await profiler.stop())
  const field = await page.locator('textarea#body').inputValue()
  const kept = field.split(TYPED.trim()).length - 1
  // The baseline, in the same page: the plain Markdown field the editor replaces.
  await page.getByRole('button', { name: 'Edit as Markdown' }).click()
  const baseline = await typeAt(page, 'markdown', TYPED)
  for (const [where, figures] of [
    ['Rich-text editor, at the end', end],
    ['Rich-text editor, in the middle', middle],
    ['Baseline: the Markdown textarea, at the end', baseline],
  ] as const) {
    console.log(`  ${where}: ${summary(figures)}`)
  }
  console.log(
    `The Markdown field holds both typed sentences: ${kept === 2 ? 'yes' : `no (${kept})`}`,
  )
} finally {
  await browser.close()
  await app.close()
  await ctx.close()
  rmSync(dataDir, { recursive: true, force: true })
}

/** Puts the caret at the story's end or at the end of its middle paragraph, types, and measures. */
async function typeAt(
  page: Page,
  where: 'end' | 'middle' | 'markdown',
  text: string,
): Promise<Latencies> {
  const editor = page.locator('#body-editor')
  if (where === 'markdown') {
    await page.locator('textarea#body').focus()
    await page.keyboard.press('Control+End')
  } else if (where === 'end') {
    await editor.focus()
    await page.keyboard.press('Control+End')
  } else {
    const paragraphs = editor.locator(':scope > p')
    const middle = paragraphs.nth(Math.floor((await paragraphs.count()) / 2))
    await middle.scrollIntoViewIfNeeded()
    await middle.click()
    await page.keyboard.press('End')
  }
  await page.evaluate(startMeasuring)
  await page.keyboard.type(text, { delay: KEY_GAP_MS })
  // The last keys' frames, and the write-back after the pause.
  await page.waitForTimeout(1000)
  return page.evaluate(stopMeasuring)
}

async function startProfile(page: Page): Promise<{ stop(): Promise<string> }> {
  const session = await page.context().newCDPSession(page)
  await session.send('Profiler.enable')
  await session.send('Profiler.start')
  return {
    async stop() {
      const { profile } = await session.send('Profiler.stop')
      return busiestFunctions(profile, 15)
    },
  }
}

interface Recorder {
  keys: number[]
  longTasks: number[]
  events: number[]
  stop(): void
}

/** In the page: keydown → the task after the next frame, per key; long tasks; slow event timings. */
function startMeasuring(): void {
  const recorder: Recorder = { keys: [], longTasks: [], events: [], stop: () => undefined }
  const onKey = (event: KeyboardEvent) => {
    const start = event.timeStamp
    requestAnimationFrame(() => {
      setTimeout(() => recorder.keys.push(performance.now() - start), 0)
    })
  }
  document.addEventListener('keydown', onKey, true)
  const longTasks = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) recorder.longTasks.push(entry.duration)
  })
  longTasks.observe({ type: 'longtask' })
  // Event Timing reports only events over 16 ms: the slow ones, from the browser's own clock.
  const events = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.name === 'keydown') recorder.events.push(entry.duration)
    }
  })
  events.observe({ type: 'event', durationThreshold: 16 } as PerformanceObserverInit)
  recorder.stop = () => {
    document.removeEventListener('keydown', onKey, true)
    longTasks.disconnect()
    events.disconnect()
  }
  ;(window as unknown as { typingBench: Recorder }).typingBench = recorder
}

function stopMeasuring(): Latencies {
  const recorder = (window as unknown as { typingBench: Recorder }).typingBench
  recorder.stop()
  return { keys: recorder.keys, longTasks: recorder.longTasks, slowEvents: recorder.events }
}
