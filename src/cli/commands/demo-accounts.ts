import { chmod, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { COMMAND_LINE } from '../../domain/access/policy.js'
import type { Role } from '../../domain/accounts/user.js'
import type { AppContext } from '../../context.js'
import type { CliOutput } from '../io.js'

/** The demo newsroom's staff: one of each role, so every part of the workflow can be tried. */
const DEMO_STAFF: readonly { email: string; displayName: string; role: Role }[] = [
  { email: 'admin@example.com', displayName: 'Alex Morgan', role: 'admin' },
  { email: 'editor@example.com', displayName: "Siobhan O'Neill", role: 'editor' },
  { email: 'reporter@example.com', displayName: 'Tom Reyes', role: 'contributor' },
]

const LOGINS_FILE = 'demo-logins.txt'

interface DemoLogin {
  role: string
  email: string
  password: string
}

/**
 * Creates the demo accounts with fresh random passwords, and keeps those in
 * DATA_DIR (readable by the owner only) so that `npm start` can print them on
 * every start. Only the demo does this; real accounts' passwords are never stored.
 */
export async function createDemoAccounts(ctx: AppContext): Promise<void> {
  const logins: DemoLogin[] = []
  for (const staff of DEMO_STAFF) {
    const { user, password } = await ctx.services.accounts.createUser(COMMAND_LINE, staff)
    logins.push({ role: user.role, email: user.email, password })
  }
  const file = join(ctx.config.dataDir, LOGINS_FILE)
  await writeFile(
    file,
    `${logins.map((l) => `${l.role}\t${l.email}\t${l.password}`).join('\n')}\n`,
    { mode: 0o600 },
  )
  await chmod(file, 0o600)
}

/** Prints the demo logins, when this data folder has them. */
export async function printDemoLogins(
  ctx: AppContext,
  newsroomUrl: string,
  out: CliOutput,
): Promise<void> {
  const file = join(ctx.config.dataDir, LOGINS_FILE)
  const content = await readFile(file, 'utf8').catch(() => '')
  const logins = content
    .split('\n')
    .map((line) => line.split('\t'))
    .filter((parts): parts is [string, string, string] => parts.length === 3)
  if (logins.length === 0) return
  out.log(`\nNewsroom: ${newsroomUrl}`)
  for (const [role, email, password] of logins) {
    out.log(`  ${role.padEnd(12)} ${email.padEnd(22)} ${password}`)
  }
  out.log(`(Demo logins, kept in ${file}.)`)
}
