/**
 * The code examples of README.md and docs/*.md, as the docs test checks them.
 *
 * Every fenced block is extracted with its language and line. TypeScript and JavaScript blocks
 * are type-checked in one TypeScript program, each block a module of its own, against the
 * workspace packages' sources (as the tests import them) and the dependencies a user installs
 * (express, koa, @koa/router, ioredis, @anthropic-ai/sdk, prom-client...). JSON blocks are
 * parsed. Programs are also run (see docs.test.ts).
 *
 * A block says what it is with an HTML comment on the line before it (invisible on GitHub):
 *
 *   <!-- doc-test: program post=/api/chat -->
 *
 * - `module` (the default for ts/js): a complete example, checked as it is; every name it uses
 *   is imported or defined in the block. A module that calls `.listen(` is a `program`.
 * - `program`: a complete example that is also run, in the test's process: its servers listen
 *   on free ports, Claude is the offline server (`ANTHROPIC_BASE_URL`), `REDIS_URL` is the test
 *   run's Redis, files are written in a temporary directory. A program that starts a server is
 *   then probed: `post=<path>` sends a Messages request (JSON), `sdk=<path>` drives the
 *   Anthropic SDK with `baseURL` at that path, `probe=none` only starts it; without a setting,
 *   each literal path of its `.post('<path>'` routes is posted to and the SDK is pointed at each
 *   `.use('<path>', … claudeRoute(…))` mount, or, if it has neither, at its root. A program
 *   that starts no server only has to run without throwing.
 * - `fragment`: a piece of a larger program. It may use the names of {@link context} (an
 *   Express `app`, a Koa `router`, an Anthropic `client`, a `redis` client, a `guard`...)
 *   without defining them; everything else is checked as in a module. `context=koa`: `app` is
 *   a Koa application and `distillGuard`, `claudeRoute`, `adminRouter` are Koa's.
 * - `options`: the body of an options object, checked as `createGuard({ <block> })`, with the
 *   context of a fragment.
 * - `skip -- <reason>`: not checked; the reason is required.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import ts from 'typescript';

export type Mode = 'module' | 'program' | 'fragment' | 'options' | 'skip' | 'json';

export interface DocBlock {
  /** Path relative to the repository root, e.g. `docs/shield.md`. */
  file: string;
  /** 1-based line of the opening fence. */
  line: number;
  lang: string;
  code: string;
  mode: Mode;
  /** `key=value` settings of the marker (a key may repeat). */
  settings: Array<[string, string]>;
  /** The text after `--` in the marker (required for `skip`). */
  reason?: string;
  /** Whether the mode came from a marker (as opposed to the default for the language). */
  marked: boolean;
  /** What is wrong with the marker, if anything. */
  markerError?: string;
}

const TS_LANGS = new Set(['ts', 'typescript', 'tsx', 'js', 'javascript', 'mjs', 'jsx']);
const JS_LANGS = new Set(['js', 'javascript', 'mjs', 'jsx']);
const MODES = new Set(['module', 'program', 'fragment', 'options', 'skip', 'json']);
const MARKER = /^\s*<!--\s*doc-test:\s*(.*?)\s*-->\s*$/;

export const isCode = (b: DocBlock): boolean => TS_LANGS.has(b.lang);
export const isJs = (b: DocBlock): boolean => JS_LANGS.has(b.lang);
export const label = (b: DocBlock): string => `${b.file}:${b.line} (${b.lang}, ${b.mode})`;

/** README.md and every docs/*.md, relative to `root`. */
export function docFiles(root: string): string[] {
  const docs = readdirSync(join(root, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => `docs/${f}`);
  return ['README.md', ...docs];
}

/** The fenced code blocks of one markdown file, with their markers. */
export function extractBlocks(markdown: string, file: string): DocBlock[] {
  const lines = markdown.split('\n');
  const blocks: DocBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*([\w+-]*)/.exec(lines[i]!);
    if (!open) continue;
    const [, indent, fence, lang] = open;
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const close = lines[j]!.trim();
      if (close.startsWith(fence![0]!.repeat(fence!.length)) && close.replace(/[`~]/g, '') === '') break;
      body.push(lines[j]!.startsWith(indent!) ? lines[j]!.slice(indent!.length) : lines[j]!);
    }
    let k = i - 1;
    while (k >= 0 && lines[k]!.trim() === '') k--;
    const marker = k >= 0 ? MARKER.exec(lines[k]!) : null;
    blocks.push(block(file, i + 1, (lang ?? '').toLowerCase(), body.join('\n'), marker?.[1]));
    i = j;
  }
  return blocks;
}

function block(file: string, line: number, lang: string, code: string, marker: string | undefined): DocBlock {
  const defaultMode: Mode = lang === 'json' ? 'json' : /\.listen\(/.test(code) ? 'program' : 'module';
  const b: DocBlock = { file, line, lang, code, mode: defaultMode, settings: [], marked: marker !== undefined };
  if (marker === undefined) return b;
  const [spec, ...rest] = marker.split(/\s+--\s*/);
  if (rest.length > 0) b.reason = rest.join(' -- ').trim();
  const [mode, ...settings] = (spec ?? '').trim().split(/\s+/);
  if (!MODES.has(mode!)) b.markerError = `unknown mode "${mode}"; use one of ${[...MODES].join(', ')}`;
  else b.mode = mode as Mode;
  for (const s of settings) {
    const eq = s.indexOf('=');
    if (eq <= 0) b.markerError = `"${s}" is not key=value`;
    else b.settings.push([s.slice(0, eq), s.slice(eq + 1)]);
  }
  if (b.mode === 'skip' && !b.reason) b.markerError = 'skip needs a reason: <!-- doc-test: skip -- why -->';
  if (b.mode === 'json' && lang !== 'json') b.markerError = 'json is for json blocks';
  if (b.mode !== 'json' && b.mode !== 'skip' && lang === 'json') b.markerError = `${b.mode} is for ts/js blocks`;
  if (!isCode(b) && lang !== 'json' && b.mode !== 'skip') b.markerError = `a "${lang}" block is not checked; only ts/js and json blocks are`;
  const known = b.mode === 'program' ? ['post', 'sdk', 'probe'] : b.mode === 'fragment' || b.mode === 'options' ? ['context'] : [];
  for (const [key, value] of b.settings) {
    if (!known.includes(key)) b.markerError = `"${key}" is not a setting of ${b.mode}`;
    if (key === 'context' && value !== 'koa' && value !== 'express') b.markerError = `context is express or koa, not "${value}"`;
    if (key === 'probe' && value !== 'none') b.markerError = 'probe=none is the only probe setting; use post= or sdk=';
  }
  return b;
}

/** Every block of README.md and docs/*.md. */
export function collectBlocks(root: string): DocBlock[] {
  return docFiles(root).flatMap((file) => extractBlocks(readFileSync(join(root, file), 'utf8'), file));
}

/**
 * What a fragment may use without defining it: the objects a reader has from the surrounding
 * program, and the functions of the packages (a fragment often shows a call, not its import).
 * `context=koa` gives a Koa `app` and the Koa adapter's functions instead of Express's.
 */
export function context(framework: 'express' | 'koa'): string {
  const adapter = framework === 'koa' ? '@distill-guard/koa' : '@distill-guard/express';
  return `
import type { Express } from 'express';
import type Koa from 'koa';
import type KoaRouter from '@koa/router';
import type Anthropic from '@anthropic-ai/sdk';
import type { Redis } from 'ioredis';
import type { Guard, GuardRequest } from '@distill-guard/core';
import type { ClaudeServer } from '@distill-guard/testing';
import * as core from '@distill-guard/core';
import * as adapter from '${adapter}';

/** The application: Express, or Koa under context=koa. */
export declare const app: ${framework === 'koa' ? 'Koa' : 'Express'};
/** A Koa router (fragments about Koa). */
export declare const router: KoaRouter;
/** The server's Anthropic client. */
export declare const client: Anthropic;
/** An ioredis client. */
export declare const redis: Redis;
export declare const guard: Guard;
/** The app's HTTP server (what \`app.listen()\` returns). */
export declare const server: import('node:http').Server;
export declare const request: GuardRequest;
/** The offline Claude server of a test. */
export declare const claude: ClaudeServer;
/** Stand-ins for an application's own services, as the docs name them. */
export declare const pager: { page(message: string): void };
export declare const reviewQueue: { add(item: unknown): void };
export declare const chat: { post(message: string): void };
export declare const scrape: ReturnType<typeof import('@distill-guard/core/metrics').metricsHandler>;

export const { createGuard, memoryStore, redisStore, hashApiKey } = core;
export const { distillGuard, claudeRoute, adminRouter } = adapter;
`;
}

/** The names a fragment may take from its context. */
const CONTEXT_NAMES = [...context('express').matchAll(/export (?:declare )?const (?:\{([^}]+)\}|(\w+))/g)].flatMap((m) =>
  m[1] ? m[1].split(',').map((s) => s.trim()) : [m[2]!],
);

/** The names a module declares or imports at its top level. */
function topLevelNames(source: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  const bind = (name: ts.BindingName): void => {
    if (ts.isIdentifier(name)) names.add(name.text);
    else for (const e of name.elements) if (!ts.isOmittedExpression(e)) bind(e.name);
  };
  for (const s of source.statements) {
    if (ts.isImportDeclaration(s) && s.importClause) {
      const c = s.importClause;
      if (c.name) names.add(c.name.text);
      const nb = c.namedBindings;
      if (nb && ts.isNamespaceImport(nb)) names.add(nb.name.text);
      if (nb && ts.isNamedImports(nb)) for (const e of nb.elements) names.add(e.name.text);
    } else if (ts.isVariableStatement(s)) for (const d of s.declarationList.declarations) bind(d.name);
    else if ((ts.isFunctionDeclaration(s) || ts.isClassDeclaration(s) || ts.isInterfaceDeclaration(s) || ts.isTypeAliasDeclaration(s) || ts.isEnumDeclaration(s)) && s.name)
      names.add(s.name.text);
  }
  return names;
}

/** The source file a block is checked (and run) as. Lines of the block keep their numbers. */
export function moduleSource(b: DocBlock): string {
  let code = b.code;
  if (b.mode === 'options') code = `void createGuard({${code}\n});`;
  if (b.mode === 'fragment' || b.mode === 'options') {
    const own = topLevelNames(ts.createSourceFile('x.ts', code, ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS));
    const used = CONTEXT_NAMES.filter((n) => !own.has(n) && new RegExp(`\\b${n}\\b`).test(code));
    // Imports are hoisted: at the end, they leave the block's line numbers as they are.
    const from = b.settings.some(([k, v]) => k === 'context' && v === 'koa') ? './doc-context-koa.js' : './doc-context.js';
    if (used.length > 0) code += `\nimport { ${used.join(', ')} } from '${from}';`;
  }
  return `${code}\nexport {};\n`;
}

/** A directory where blocks can be written, resolving the packages a user would install. */
export interface Workspace {
  dir: string;
  /** The file a block is written to (created by {@link writeBlock}). */
  fileOf(b: DocBlock): string;
  cleanup(): void;
}

/**
 * A temporary directory with a `node_modules` of links to the dependencies installed in the
 * workspace (the first of each name found, in the order below), so that blocks resolve
 * `express`, `koa`, `ioredis`... as in a user's project, for the type checker and for Node.
 * `@distill-guard/*` resolve to the sources (tsconfig paths here, vitest aliases when run).
 */
export function createWorkspace(root: string): Workspace {
  const dir = mkdtempSync(join(tmpdir(), 'distill-guard-docs-'));
  const sources = ['node_modules', 'packages/express/node_modules', 'packages/koa/node_modules', 'packages/core/node_modules', 'packages/testing/node_modules', 'packages/cli/node_modules'];
  const linked = new Set<string>();
  const link = (name: string, target: string): void => {
    if (linked.has(name)) return;
    linked.add(name);
    const at = join(dir, 'node_modules', name);
    mkdirSync(dirname(at), { recursive: true });
    symlinkSync(target, at, 'junction');
  };
  for (const source of sources) {
    const nm = join(root, source);
    if (!existsSync(nm)) continue;
    for (const name of readdirSync(nm)) {
      if (name.startsWith('.') || name === '@distill-guard') continue;
      if (name.startsWith('@')) for (const sub of readdirSync(join(nm, name))) link(`${name}/${sub}`, join(nm, name, sub));
      else link(name, join(nm, name));
    }
  }
  writeFileSync(join(dir, 'package.json'), '{ "private": true, "type": "module" }\n');
  writeFileSync(join(dir, 'doc-context.ts'), context('express'));
  writeFileSync(join(dir, 'doc-context-koa.ts'), context('koa'));
  const names = new Map<DocBlock, string>();
  return {
    dir,
    fileOf(b) {
      let name = names.get(b);
      if (!name) {
        name = join(dir, `${basename(b.file, '.md').replace(/\W/g, '_')}-${b.line}${isJs(b) ? '.mjs' : '.ts'}`);
        names.set(b, name);
      }
      return name;
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Writes a block's module source into the workspace; returns its path. */
export function writeBlock(ws: Workspace, b: DocBlock): string {
  const file = ws.fileOf(b);
  writeFileSync(file, moduleSource(b));
  return file;
}

/** A type error in a block, located in the markdown file. */
export interface BlockError {
  /** `docs/x.md:12: TS2304 Cannot find name 'app'.` */
  text: string;
}

/**
 * Compiler options of a user's TypeScript project: strict, ESM under `nodenext` (the strictest
 * resolution: `import Redis from 'ioredis'` fails there, `import { Redis }` does not), with
 * `@distill-guard/*` mapped to the packages' sources as in tsconfig.base.json.
 */
function compilerOptions(root: string): ts.CompilerOptions {
  const base = ts.readConfigFile(join(root, 'tsconfig.base.json'), ts.sys.readFile).config as { compilerOptions: { paths: Record<string, string[]> } };
  const paths = Object.fromEntries(Object.entries(base.compilerOptions.paths).map(([name, targets]) => [name, targets.map((t) => join(root, t))]));
  return {
    target: ts.ScriptTarget.ES2022,
    lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'],
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    esModuleInterop: true,
    skipLibCheck: true,
    noEmit: true,
    allowJs: true,
    checkJs: true,
    resolveJsonModule: true,
    isolatedModules: true,
    types: ['node'],
    paths,
  };
}

/**
 * Type-checks every ts/js block that is not skipped, in one program. Returns the errors of each
 * block (an empty list when it checks).
 */
export function typecheck(root: string, ws: Workspace, blocks: DocBlock[]): Map<DocBlock, BlockError[]> {
  const checked = blocks.filter((b) => isCode(b) && b.mode !== 'skip');
  const files = checked.map((b) => writeBlock(ws, b));
  // The repository's tests get `inject('redisUrl')` typed by this file (docs/testing.md says so).
  const provided = join(root, 'packages/testing/test-setup/provided.d.ts');
  const rootNames = [...files, join(ws.dir, 'doc-context.ts'), join(ws.dir, 'doc-context-koa.ts'), provided];
  const program = ts.createProgram({ rootNames, options: compilerOptions(root) });
  const result = new Map<DocBlock, BlockError[]>();
  checked.forEach((b, i) => {
    const source = program.getSourceFile(files[i]!)!;
    const diagnostics = [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)];
    result.set(
      b,
      diagnostics.map((d) => {
        const line = d.start === undefined ? 0 : source.getLineAndCharacterOfPosition(d.start).line;
        const where = line < b.code.split('\n').length ? `${b.file}:${b.line + 1 + line}` : `${b.file}:${b.line} (context)`;
        return { text: `${where}: TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}` };
      }),
    );
  });
  return result;
}

/** Relative markdown links with their anchors, for the link check. */
export interface DocLink {
  file: string;
  line: number;
  target: string;
}

/** Links of a markdown file outside code blocks: `[text](target)`. */
export function extractLinks(markdown: string, file: string): DocLink[] {
  const links: DocLink[] = [];
  let fence: string | undefined;
  markdown.split('\n').forEach((text, i) => {
    const f = /^\s*(`{3,}|~{3,})/.exec(text);
    if (f) fence = fence === undefined ? f[1]![0] : fence === f[1]![0] ? undefined : fence;
    if (fence !== undefined || f) return;
    const prose = text.replace(/`[^`]*`/g, '');
    for (const m of prose.matchAll(/\]\(([^)\s]+)\)/g)) links.push({ file, line: i + 1, target: m[1]! });
  });
  return links;
}

/** The anchors GitHub gives a markdown file's headings. */
export function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const counts = new Map<string, number>();
  let fence: string | undefined;
  for (const text of markdown.split('\n')) {
    const f = /^\s*(`{3,}|~{3,})/.exec(text);
    if (f) fence = fence === undefined ? f[1]![0] : fence === f[1]![0] ? undefined : fence;
    if (fence !== undefined || f) continue;
    const h = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(text);
    if (!h) continue;
    const slug = githubSlug(h[1]!);
    const n = counts.get(slug) ?? 0;
    counts.set(slug, n + 1);
    anchors.add(n === 0 ? slug : `${slug}-${n}`);
  }
  for (const m of markdown.matchAll(/<a\s+(?:name|id)="([^"]+)"/g)) anchors.add(m[1]!);
  return anchors;
}

/** GitHub's heading slug: the text without markup, lower-case, punctuation dropped, spaces to `-`. */
export function githubSlug(heading: string): string {
  return heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, '')
    .replace(/[`*]/g, '')
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M}\s_-]/gu, '')
    .replace(/\s/g, '-');
}
