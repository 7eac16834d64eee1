/** The main process's own words (dialogs), in the app's two languages. */
export type Lang = 'en' | 'zh-CN';

export const pickLang = (tag: string | undefined): Lang => (tag?.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en');

export const MESSAGES = {
  en: {
    quitTitle: 'Quit Captioner?',
    quitMessage: (n: number) => `${n} job${n === 1 ? ' is' : 's are'} still running.`,
    quitDetail: 'If you quit now, they continue where they stopped the next time you open Captioner. Nothing is submitted or billed twice.',
    quit: 'Quit',
    cancel: 'Cancel',
    startTitle: 'Captioner could not start',
    busy: (m: string) => `${m}\n\nQuit the other Captioner (or stop "captioner serve" with Ctrl+C), then open Captioner again.`,
    bind: (where: string, code: string) =>
      `The signed-URL server could not listen on ${where} (${code}). The "bindHost" setting probably names an address this computer no longer has.\n\nRun "captioner config unset bindHost" (or set it to an address of this computer), then open Captioner again.`,
    abi: (m: string) => `The SQLite driver was built for another runtime: ${m}\n\nIn a source checkout run "npm run native:electron" (it builds the Electron copy into .native/ and leaves node_modules alone). An installed Captioner should never show this: reinstall it.`,
    corrupt: (home: string, code: string) => `The library file ${home}/library.db is damaged (${code}). Move it away (keep a copy) and open Captioner again to start a new library.`,
    access: (home: string, code: string, m: string) => `The library folder ${home} cannot be opened or written (${code}): ${m}\n\nCheck its permissions, or set CAPTIONER_HOME to another folder.`,
    other: (m: string, home: string) => `${m}\n\nLibrary: ${home}\nIf this keeps happening, start Captioner from a terminal to see more, and report it with this text.`,
    spellNone: 'No suggestions',
    spellAdd: (w: string) => `Add “${w}” to dictionary`,
    cut: 'Cut',
    copy: 'Copy',
    paste: 'Paste',
    selectAll: 'Select All',
  },
  'zh-CN': {
    quitTitle: '退出 Captioner？',
    quitMessage: (n: number) => `还有 ${n} 个任务正在进行。`,
    quitDetail: '现在退出的话，下次打开 Captioner 时它们会从中断处继续，不会重复提交，也不会重复计费。',
    quit: '退出',
    cancel: '取消',
    startTitle: 'Captioner 无法启动',
    busy: (m: string) => `${m}\n\n请先退出另一个 Captioner（或在终端按 Ctrl+C 停止 "captioner serve"），然后重新打开 Captioner。`,
    bind: (where: string, code: string) =>
      `签名链接服务器无法在 ${where} 上监听（${code}）。"bindHost" 设置指向的地址可能已不属于这台电脑。\n\n请运行 "captioner config unset bindHost"（或改为本机的地址），然后重新打开 Captioner。`,
    abi: (m: string) => `SQLite 驱动是为其他运行时编译的：${m}\n\n在源码目录中请运行 "npm run native:electron"（它把 Electron 版本编译到 .native/，不改动 node_modules）。安装版出现此错误时请重新安装。`,
    corrupt: (home: string, code: string) => `字幕库文件 ${home}/library.db 已损坏（${code}）。请把它移走（保留副本），再打开 Captioner 新建字幕库。`,
    access: (home: string, code: string, m: string) => `无法打开或写入字幕库文件夹 ${home}（${code}）：${m}\n\n请检查它的权限，或把 CAPTIONER_HOME 设为其他文件夹。`,
    other: (m: string, home: string) => `${m}\n\n字幕库：${home}\n如果反复出现，请从终端启动 Captioner 查看更多信息，并附上这段文字报告问题。`,
    spellNone: '没有建议',
    spellAdd: (w: string) => `把“${w}”加入词典`,
    cut: '剪切',
    copy: '复制',
    paste: '粘贴',
    selectAll: '全选',
  },
} satisfies Record<Lang, Record<string, unknown>>;
