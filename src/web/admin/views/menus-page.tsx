import { MENU_LIMITS, type MenuEntry, type MenuName } from '../../../domain/menus/menu.js'
import type { Page } from '../../../domain/pages/page.js'
import type { Section } from '../../../domain/sections/section.js'
import type { Problem } from '../../plugins/problems.js'
import { CsrfField } from './admin-layout.js'
import { MoveButtons, ProblemBanner } from './form-parts.js'

const TITLES: Record<MenuName, string> = { main: 'Navigation', footer: 'Footer' }
const KIND_WORDS = { section: 'Section', page: 'Page', link: 'Link' } as const

export interface MenusPageProps {
  entries: readonly MenuEntry[]
  sections: readonly Section[]
  pages: readonly Page[]
  problem?: Problem
  notice?: string
  /** What was typed into an add form that came back with a problem. */
  typed?: { menu: string; label: string; url: string }
}

/** Both menus, each in order with its own move, remove and add forms. */
export function MenusPage(props: MenusPageProps) {
  return (
    <div>
      <h1>Menus</h1>
      {props.notice && (
        <p class="notice-ok" role="status">
          {props.notice}
        </p>
      )}
      <ProblemBanner problem={props.problem} />
      <p>
        The navigation shows under the masthead on every page, the footer at the bottom. A section
        taken out of the navigation keeps its page and feeds; it is only hidden from the menu.
      </p>
      {(['main', 'footer'] as const).map((menu) => (
        <MenuBlock key={menu} menu={menu} {...props} />
      ))}
    </div>
  )
}

function nameOf(entry: MenuEntry): string {
  if (entry.kind === 'link') return entry.label
  return entry.label || entry.name || '(gone)'
}

function MenuBlock({ menu, entries, sections, pages, typed }: MenusPageProps & { menu: MenuName }) {
  const items = entries.filter((entry) => entry.menu === menu)
  const shownSections = new Set(
    items.filter((item) => item.kind === 'section').map((item) => item.target),
  )
  const mine = typed?.menu === menu ? typed : undefined
  return (
    <section aria-labelledby={`menu-${menu}`} class="menu-block">
      <h2 id={`menu-${menu}`}>{TITLES[menu]}</h2>
      {items.length === 0 ? (
        <p>Nothing in this menu.</p>
      ) : (
        <table class="stacks">
          <thead>
            <tr>
              <th scope="col">Link</th>
              <th scope="col">Kind</th>
              <th scope="col">Order</th>
              <th scope="col">Remove</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item, index) => (
              <tr key={item.id} id={`item-${item.id}`}>
                <td data-label="Link">
                  {nameOf(item)}
                  {item.kind === 'link' && <> ({item.target})</>}
                  {item.kind === 'page' && item.published === false && <> (not published yet)</>}
                </td>
                <td data-label="Kind">{KIND_WORDS[item.kind]}</td>
                <td data-label="Order">
                  <MoveButtons
                    action={`/admin/menus/${item.id}/move`}
                    name={`${nameOf(item)} (${TITLES[menu]})`}
                    index={index}
                    count={items.length}
                  />
                </td>
                <td data-label="Remove">
                  <form method="post" action={`/admin/menus/${item.id}/remove`} class="inline">
                    <CsrfField />
                    <button type="submit">
                      Remove
                      <span class="visually-hidden">
                        {' '}
                        {nameOf(item)} from the {TITLES[menu]}
                      </span>
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div class="menu-adds">
        <AddForm menu={menu} kind="section" legend="Add a section">
          <label for={`${menu}-section`}>Section</label>
          <select id={`${menu}-section`} name="target">
            {sections.map((section) => (
              <option key={section.id} value={section.slug}>
                {section.name}
                {shownSections.has(section.id) ? ' (already here)' : ''}
              </option>
            ))}
          </select>
        </AddForm>
        {pages.length > 0 && (
          <AddForm menu={menu} kind="page" legend="Add a page">
            <label for={`${menu}-page`}>Page</label>
            <select id={`${menu}-page`} name="target">
              {pages.map((page) => (
                <option key={page.id} value={page.id}>
                  {page.title}
                </option>
              ))}
            </select>
          </AddForm>
        )}
        <AddForm menu={menu} kind="link" legend="Add a link">
          <label for={`${menu}-label`}>Words</label>
          <input
            id={`${menu}-label`}
            name="label"
            maxLength={MENU_LIMITS.label}
            value={mine?.label ?? ''}
          />
          <label for={`${menu}-url`}>Address</label>
          <input
            id={`${menu}-url`}
            name="url"
            inputMode="url"
            placeholder="/pages/contact or https://…"
            maxLength={MENU_LIMITS.address}
            value={mine?.url ?? ''}
          />
        </AddForm>
      </div>
    </section>
  )
}

function AddForm({
  menu,
  kind,
  legend,
  children,
}: {
  menu: MenuName
  kind: 'section' | 'page' | 'link'
  legend: string
  children: preact.ComponentChildren
}) {
  return (
    <form method="post" action="/admin/menus" class="stack-form">
      <CsrfField />
      <input type="hidden" name="menu" value={menu} />
      <input type="hidden" name="kind" value={kind} />
      <fieldset>
        <legend>
          {legend} to the {TITLES[menu].toLowerCase()}
        </legend>
        {children}
        <button type="submit">Add</button>
      </fieldset>
    </form>
  )
}
