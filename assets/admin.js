// Newsroom enhancements for the article editor: autosave, live preview,
// byline ordering, a warning before leaving unsaved work, a suggested slug, and
// key points suggested from the body without leaving the page.
//
// Everything here is an extra: the editor is a plain form that saves, previews
// and submits without this script. So the script only adds behaviour to markup
// the server already rendered, and does nothing at all on other pages.
// It runs deferred (after parsing) and loads from this host only, as the CSP requires.

const form = document.querySelector('form#editor')
// A site page's form (data-page) uses the rich-text editor alone: no autosave or preview.
if (form instanceof HTMLFormElement && !form.dataset.page) enhanceEditor(form)

/**
 * Posts the form's fields, as the browser would, to a newsroom endpoint that
 * answers JSON: what was asked for, or a refusal as {error: {code, message, field?}}.
 * `result` is undefined when the answer is not JSON.
 */
async function postForJson(form, url) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams(new FormData(form)),
    credentials: 'same-origin',
  })
  const type = response.headers.get('content-type') ?? ''
  const result = type.includes('json') ? await response.json() : undefined
  return { response, result }
}

function enhanceEditor(form) {
  const field = (name) => form.elements.namedItem(name)
  const status = document.getElementById('autosave-status')
  // A form that came back with a problem (a refused save, a conflict) holds unsaved
  // text from the start; otherwise what the page shows is what is stored.
  const cameBackUnsaved =
    document.querySelector('.problem, .conflict') !== null || Boolean(form.dataset.unsaved)
  let savedState = cameBackUnsaved ? null : stateOf(form)
  let submitting = false

  const hasUnsavedChanges = () => stateOf(form) !== savedState
  // After a conflict the form carries the other person's version, so the next save
  // replaces their changes: that has to be the writer's deliberate Save, not a timer.
  const autosave =
    form.dataset.autosave && !document.querySelector('.conflict') ? startAutosave() : undefined

  enhancePreview(form)
  enhanceBylines(form)
  enhanceKeyPoints(form)
  suggestSlug(field('headline'), field('slug'))

  form.addEventListener('submit', (event) => {
    // An autosave on its way will change the version; a save sent with the old one
    // would be refused as a conflict with the writer's own autosave. Wait for it.
    if (autosave?.busy()) {
      event.preventDefault()
      const submitter = event.submitter
      void autosave.settled().then(() => form.requestSubmit(submitter))
      return
    }
    submitting = true
    autosave?.stop()
  })

  // The browser's own "Leave site?" prompt: it cannot be worded, only asked for.
  window.addEventListener('beforeunload', (event) => {
    if (submitting || !hasUnsavedChanges()) return
    event.preventDefault()
    event.returnValue = ''
  })

  function startAutosave() {
    const url = form.dataset.autosave
    const QUIET_MS = 2000 // save once the writer pauses…
    const LONGEST_MS = 10000 // …or every 10 s during a long burst of typing
    let timer
    let firstUnsavedAt = 0
    let inFlight
    let stopped = false

    form.addEventListener('input', schedule)
    form.addEventListener('change', schedule)

    function schedule() {
      if (stopped) return
      const now = Date.now()
      if (!firstUnsavedAt) firstUnsavedAt = now
      clearTimeout(timer)
      const wait = Math.min(QUIET_MS, LONGEST_MS - (now - firstUnsavedAt))
      timer = setTimeout(save, Math.max(0, wait))
    }

    async function save() {
      if (stopped) return
      // One request at a time: each save needs the version the one before it returned.
      if (inFlight) return void inFlight.then(schedule)
      const state = stateOf(form)
      firstUnsavedAt = 0
      if (state === savedState) return
      inFlight = send(state).finally(() => {
        inFlight = undefined
      })
      await inFlight
    }

    async function send(state) {
      try {
        // Anything but our JSON (a sign-in page after the session ended, a proxy's
        // error page) means the save did not happen.
        const { response, result } = await postForJson(form, url)
        if (!response.ok || !result || result.error) {
          fail(result?.error?.message ?? reasonFor(response.status))
          return
        }
        field('version').value = String(result.version)
        savedState = state
        say(`Saved at ${clockTime(new Date(result.savedAt))}`)
      } catch {
        fail('the newsroom could not be reached.')
      }
    }

    // After a failure the writer must decide (a conflict needs a person): saving
    // again by itself could only fail again or, worse, hide the problem.
    function fail(reason) {
      stop()
      say(`Not saved automatically: ${sentence(reason)} Save to see why.`)
    }

    function stop() {
      stopped = true
      clearTimeout(timer)
    }

    return {
      busy: () => inFlight !== undefined,
      settled: () => inFlight ?? Promise.resolve(),
      stop,
    }
  }

  function say(message) {
    if (status) status.textContent = message
  }
}

/** The form's content as one string, to tell whether anything changed since the last save. */
function stateOf(form) {
  const data = [...new FormData(form)].filter(
    ([name, value]) =>
      // Neither is the writer's text: the token is fixed, the version changes on every save.
      name !== '_csrf' &&
      name !== 'version' &&
      // The server ignores empty bylines, so an added empty one is no change.
      !(name === 'byline' && String(value).trim() === ''),
  )
  return new URLSearchParams(data).toString()
}

function reasonFor(status) {
  if (status === 401) return 'your session has ended.'
  if (status === 403) return 'the page is too old to save from.'
  if (status === 409) return 'someone else changed this article.'
  return `the newsroom answered ${status}.`
}

const sentence = (text) => (/[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`)

const clockTime = (date) =>
  date.toLocaleTimeString(document.documentElement.lang || undefined, {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  })

/**
 * Live preview: the server renders the Markdown (the same renderer as the public
 * page), so the preview is exactly what readers will see.
 */
function enhancePreview(form) {
  const section = document.getElementById('preview')
  const url = form.dataset.preview
  const body = form.elements.namedItem('body')
  // A read-only editor (a contributor's story in review) sends no fields, so has nothing to preview.
  if (!section || !url || !body || body.matches(':disabled')) return
  section.hidden = false
  section.tabIndex = -1 // so the Preview button can take the reader to it
  let timer
  let latest = 0

  for (const name of ['body', 'dateline']) {
    form.elements.namedItem(name)?.addEventListener('input', () => {
      clearTimeout(timer)
      timer = setTimeout(refresh, 500)
    })
  }

  // With the preview on the page already, the Preview button need not reload it;
  // if the live preview fails, the button does its plain job and posts the form
  // (requestSubmit fires no click, so this handler does not catch it again).
  const button = form.querySelector('button[value="preview"]')
  button?.addEventListener('click', async (event) => {
    event.preventDefault()
    clearTimeout(timer)
    if (await refresh()) section.focus()
    else form.requestSubmit(button)
  })

  if (!section.querySelector('.story-body')) {
    const hint = document.createElement('p')
    hint.className = 'hint'
    hint.textContent = 'The preview follows the body as you type.'
    section.replaceChildren(hint)
    if (body.value.trim()) void refresh()
  }

  async function refresh() {
    const ticket = ++latest
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(new FormData(form)),
        credentials: 'same-origin',
      })
      if (!response.ok) return false
      const html = await response.text()
      // A slower, older answer must not replace a newer one.
      if (ticket !== latest) return true
      // Our server escapes everything it renders; parsing it into an inert document
      // and moving the nodes over still keeps any script from running.
      const parsed = new DOMParser().parseFromString(html, 'text/html')
      const rendered = document.createElement('div')
      rendered.className = 'story-body'
      rendered.append(...[...parsed.body.childNodes].map((node) => document.importNode(node, true)))
      section.replaceChildren(rendered)
      return true
    } catch {
      return false
    }
  }
}

/** Buttons to add a byline and to move each one up or down. */
function enhanceBylines(form) {
  const list = form.querySelector('.byline-inputs')
  const fieldset = list?.closest('fieldset')
  if (!list || fieldset?.matches(':disabled')) return

  // Moves are announced: a screen reader does not otherwise notice a list reordering.
  const announcer = document.createElement('p')
  announcer.className = 'visually-hidden'
  announcer.setAttribute('role', 'status')

  const add = document.createElement('button')
  add.type = 'button'
  add.className = 'secondary'
  add.textContent = 'Add byline'
  add.addEventListener('click', () => {
    const item = document.createElement('li')
    const label = document.createElement('label')
    label.className = 'visually-hidden'
    const input = document.createElement('input')
    input.name = 'byline'
    input.setAttribute('list', 'author-names')
    input.maxLength = 100
    item.append(label, input)
    list.append(item)
    addMoveButtons(item)
    renumber()
    input.focus()
  })
  list.after(add, announcer)

  for (const item of list.children) addMoveButtons(item)
  renumber()

  function addMoveButtons(item) {
    const up = moveButton('Move up')
    const down = moveButton('Move down')
    up.addEventListener('click', () => move(item, -1, up, down))
    down.addEventListener('click', () => move(item, 1, down, up))
    item.append(up, down)
  }

  function moveButton(text) {
    const button = document.createElement('button')
    button.type = 'button'
    button.className = 'move'
    button.textContent = text
    return button
  }

  function move(item, step, pressed, other) {
    // Moving the neighbour rather than the item keeps keyboard focus where it is.
    if (step < 0 && item.previousElementSibling) item.after(item.previousElementSibling)
    if (step > 0 && item.nextElementSibling) item.before(item.nextElementSibling)
    renumber()
    if (pressed.disabled) other.focus()
    const items = [...list.children]
    const name = item.querySelector('input').value.trim() || 'Empty byline'
    announcer.textContent = `${name} is now byline ${items.indexOf(item) + 1} of ${items.length}.`
    // Reordering is typing as far as autosave and the unsaved-changes check are concerned.
    form.dispatchEvent(new Event('input', { bubbles: true }))
  }

  // Labels, ids and button names follow the order on screen.
  function renumber() {
    const items = [...list.children]
    items.forEach((item, index) => {
      const input = item.querySelector('input')
      const label = item.querySelector('label')
      input.id = `byline-${index}`
      label.htmlFor = input.id
      label.textContent = `Byline ${index + 1}`
      const [up, down] = item.querySelectorAll('button.move')
      // The visible words first, then which byline: each name is unique when read out.
      up.setAttribute('aria-label', `Move up, byline ${index + 1}`)
      down.setAttribute('aria-label', `Move down, byline ${index + 1}`)
      up.disabled = index === 0
      down.disabled = index === items.length - 1
    })
  }
}

/**
 * "Suggest key points" without a page load: the server proposes sentences of the
 * body (the same summariser as the button without this script), and they replace
 * the field's text as if typed, so the browser's own undo (Ctrl+Z) brings back
 * what was there. An "Undo suggestion" button does the same for everyone else.
 */
function enhanceKeyPoints(form) {
  const button = form.querySelector('button[name="intent"][value="suggest"]')
  const field = form.elements.namedItem('key_points')
  const status = document.getElementById('suggest-status')
  const url = button?.dataset.suggest
  if (!button || !url || field?.tagName !== 'TEXTAREA' || button.matches(':disabled')) return
  let undo

  button.addEventListener('click', async (event) => {
    event.preventDefault()
    if (button.getAttribute('aria-disabled') === 'true') return
    button.setAttribute('aria-disabled', 'true')
    try {
      const { response, result } = await postForJson(form, url)
      // Anything but our answer (an ended session, an expired form): the plain button
      // posts the form, which shows the same suggestions, or says what went wrong.
      if (!response.ok || !Array.isArray(result?.keyPoints)) {
        form.requestSubmit(button)
        return
      }
      if (result.keyPoints.length === 0) {
        say('The body has no sentences to suggest key points from yet.')
        return
      }
      const previous = field.value
      replaceText(field, result.keyPoints.join('\n'))
      offerUndo(previous)
      say(
        `Suggested ${result.keyPoints.length} key points from the body. Check and edit them; Undo suggestion brings back what was there.`,
      )
    } catch {
      form.requestSubmit(button)
    } finally {
      button.removeAttribute('aria-disabled')
    }
  })

  function offerUndo(previous) {
    undo?.remove()
    undo = document.createElement('button')
    undo.type = 'button'
    undo.className = 'secondary'
    undo.textContent = 'Undo suggestion'
    undo.addEventListener('click', () => {
      replaceText(field, previous)
      undo.remove()
      undo = undefined
      say('The key points are back as they were.')
    })
    button.after(undo)
  }

  function say(message) {
    if (status) status.textContent = message
  }
}

/** Replaces a text field's whole text as typing would, keeping the browser's undo history. */
function replaceText(field, text) {
  field.focus()
  field.select()
  // execCommand is deprecated but still the only way to change a field inside its undo history.
  const typed = document.execCommand?.('insertText', false, text)
  if (!typed || field.value !== text) {
    field.value = text
    field.dispatchEvent(new Event('input', { bubbles: true }))
  }
}

/** Shows the slug the server would make from the headline, while the slug field is empty. */
function suggestSlug(headline, slug) {
  if (!(headline instanceof HTMLInputElement) || !(slug instanceof HTMLInputElement)) return
  const update = () => {
    slug.placeholder = slugify(headline.value)
  }
  headline.addEventListener('input', update)
  update()
}

/** The same rules as src/text/slug.ts, so the suggestion is what the server will make. */
function slugify(text, maxLength = 80) {
  const folded = text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/ß/g, 'ss')
    .replace(/[æÆ]/g, 'ae')
    .replace(/[øØ]/g, 'o')
    .replace(/[łŁ]/g, 'l')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
  if (folded.length <= maxLength) return folded
  const cut = folded.slice(0, maxLength)
  const lastHyphen = cut.lastIndexOf('-')
  return (lastHyphen > maxLength / 2 ? cut.slice(0, lastHyphen) : cut).replace(/-+$/, '')
}
