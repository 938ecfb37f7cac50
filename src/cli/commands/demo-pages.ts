import { COMMAND_LINE } from '../../domain/access/policy.js'
import type { AppContext } from '../../context.js'

/** The demo's standing pages, written for this fictional paper; each goes into the footer. */
const DEMO_PAGES = [
  {
    slug: 'about',
    title: 'About us',
    description: 'Who we are, what we cover and how the newsroom is run.',
    body: `The Dateline Courier is an independent newsroom covering politics, public life, culture and sport. We are a small team of reporters and editors, and we publish every day of the year.

## What we cover

We cover the decisions that shape daily life: councils and parliaments, courts, schools, hospitals and the economy, as well as the arts and the games people play and watch.

## Who pays for it

The Courier is paid for by its readers. No advertiser, owner or donor sees a story before it is published, and none has a say in what we cover.

## The newsroom

Each story carries the names of the people who reported it. Their author pages list everything they have written, and how to reach them.`,
  },
  {
    slug: 'contact',
    title: 'Contact',
    description: 'How to reach the newsroom, send a tip or ask for a correction.',
    body: `## The newsroom

Write to the news desk at [desk@example.com](mailto:desk@example.com). A duty editor reads the inbox from seven in the morning until midnight.

## Tips and documents

If you know something we should look into, write to [tips@example.com](mailto:tips@example.com). Tell us how to reach you safely; we never name a source without their consent.

## Corrections

If we got something wrong, tell us at [corrections@example.com](mailto:corrections@example.com) with a link to the story. Our [corrections policy](/pages/corrections) says what happens next.`,
  },
  {
    slug: 'privacy',
    title: 'Privacy',
    description: 'What this site keeps about its readers, and what it does not.',
    body: `Reading this site sets no cookie and loads nothing from another company. We do not track readers from page to page, and we sell nothing about anyone.

## Comments

When you comment, we publish the name you give and your comment once a moderator has approved it. The email address you type is never stored: we keep only a keyed fingerprint of it, which is enough to recognise a banned address and cannot be turned back into the address.

Your network address is never stored either. A keyed fingerprint of the network it belongs to limits how often comments can be sent from it.

## Questions

Write to [privacy@example.com](mailto:privacy@example.com) about anything on this page.`,
  },
  {
    slug: 'corrections',
    title: 'Corrections and ethics policy',
    description: 'How we correct mistakes, and the standards our reporting keeps.',
    body: `We try to get every fact right, and we say so when we have not.

## Corrections

When a story contains a mistake of fact, we change it and add a note at the foot of the story saying what was wrong and when it was put right. We do not quietly change published stories. A headline or a picture that misled readers is corrected the same way.

## Standards

- We check what we publish with more than one source where we can, and we say when we could not.
- We give people we write about a fair chance to answer before we publish.
- We separate reporting from opinion, and label opinion as such.
- Our reporters accept no gifts, trips or payments from the people they cover.

## Complaints

Write to [corrections@example.com](mailto:corrections@example.com). An editor who did not work on the story answers within two working days.`,
  },
] as const

/** Adds the demo's pages (those not there already), published and in the footer. */
export async function loadDemoPages(ctx: AppContext): Promise<void> {
  const { pages, menus } = ctx.services
  const existing = new Set((await pages.list(COMMAND_LINE)).map((page) => page.slug))
  for (const page of DEMO_PAGES) {
    if (existing.has(page.slug)) continue
    const created = await pages.create(COMMAND_LINE, { ...page, published: true })
    await menus.add(COMMAND_LINE, { menu: 'footer', kind: 'page', target: created.id, label: '' })
  }
}
