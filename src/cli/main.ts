import { Command, CommanderError } from 'commander'
import { loadConfig } from '../config.js'
import { createContext, type AppContext } from '../context.js'
import { describeFatal } from '../main.js'
import { runDemo } from './commands/demo.js'
import { runImport } from './commands/import.js'
import { runMediaAdd, type MediaAddOptions } from './commands/media.js'
import { runServe } from './commands/serve.js'
import { runUserAdd, runUserPassword } from './commands/user.js'

/** Exit codes: 0 done, 1 failed, 2 the command line was wrong. */
export const EXIT_USAGE = 2

/** Builds the context, runs one command and closes the context unless the command keeps it. */
async function withContext(run: (ctx: AppContext) => Promise<number | 'keep-open'>): Promise<void> {
  const ctx = await createContext(loadConfig(process.env))
  let result: number | 'keep-open' = 1
  try {
    result = await run(ctx)
  } finally {
    if (result !== 'keep-open') await ctx.close()
  }
  if (result !== 'keep-open') process.exitCode = result
}

/** Commander's way to let an option repeat: --tag A --tag B. */
function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value]
}

export function buildProgram(): Command {
  const program = new Command('dateline')
    .description(
      'Dateline: a newsroom publishing platform. Settings come from environment variables (see README).',
    )
    .showHelpAfterError()
    .exitOverride()

  program
    .command('start')
    .description(
      'load the demo content into an empty database, then serve the site (what `npm start` runs)',
    )
    .action(() =>
      withContext(async (ctx) => {
        await runDemo(ctx, { force: false, announceSkip: false })
        return runServe(ctx)
      }),
    )

  program
    .command('serve')
    .description('serve the site from the existing database, without demo content')
    .action(() => withContext(runServe))

  program
    .command('demo')
    .description('load the demo articles, authors and tags')
    .option('--force', 'load them even when the site already has articles')
    .action((options: { force?: boolean }) =>
      withContext(async (ctx) => {
        await runDemo(ctx, {
          force: options.force === true,
          announceSkip: true,
        })
        return 0
      }),
    )

  program
    .command('import')
    .description(
      'import articles in the plain-text archive form (headline, dateline and bylines, paragraphs, date line)',
    )
    .argument('<paths...>', 'text files, or folders to search for .txt files')
    .option('--section <slug>', 'section to file the articles in', 'news')
    .option('--draft', 'import new articles as drafts instead of publishing them')
    .option('--tag <name>', 'a tag to give every imported article (repeat for more)', collect)
    .action((paths: string[], options: { section: string; draft?: boolean; tag?: string[] }) =>
      withContext((ctx) =>
        runImport(ctx, paths, {
          sectionSlug: options.section,
          draft: options.draft === true,
          tags: options.tag,
        }),
      ),
    )

  const user = program.command('user').description('manage newsroom accounts')
  user
    .command('add')
    .description('create an account and print its password')
    .argument('<email>', "the person's email address, their sign-in name")
    .requiredOption('--role <role>', 'contributor, editor or admin')
    .option(
      '--name <name>',
      'their name as it appears in bylines (default: the part of the email before @)',
    )
    .action((email: string, options: { role: string; name?: string }) =>
      withContext((ctx) => runUserAdd(ctx, email, options)),
    )
  user
    .command('password')
    .description('set a new password for an account, print it, and sign out its sessions')
    .argument('<email>')
    .action((email: string) => withContext((ctx) => runUserPassword(ctx, email)))

  const media = program.command('media').description('the media library')
  media
    .command('add')
    .description(
      "add image files to the media library; prints each one's id, URL, pixel size and the fields read from its metadata",
    )
    .argument('<files...>', 'JPEG, PNG, WebP, AVIF, TIFF or still GIF files')
    .option('--alt <text>', 'alt text for every file (what the picture shows)')
    .option('--caption <text>', "a caption for every file, instead of the file's own")
    .option('--credit <text>', "a credit for every file, instead of the file's own")
    .action((files: string[], options: MediaAddOptions) =>
      withContext((ctx) => runMediaAdd(ctx, files, options)),
    )

  program
    .command('migrate')
    .description('bring the database schema up to date (the server also does this when it starts)')
    .action(() =>
      withContext(async (ctx) => {
        console.log(`The database at ${ctx.database.location} is up to date.`)
        return 0
      }),
    )

  return program
}

export async function runCli(argv: readonly string[]): Promise<void> {
  // Output piped into `head` and closed early is not an error worth a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0)
    throw error
  })
  try {
    await buildProgram().parseAsync([...argv], { from: 'user' })
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has already printed the message and, after an error, the help.
      process.exitCode = error.exitCode === 0 ? 0 : EXIT_USAGE
      return
    }
    console.error(describeFatal(error))
    process.exitCode = 1
  }
}
