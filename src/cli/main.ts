import { Command, CommanderError } from 'commander'
import { loadConfig } from '../config.js'
import { createContext, type AppContext } from '../context.js'
import { describeFatal } from '../startup-errors.js'
import { runDemo } from './commands/demo.js'
import { runExport } from './commands/export.js'
import { importPaths, type ImportFlags } from './import/import-command.js'
import {
  allFormatNames,
  dateArgument,
  formatArgument,
  mediaArgument,
  sectionMapArgument,
} from './import/import-arguments.js'
import { runMediaAdd, type MediaAddOptions } from './commands/media.js'
import { runUserAdd, runUserPassword } from './commands/user.js'
import { runTokenCreate } from './commands/token.js'
import { EXIT_USAGE, outputOf, processIo, type CliIo, type CliOutput } from './io.js'

export { EXIT_USAGE }

type Run = (ctx: AppContext) => Promise<number | 'keep-open'>

/**
 * The web app, loaded only by the commands that serve it: an import or an
 * export never carries its modules (V8 lets a busy heap grow to a few times
 * what stays live, so each live megabyte costs several at the peak).
 */
async function runServe(ctx: AppContext, out: CliOutput): Promise<'keep-open'> {
  const serve = await import('./commands/serve.js')
  return serve.runServe(ctx, out)
}
/** Builds the context, runs one command and closes the context unless the command keeps it. */
type WithContext = (run: Run) => Promise<void>

/** Commander's way to let an option repeat: --tag A --tag B. */
function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value]
}

/**
 * The `dateline` command line over `io`. `exit.code` receives each command's
 * exit code; commander's own errors are thrown as CommanderError.
 */
export function buildProgram(io: CliIo, exit: { code: number }): Command {
  const out = outputOf(io)
  const withContext: WithContext = async (run) => {
    const ctx = await createContext(loadConfig(io.env), io.contextOptions)
    let result: number | 'keep-open' = 1
    try {
      result = await run(ctx)
    } finally {
      if (result !== 'keep-open') await ctx.close()
    }
    exit.code = result === 'keep-open' ? 0 : result
  }

  // Set before any subcommand is added: subcommands copy these settings.
  const program = new Command('dateline')
    .description(
      'Dateline: a newsroom publishing platform. Settings come from environment variables (see README).',
    )
    .configureOutput({
      writeOut: (text) => void io.stdout.write(text),
      writeErr: (text) => void io.stderr.write(text),
    })
    .showHelpAfterError()
    .exitOverride()
  addSiteCommands(program, withContext, out)
  addUserCommands(program, withContext, out)
  addMediaCommands(program, withContext, out)
  return program
}

/** start, serve, demo, import and migrate. */
function addSiteCommands(program: Command, withContext: WithContext, out: CliOutput): void {
  program
    .command('start')
    .description(
      'load the demo content into an empty database, then serve the site (what `npm start` runs)',
    )
    .action(() =>
      withContext(async (ctx) => {
        await runDemo(ctx, { force: false, announceSkip: false }, out)
        return runServe(ctx, out)
      }),
    )

  program
    .command('serve')
    .description('serve the site from the existing database, without demo content')
    .action(() => withContext((ctx) => runServe(ctx, out)))

  program
    .command('demo')
    .description('load the demo articles, authors and tags')
    .option('--force', 'load them even when the site already has articles')
    .action((options: { force?: boolean }) =>
      withContext(async (ctx) => {
        await runDemo(ctx, { force: options.force === true, announceSkip: true }, out)
        return 0
      }),
    )

  addImportCommand(program, withContext, out)

  program
    .command('export')
    .description(
      'write the whole site to a new folder: a JSON document (schemas/dateline-export-1.schema.json), the media originals and every article as plain text',
    )
    .argument('<folder>', 'a new or empty folder')
    .action((folder: string) => withContext((ctx) => runExport(ctx, folder, out)))

  program
    .command('migrate')
    .description('bring the database schema up to date (the server also does this when it starts)')
    .action(() =>
      withContext(async (ctx) => {
        out.log(`The database at ${ctx.database.location} is up to date.`)
        return 0
      }),
    )
}

/** import FILE|DIR…: every format through its reader, with the shared options. */
function addImportCommand(program: Command, withContext: WithContext, out: CliOutput): void {
  program
    .command('import')
    .description(
      `import articles from files and folders (the plain-text archive form, WordPress and Ghost exports), or a whole site from a Dateline export folder; the format of each is recognised (${allFormatNames().join(', ')})`,
    )
    .argument('<paths...>', 'files, or folders to search for files in a format it reads')
    .option(
      '--format <name>',
      `read every named file as this format: ${allFormatNames().join(', ')} (wxr for wordpress)`,
      formatArgument,
    )
    .option('--dry-run', 'report what would be created, updated and skipped, and change nothing')
    .option('--section <slug>', 'section for articles the section map does not place', 'news')
    .option('--section-map <file>', 'lines "Source category = section-slug"', sectionMapArgument)
    .option(
      '--date <YYYY-MM-DD>',
      'the day for articles whose source gives none (default: today)',
      dateArgument,
    )
    .option('--media <dir>', "where the source's image files are", mediaArgument)
    .option(
      '--fetch-media',
      'fetch pictures on other hosts (public addresses only); without it they are reported and left out',
    )
    .option('--draft', 'import new archive articles as drafts instead of publishing them')
    .option(
      '--tag <name>',
      'a tag to give every imported archive article (repeat for more)',
      collect,
    )
    .action((paths: string[], flags: ImportFlags) =>
      withContext((ctx) => importPaths(ctx, paths, flags, out)),
    )
}

/** media add. */
function addMediaCommands(program: Command, withContext: WithContext, out: CliOutput): void {
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
      withContext((ctx) => runMediaAdd(ctx, files, options, out)),
    )
}

/** user add and user password. */
function addUserCommands(program: Command, withContext: WithContext, out: CliOutput): void {
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
      withContext((ctx) => runUserAdd(ctx, email, options, out)),
    )
  user
    .command('password')
    .description('set a new password for an account, print it, and sign out its sessions')
    .argument('<email>')
    .action((email: string) => withContext((ctx) => runUserPassword(ctx, email, out)))
  program
    .command('token')
    .description('Admin API bearer tokens')
    .command('create')
    .description('create a token for a user and print it once')
    .requiredOption('--user <email>', 'whose rights the token carries')
    .requiredOption('--name <name>', 'what the token is for (shown in the newsroom)')
    .option('--expires <days>', 'days until it expires (default: never)')
    .action((options: { user: string; name: string; expires?: string }) =>
      withContext((ctx) => runTokenCreate(ctx, options, out)),
    )
}

/**
 * Runs one `dateline` command over `io` and returns its exit code. Tests call
 * this in their own process; `serve` and `start` keep running after it returns.
 */
export async function runCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const exit = { code: 0 }
  try {
    await buildProgram(io, exit).parseAsync([...argv], { from: 'user' })
    return exit.code
  } catch (error) {
    // Commander has already printed the message and, after an error, the help.
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : EXIT_USAGE
    outputOf(io).error(describeFatal(error))
    return 1
  }
}

/** The `dateline` process (bin/dateline.js): the real environment and streams, and the exit code. */
export async function runCli(argv: readonly string[]): Promise<void> {
  // Output piped into `head` and closed early is not an error worth a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0)
    throw error
  })
  process.exitCode = await runCommand(argv, processIo())
}
