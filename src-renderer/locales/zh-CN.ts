import type { Dict } from './en';

export const zhCN: Dict = {
  nav: { queue: '任务队列', library: '字幕库', settings: '设置', editor: '编辑器', offline: '字幕库可离线使用' },
  common: { cancel: '取消', retry: '重试', remove: '移除', open: '打开', delete: '删除', save: '保存', close: '关闭', export: '导出', search: '搜索', loading: '加载中…' },
  queue: {
    title: '任务队列', add: '添加文件…', dropHere: '将视频、音频文件或文件夹拖到窗口任意位置', dropNow: '松开即开始生成字幕',
    pick: '或选择文件', empty: '暂无任务。拖入文件即可生成字幕。', file: '文件', stage: '阶段', progress: '进度', cost: '预估费用', actions: '操作',
    total_one: '共 {{count}} 个任务', total_other: '共 {{count}} 个任务', active: '{{count}} 个进行中', failed: '{{count}} 个失败', estimate: '预估 {{cost}}', uploading: '正在发送 {{name}}…',
    eta: '剩余 {{time}}', clearDone: '清除已完成', billed: '计费 {{seconds}} 秒', quick: '快速模式', quickHelp: '使用 fun-asr-flash 识别 5 分钟以内的短片：结果实时返回，并带上字幕库中的上下文', noKey: '请先在“设置”中填写 DashScope API Key。', warnings: '提示',
    existingTitle_one: '已转写过（未再次计费）：{{count}} 个文件', existingTitle_other: '已转写过（未再次计费）：{{count}} 个文件',
    existingHelp: '字幕库中已有相同内容、相同识别设置的转写稿。', existingWhen: '转写于 {{date}}', transcribeAgain: '重新转写', dismiss: '忽略',
  },
  presets: {
    'netflix-en': 'Netflix 英文（17 字符/秒，成人）', 'netflix-en-20': 'Netflix 英文（20 字符/秒）', 'netflix-en-children': 'Netflix 英文（13 字符/秒，儿童）',
    'netflix-zh-hans': 'Netflix 简体中文（每行 16 字）', 'netflix-ja': 'Netflix 日文', 'netflix-ko': 'Netflix 韩文', bbc: 'BBC（每行 37 字符，每分钟 180 词）', vertical: '竖屏视频（单行短句）',
  },
  stage: {
    queued: '等待中', probing: '读取文件', extracting: '提取音频', delivering: '准备音频', submitted: '提交中',
    transcribing: '识别中', queuedRemote: '服务端排队中', fetching: '下载结果', done: '已完成', failed: '失败', canceled: '已取消',
  },
  library: {
    title: '字幕库', search: '搜索全部字幕…', empty: '还没有字幕。', noHits: '没有找到“{{q}}”。', titleCol: '标题', duration: '时长',
    date: '日期', language: '语言', speakers: '说话人', cues: '条数', confirmDelete: '从字幕库删除“{{title}}”？媒体文件不会被删除。', imported: '已导入 {{cues}} 条字幕（报告了 {{repairs}} 处修复）。', hits_one: '{{count}} 条结果', hits_other: '{{count}} 条结果',
  },
  editor: {
    back: '字幕库', undo: '撤销', redo: '重做', split: '拆分', merge: '与下一条合并', insert: '插入', del: '删除', find: '查找', findHelp: 'Enter：下一个 · Shift+Enter：上一个', notFound: '没有字幕包含“{{q}}”。', replace: '替换为',
    replaceAll: '全部替换', fixAll: '一键修复 ({{count}})', saved: '已保存', saving: '保存中…', saveFailed: '未保存：{{msg}}', speakers: '说话人',
    noMedia: '找不到媒体文件，仍可编辑文字和时间。', cues_one: '{{count}} 条字幕', cues_other: '{{count}} 条字幕', shortcuts: '快捷键',
    shortcutHelp: 'Ctrl+空格 播放/暂停 · Alt+↑/↓ 上/下一条 · Alt+←/→ 调整开始 · Alt+Shift+←/→ 调整结束 · Enter 编辑 · Ctrl+Enter 在光标处拆分 · Ctrl+M 合并 · Ctrl+I 插入 · Delete 删除 · Ctrl+Z/Ctrl+Y 撤销/重做',
    replaced: '已替换 {{count}} 处', masked: '已屏蔽', maskedHelp: '服务在此处屏蔽了敏感词（*），请核对文字。',
    propose: '您已多次将文字改为“{{term}}”。要把它加入热词和快速模式上下文吗？', add: '加入', notNow: '不用',
    learned: '下次任务将使用“{{term}}”。', waveLoading: '正在绘制波形…',
  },
  encoding: { title: '哪一种文字显示正确？', help: '无法确定 {{name}} 的文字编码。请选择文字显示正确的一项，文件将按该编码重新读取。', confidence: '可能性 {{n}}%', use: '使用此编码', keep: '保持当前读取' },
  export: { title: '导出字幕', format: '格式', bom: 'UTF-8 BOM（兼容旧播放器和电视）', crlf: 'Windows 换行（CRLF）', speakers: '说话人名称', words: '逐词时间戳（卡拉OK）', qcClean: '所有字幕均符合 {{preset}} 规范。', qcIssues: '{{count}} 条字幕不符合 {{preset}}：', bilingual: '双语：第二行使用单独样式', fps: '帧率',
    hint: {
      srt: '适用于大多数播放器、剪辑软件和平台。', vtt: '网页播放器和 HTML5 视频；保留位置和说话人。', ass: '带样式字幕，适用于 mpv、VLC、Aegisub 和压制。',
      ssa: '较旧的 SubStation 播放器。', ttml: '广播与流媒体（IMSC 1.1 文本）、DaVinci Resolve、Premiere。', sbv: '上传到 YouTube 工作室。',
      lrc: '音乐播放器歌词，含逐词时间（卡拉OK）。', fcpxml: 'Final Cut Pro 字幕（第 1 轨，iTT 角色）。', txt: '可阅读的文字稿。', json: '含逐词信息的完整字幕轨，供其他工具使用或重新导入。',
    },
    download: '导出' },
  qc: { CPS_HIGH: '过快', LINE_TOO_LONG: '过长', TOO_MANY_LINES: '行数', DURATION_SHORT: '过短', DURATION_LONG: '时长', GAP_SMALL: '间隔', OVERLAP: '重叠', EMPTY_TEXT: '空白' },
  hotwords: {
    title: '热词', needKey: '保存 API Key 后即可管理热词表。', none: '不使用热词表',
    help: '希望服务优先识别的人名和术语。热词表只对创建时指定的模型生效（当前为 {{model}}）。', summary: '{{count}} 个词 · {{model}} · {{status}}',
    otherModel: '属于其他模型', edit: '编辑', create: '为 {{model}} 新建热词表', format: '每行一个：词 | 权重 1–5 | 语言（可选）', confirmDelete: '从服务端删除此热词表？',
  },
  settings: {
    title: '设置', service: '服务', apiKey: 'API Key', apiKeySet: '已保存密钥（不会显示）。', apiKeyNone: '尚未保存密钥。', saveKey: '保存密钥', clearKey: '删除密钥',
    region: '地域', beijing: '北京（中国内地）', singapore: '新加坡（国际）', baseUrl: '服务地址', baseUrlHint: '留空则使用所选地域的地址。', workspace: '业务空间 ID',
    recognition: '识别', model: '模型', language: '语言提示', auto: '自动检测', diarize: '区分说话人', speakerCount: '预计说话人数',
    filter: '敏感词', maskWords: '替换为 *', removeWords: '删除', systemFilter: '使用服务内置词表', commaSeparated: '用逗号分隔。',
    delivery: '音频传递方式', deliveryAuto: '自动', deliverySigned: '本机签名链接', deliveryUpload: '临时上传', publicBaseUrl: '公网访问地址',
    publicBaseUrlHint: '服务访问本机的地址（隧道、反向代理或端口转发）。', captions: '字幕', preset: '字幕规范', presetAuto: '跟随每份字幕的语言',
    nameTemplate: '文件名', nameTemplateHint: '字段：{name} {title} {lang} {format} {date}。示例：{{example}}', exportFolder: '导出文件夹',
    exportFolderNone: '与源文件相同的位置', exportFolderHint: '命令行导出到此文件夹；已有文件不会在未确认时被覆盖。',
    templateProblem: { EMPTY: '文件名模板为空。', UNKNOWN_FIELD: '未知字段：请使用 {name}、{title}、{lang}、{format}、{date}。', NO_FORMAT: '模板必须包含 {format}（扩展名）。', PATH: '文件名中不能包含文件夹。' },
    exportDefaults: '导出默认值', format: '格式', lineEndings: '换行符', interface: '界面', uiLanguage: '语言', theme: '主题', themeSystem: '跟随系统',
    themeLight: '浅色', themeDark: '深色', saved: '设置已保存。',
    quick: '快速模式', quickMode: '默认使用快速模式', quickContext: '快速模式上下文', quickContextHint: '预计会出现的人名和术语；Captioner 会自动加入说话人名称、您的更正和热词。服务约读取 400 个字符。',
    learnedTerms: '从您的更正中学到的词',
  },
};
