// A small helper for building the editor's controls: elements with attributes
// and children, no markup strings (nothing here is ever parsed as HTML).

type Attributes = Record<string, string | boolean | undefined>

export function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag)
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue
    node.setAttribute(name, value === true ? '' : value)
  }
  node.append(...children)
  return node
}

/** Enter in a control inside the story's form must not send the form. */
export function onEnter(input: HTMLElement, action: () => void): void {
  input.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter') return
    event.preventDefault()
    action()
  })
}

/** The form's CSRF token, for requests the editor sends on the writer's behalf. */
export function csrfOf(form: HTMLFormElement): string {
  const token = form.querySelector('input[name=_csrf]')
  return token instanceof HTMLInputElement ? token.value : ''
}
