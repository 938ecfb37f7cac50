// Click-to-load embeds. The page shows a placeholder with the source's link;
// nothing is fetched from the source until the reader presses Load, and then
// only the player address the server built from the link's parsed id.
;(() => {
  for (const figure of document.querySelectorAll('figure.embed[data-embed-frame]')) {
    const box = figure.querySelector('.embed-box')
    const button = figure.querySelector('button.embed-load')
    const address = figure.getAttribute('data-embed-frame')
    if (!box || !button || !address) continue
    button.removeAttribute('hidden')
    button.addEventListener('click', () => {
      const frame = document.createElement('iframe')
      frame.title = figure.getAttribute('data-embed-title') || 'Embedded content'
      frame.setAttribute('allow', 'fullscreen; picture-in-picture; encrypted-media')
      frame.setAttribute('referrerpolicy', 'strict-origin-when-cross-origin')
      frame.setAttribute(
        'sandbox',
        'allow-scripts allow-same-origin allow-popups allow-presentation allow-forms',
      )
      frame.src = address
      box.replaceChildren(frame)
      figure.classList.add('is-loaded')
      frame.focus()
    })
  }
})()
