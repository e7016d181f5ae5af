// The layout's rules (README, Architecture), checked by `npm run depcheck`. Paths are relative to the repo root.
/** Platform, model and storage libraries: only adapters/, llm/ and store/ (and main.ts) may use them. */
const OUTSIDE_LIBRARIES = [
  '(^|/)node_modules/(discord\\.js|@discordjs/[^/]+|@slack/[^/]+|openai)/',
  '(^|/)node_modules/(keyv|@keyv/[^/]+|pg|@types/pg|redis|ioredis|better-sqlite3)/',
  '^(node:)?sqlite$',
];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      comment: 'No import cycles in src/, type-only imports included.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'neutral-core',
      comment:
        'story/ (the engine and the interfaces it needs), commands/ and screenplay/ know no platform, model or ' +
        'storage: nothing from adapters/, llm/ or store/, and none of their libraries.',
      severity: 'error',
      from: { path: '^src/(story|commands|screenplay)/' },
      to: { path: ['^src/(adapters|llm|store)/', ...OUTSIDE_LIBRARIES] },
    },
    {
      name: 'commands-use-the-engine',
      comment:
        'commands/ and screenplay/ import only story/, their own folder, the message catalog (i18n/) and ' +
        'src/logger.ts from src/; commands/ may also use screenplay/ (the export formats), never the reverse.',
      severity: 'error',
      from: { path: '^src/(commands|screenplay)/' },
      to: {
        path: '^src/',
        pathNot: ['^src/story/', '^src/$1/', '^src/i18n/', '^src/logger\\.ts$', '^src/screenplay/'],
      },
    },
    {
      name: 'catalog-is-a-leaf',
      comment: 'The message catalog (i18n/) is data and formatting: every layer may use it, it uses none.',
      severity: 'error',
      from: { path: '^src/i18n/' },
      to: { path: '^src/', pathNot: '^src/i18n/' },
    },
    {
      name: 'adapters-apart',
      comment: 'An adapter imports nothing of another adapter, only the shared layer (src/adapters/shared/).',
      severity: 'error',
      from: { path: '^src/adapters/([^/]+)/' },
      to: { path: '^src/adapters/', pathNot: ['^src/adapters/$1/', '^src/adapters/shared/'] },
    },
    {
      name: 'shared-adapter-layer-is-neutral',
      comment:
        'adapters/shared/ serves every platform: no platform, model or storage library, and nothing of any ' +
        'adapter, llm/ or store/. Platform specifics come in as parameters (edit(), describeError, options).',
      severity: 'error',
      from: { path: '^src/adapters/shared/' },
      to: { path: ['^src/adapters/(?!shared/)', '^src/(llm|store)/', ...OUTSIDE_LIBRARIES] },
    },
    {
      name: 'implementations-below-adapters',
      comment: 'llm/ and store/ implement the engine’s interfaces; they never reach up into the adapters.',
      severity: 'error',
      from: { path: '^src/(llm|store)/' },
      to: { path: '^src/adapters/' },
    },
    {
      name: 'operations-use-interfaces',
      comment:
        'operations/ (metrics, the health endpoint) sees the engine and the commands through their interfaces: ' +
        'story/, the Command type, the catalog and the logger; main.ts hands it everything else.',
      severity: 'error',
      from: { path: '^src/operations/' },
      to: {
        path: '^src/',
        pathNot: [
          '^src/operations/',
          '^src/story/',
          '^src/commands/command\\.ts$',
          '^src/i18n/',
          '^src/logger\\.ts$',
        ],
      },
    },
    {
      name: 'operations-only-from-main',
      comment:
        'Only main.ts wires operations/ in (through hooks); the engine, commands and adapters never know it.',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/operations/', '^src/main\\.ts$'] },
      to: { path: '^src/operations/' },
    },
    {
      name: 'no-test-code-in-src',
      comment: 'Nothing in src/ imports from test/.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^test/' },
    },
    {
      name: 'resolvable',
      comment: 'Every import in src/ resolves (a typo or a moved file fails here, not only in tsc).',
      severity: 'error',
      from: { path: '^src/' },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports count: an interface imported from the wrong layer is still a crossed seam.
    tsPreCompilationDeps: true,
    // Relative imports end in .ts (allowImportingTsExtensions); the tsconfig tells the resolver so.
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.mjs', '.cjs', '.json', '.d.ts'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
