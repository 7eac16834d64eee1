// Packaging for the three desktop platforms (electron-builder; see docs/DECISIONS.md for why not Forge).
//   npm run package           installers for this OS (Windows NSIS, macOS dmg, Linux AppImage + deb)
//   npm run package:check     Linux --dir build with a placeholder runtime, then the layout checks
// Signing and notarization are off unless their environment variables are set (see README).
const notarize = Boolean(process.env.APPLE_TEAM_ID && (process.env.APPLE_API_KEY || process.env.APPLE_ID));

/** @type {import('electron-builder').Configuration} */
module.exports = {
  appId: 'io.github.captioner.desktop',
  productName: 'Captioner',
  // Not "captioner": on PATH (the deb's /usr/bin) that name belongs to the command line tool.
  executableName: 'captioner-desktop',
  copyright: 'Copyright © Captioner contributors',
  directories: { output: 'dist', buildResources: 'resources' },
  // Only the built app: main, preload and renderer bundles. node_modules brings the production
  // dependencies only (electron-builder leaves devDependencies out); their sources and docs stay out.
  files: [
    'out/main/**/*', 'out/preload/**/*', 'out/renderer/**/*', '!out/**/*.map',
    '!**/node_modules/better-sqlite3/{deps,src,benchmark,docs}/**', '!**/node_modules/better-sqlite3/build/{Debug,deps,test_extension}/**',
    '!**/node_modules/better-sqlite3/build/Release/{obj,obj.target,.deps}/**', '!**/node_modules/better-sqlite3/build/Release/test_extension.node',
    '!**/node_modules/fluent-ffmpeg/{coverage,doc,tools,test}/**', '!**/node_modules/**/*.{md,markdown,ts,map,cc,h,c,gyp,gypi}',
  ],
  asar: true,
  // A native module cannot be loaded from inside the asar.
  asarUnpack: ['**/node_modules/better-sqlite3/**/*.node'],
  // The Electron build of better-sqlite3 is made apart (scripts/native-electron.mjs) and put into
  // the package by scripts/after-pack.cjs: node_modules keeps Node's build for the tests and the CLI.
  npmRebuild: false,
  nodeGypRebuild: false,
  afterPack: './scripts/after-pack.cjs',
  // ffmpeg and ffprobe for the target platform, where src-main/node/media/locate.ts looks first
  // (process.resourcesPath/bin), with their licence; the window icon for Linux.
  extraResources: [
    { from: 'node_modules/@ffmpeg-installer/${platform}-${arch}', to: 'bin', filter: ['ffmpeg', 'ffmpeg.exe'] },
    { from: 'node_modules/@ffprobe-installer/${platform}-${arch}', to: 'bin', filter: ['ffprobe', 'ffprobe.exe'] },
    { from: 'resources/licenses', to: 'licenses' },
    { from: 'resources/icons/512x512.png', to: 'icon.png' },
  ],
  linux: {
    target: ['AppImage', 'deb'],
    icon: 'resources/icons',
    category: 'AudioVideo',
    synopsis: 'Captions for talks, lectures and meetings with Alibaba Fun-ASR',
    description: 'Drop videos or audio, get well-formed captions in Chinese and English, edit them against the video and export SRT or WebVTT.',
    maintainer: 'Captioner contributors',
  },
  deb: { packageName: 'captioner' },
  appImage: { artifactName: 'Captioner-${version}-${arch}.AppImage' },
  mac: {
    target: ['dmg'],
    icon: 'resources/icon.icns',
    category: 'public.app-category.productivity',
    hardenedRuntime: true,
    gatekeeperAssess: false,
    entitlements: 'resources/entitlements.mac.plist',
    entitlementsInherit: 'resources/entitlements.mac.plist',
    // Signing: CSC_LINK + CSC_KEY_PASSWORD (a Developer ID certificate). Without them the dmg is unsigned.
    // Notarization: APPLE_TEAM_ID with APPLE_ID + APPLE_APP_SPECIFIC_PASSWORD, or APPLE_API_KEY + APPLE_API_KEY_ID + APPLE_API_ISSUER.
    notarize,
  },
  dmg: { artifactName: 'Captioner-${version}-${arch}.dmg' },
  win: {
    target: ['nsis'],
    icon: 'resources/icon.ico',
    // Signing: CSC_LINK + CSC_KEY_PASSWORD (or WIN_CSC_LINK); unsigned without them.
  },
  nsis: {
    // One click: installs for the current user without admin rights, starts Captioner when done.
    oneClick: true,
    perMachine: false,
    runAfterFinish: true,
    createDesktopShortcut: true,
    createStartMenuShortcut: true,
    shortcutName: 'Captioner',
    artifactName: 'Captioner-Setup-${version}.exe',
    // The library (transcripts cost money) is never deleted by uninstalling.
    deleteAppDataOnUninstall: false,
  },
  publish: null,
};
