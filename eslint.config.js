// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

/** Dependency direction (docs/architecture): shared ← core ← node ← electron ← index.ts; cli uses node and below. */
const layer = (files, patterns) => ({ files, rules: { 'no-restricted-imports': ['error', { patterns }] } });
const upward = (names, why) => ({ group: names.flatMap((n) => [`**/${n}`, `**/${n}/**`]), message: why });

/** `.message` of a caught error (`e`, `(x as Error)`) or of an error main sent (`job.error`, `videoProblem`), shown as it is. */
function rawMessages() {
  const message = "MemberExpression[property.name='message']";
  const allowed = ["CallExpression[callee.name=/Text$/] >", "JSXAttribute[name.name='title'] > JSXExpressionContainer >"].flatMap((at) => [`${at} ${message}`, `${at} ChainExpression > ${message}`]);
  return [
    `${message}[object.type='TSAsExpression']`,
    `${message}[object.type='Identifier'][object.name=/^(e|err|error|ex|reason|failure)$/]`,
    `${message}[object.type='MemberExpression'][object.property.name=/^(error|videoProblem)$/]:not(${allowed.join(', ')})`,
  ].map((selector) => ({ selector, message: 'Show a failure with useNotifyError, useErrorText or <ErrorLine> (app/errors.ts): its English message is only the fallback and the tooltip.' }));
}

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-output/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'off',
    },
  },
  layer(['src-main/shared/**/*.ts'], [
    upward(['core', 'node', 'cli', 'electron', 'preload'], 'shared/ is pure: it may import only zod and shared/.'),
    { regex: '^(?!(zod|entities|chardet|iconv-lite|fast-xml-parser|ass-compiler)$|\\.)', message: 'shared/ is pure: it may import only zod, the pure format libraries (entities, chardet, iconv-lite, fast-xml-parser, ass-compiler) and shared/.' },
  ]),
  layer(['src-main/core/**/*.ts'], [
    upward(['node', 'cli', 'electron', 'preload'], 'core/ is pure: it may import only shared/ and zod; reach I/O through ports.'),
    { regex: '^(?!zod$|\\.)', message: 'core/ is pure: it may import only shared/ and zod.' },
  ]),
  layer(['src-main/node/**/*.ts'], [
    upward(['cli', 'electron', 'preload'], 'node/ adapters must not depend on the CLI or Electron.'),
    { group: ['electron'], message: 'Only src-main/electron may import electron.' },
  ]),
  layer(['src-main/cli/**/*.ts'], [
    upward(['electron', 'preload'], 'The CLI runs without Electron.'),
    { group: ['electron'], message: 'The CLI runs without Electron.' },
  ]),
  layer(['src-main/preload/**/*.ts'], [
    { group: ['../core/**', '../node/**', '../cli/**', '../electron/**', '../core', '../node', '../cli', '../electron'], message: 'preload is an allowlist over the contract: shared/ only.' },
    { regex: '^(?!electron$|\\.)', message: 'preload may import only electron and shared/.' },
  ]),
  layer(['src-renderer/**/*.{ts,tsx}'], [
    upward(['core', 'node', 'cli', 'electron', 'preload'], 'The renderer sees only the shared contract.'),
    { regex: '^(node:|electron$|fs$|path$|child_process$|better-sqlite3$|fluent-ffmpeg$)', message: 'The renderer is untrusted: no Node or Electron APIs.' },
  ]),
  {
    // Failures reach the person in the UI's language (app/errors.ts words codes with params); main's
    // English message is only the fallback of a wording function (…Text) or a tooltip (title).
    files: ['src-renderer/**/*.{ts,tsx}'],
    ignores: ['src-renderer/app/errors.ts', 'src-renderer/app/api-error.ts'],
    rules: { 'no-restricted-syntax': ['error', ...rawMessages()] },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.{js,mjs,ts}'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
