// Reader comments, enhanced: post without leaving the page. Without this script
// the form posts and the server redirects back to the comment; with it, the
// same request is sent in the background and the answer is shown in place.
;(() => {
  const form = document.getElementById('comment-form')
  if (!(form instanceof HTMLFormElement)) return
  const status = form.querySelector('.comment-status')
  const button = form.querySelector('button[type="submit"]')

  function say(message, isError) {
    if (!status) return
    status.textContent = message
    status.classList.toggle('is-error', Boolean(isError))
  }

  function markField(name) {
    for (const input of form.querySelectorAll('[aria-invalid]')) {
      input.removeAttribute('aria-invalid')
    }
    const input = name ? form.querySelector(`[name="${name}"]`) : null
    if (input) {
      input.setAttribute('aria-invalid', 'true')
      input.focus()
    }
  }

  // The page may come from a cache, made long before the reader arrived. The token that dates
  // the form is fetched afresh when they start writing; if that fails, the page's token stands.
  let refreshed = false
  form.addEventListener('focusin', () => {
    if (refreshed) return
    refreshed = true
    fetch(`${form.action}/token`, {
      credentials: 'same-origin',
      headers: { accept: 'application/json' },
    })
      .then((response) => (response.ok ? response.json() : null))
      .then((result) => {
        const field = form.querySelector('input[name="_csrf"]')
        if (result && typeof result.token === 'string' && field) field.value = result.token
      })
      .catch(() => {})
  })

  form.addEventListener('submit', async (event) => {
    event.preventDefault()
    if (button) button.disabled = true
    say('Sending…')
    try {
      const response = await fetch(form.action, {
        method: 'POST',
        headers: {
          accept: 'application/json',
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams(new FormData(form)),
        credentials: 'same-origin',
      })
      const result = await response.json().catch(() => null)
      // Accepted: {id, status, published}. Refused: {error: {code, message, field?}}.
      if (response.ok && result && !result.error) {
        if (result.published) {
          // Show it where it belongs: the server renders it, so reload at its anchor.
          window.location.assign(`${window.location.pathname}#comment-${result.id}`)
          window.location.reload()
          return
        }
        form.querySelector('textarea[name="body"]').value = ''
        markField(null)
        say(
          'Thank you. Your comment is waiting for a moderator and will appear once it is approved.',
        )
        return
      }
      // Refused: the text stays in the form, and the reason is said beside it.
      const error = result && result.error
      markField(error && error.field === 'body' ? 'body' : error && error.field)
      say(error ? error.message : 'The comment could not be posted. Please try again.', true)
    } catch {
      say(
        'The comment could not be sent: check your connection and try again. Your text is still here.',
        true,
      )
    } finally {
      if (button) button.disabled = false
    }
  })
})()
