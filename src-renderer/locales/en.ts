export const en = {
  nav: { queue: 'Queue', library: 'Library', settings: 'Settings', editor: 'Editor', offline: 'Library works offline' },
  common: { cancel: 'Cancel', retry: 'Retry', remove: 'Remove', open: 'Open', delete: 'Delete', save: 'Save', close: 'Close', export: 'Export', search: 'Search', loading: 'Loading…' },
  queue: {
    title: 'Queue', add: 'Add files…', dropHere: 'Drop video or audio files or folders anywhere in this window', dropNow: 'Drop to caption',
    pick: 'or choose files', empty: 'No jobs yet. Drop files here to caption them.', file: 'File', stage: 'Stage', progress: 'Progress', cost: 'Estimate', actions: 'Actions',
    total_one: '{{count}} job', total_other: '{{count}} jobs', active: '{{count}} running', failed: '{{count}} failed', estimate: 'estimated {{cost}}', uploading: 'Sending {{name}}…',
    eta: '{{time}} left', clearDone: 'Clear finished', billed: 'billed {{seconds}} s', quick: 'Quick mode', quickHelp: 'fun-asr-flash for clips up to 5 minutes: results stream in, with context from your library', noKey: 'Add your DashScope API key in Settings before captioning.', warnings: 'Warnings',
  },
  stage: {
    queued: 'Waiting', probing: 'Reading the file', extracting: 'Extracting audio', delivering: 'Preparing audio for the service', submitted: 'Submitting',
    transcribing: 'Transcribing', queuedRemote: 'Queued at the service', fetching: 'Downloading the result', done: 'Done', failed: 'Failed', canceled: 'Canceled',
  },
  library: {
    title: 'Library', search: 'Search all transcripts…', empty: 'Nothing captioned yet.', noHits: 'No matches for “{{q}}”.', titleCol: 'Title', duration: 'Duration',
    date: 'Date', language: 'Language', speakers: 'Speakers', cues: 'Cues', confirmDelete: 'Delete “{{title}}” from the library? The media file stays where it is.', imported: 'Imported {{cues}} cues ({{repairs}} repairs reported).', hits_one: '{{count}} match', hits_other: '{{count}} matches',
  },
  editor: {
    back: 'Library', undo: 'Undo', redo: 'Redo', split: 'Split', merge: 'Merge with next', insert: 'Insert', del: 'Delete', find: 'Find', findHelp: 'Enter: next match · Shift+Enter: previous', notFound: 'No cue contains “{{q}}”.', replace: 'Replace with',
    replaceAll: 'Replace all', fixAll: 'Fix all ({{count}})', saved: 'Saved', saving: 'Saving…', saveFailed: 'Not saved: {{msg}}', speakers: 'Speakers',
    noMedia: 'The media file is not available; you can still edit the text and timing.', cues_one: '{{count}} cue', cues_other: '{{count}} cues', shortcuts: 'Shortcuts',
    shortcutHelp: 'Ctrl+Space play/pause · Alt+↑/↓ previous/next cue · Alt+←/→ nudge start · Alt+Shift+←/→ nudge end · Enter edit · Ctrl+Enter split at caret · Ctrl+M merge · Ctrl+I insert · Delete remove · Ctrl+Z/Ctrl+Y undo/redo',
    replaced: '{{count}} replaced', masked: 'masked', maskedHelp: 'The service masked sensitive words here (*); check the text.',
    propose: 'You corrected “{{term}}” more than once. Add it to your hotwords and quick-mode context?', add: 'Add', notNow: 'No',
    learned: '“{{term}}” will be used on the next job.', waveLoading: 'Drawing waveform…',
  },
  export: { title: 'Export captions', format: 'Format', bom: 'UTF-8 BOM (for older players and TVs)', crlf: 'Windows line endings (CRLF)', speakers: 'Speaker names', words: 'Word timestamps (karaoke)', qcClean: 'All cues pass the {{preset}} checks.', qcIssues: '{{count}} cues need attention for {{preset}}:', bilingual: 'Bilingual: second line in its own style', fps: 'Frame rate',
    hint: {
      srt: 'Players, editors and most platforms.', vtt: 'Web players and HTML5 video; keeps positions and speakers.', ass: 'Styled subtitles for mpv, VLC, Aegisub and burn-in.',
      ssa: 'Older SubStation players.', ttml: 'Broadcast and streaming (IMSC 1.1 Text), DaVinci Resolve, Premiere.', sbv: 'YouTube Studio upload.',
      lrc: 'Lyrics for music players, with word times for karaoke.', fcpxml: 'Final Cut Pro captions (lane 1, iTT role).', txt: 'A readable transcript.', json: 'The full track with words, for other tools and re-import.',
    },
    download: 'Export' },
  qc: { CPS_HIGH: 'fast', LINE_TOO_LONG: 'long line', TOO_MANY_LINES: 'lines', DURATION_SHORT: 'short', DURATION_LONG: 'long', GAP_SMALL: 'gap', OVERLAP: 'overlap', EMPTY_TEXT: 'empty' },
  hotwords: {
    title: 'Hotwords', needKey: 'Save an API key to manage hotword lists.', none: 'No hotword list',
    help: 'Names and terms the service should favour. A list works only with the model it was made for ({{model}} now).', summary: '{{count}} words · {{model}} · {{status}}',
    otherModel: 'made for another model', edit: 'Edit', create: 'New list for {{model}}', format: 'One per line: word | weight 1–5 | language (optional)', confirmDelete: 'Delete this hotword list from the service?',
  },
  settings: {
    title: 'Settings', service: 'Service', apiKey: 'API key', apiKeySet: 'A key is saved (never shown).', apiKeyNone: 'No key saved.', saveKey: 'Save key', clearKey: 'Remove key',
    region: 'Region', beijing: 'Beijing (China)', singapore: 'Singapore (international)', baseUrl: 'Base URL', baseUrlHint: 'Leave empty to use the region’s host.', workspace: 'Workspace ID',
    recognition: 'Recognition', model: 'Model', language: 'Language hint', auto: 'Detect automatically', diarize: 'Label speakers', speakerCount: 'Expected speakers',
    filter: 'Sensitive words', maskWords: 'Mask with *', removeWords: 'Remove', systemFilter: 'Use the service’s built-in list', commaSeparated: 'Comma-separated words.',
    delivery: 'Audio delivery', deliveryAuto: 'Automatic', deliverySigned: 'Signed URL from this computer', deliveryUpload: 'Temporary upload', publicBaseUrl: 'Public base URL',
    publicBaseUrlHint: 'Where the service reaches this computer (tunnel, reverse proxy or port forward).', captions: 'Captions', preset: 'Caption preset',
    exportDefaults: 'Export defaults', format: 'Format', lineEndings: 'Line endings', interface: 'Interface', uiLanguage: 'Language', theme: 'Theme', themeSystem: 'System',
    themeLight: 'Light', themeDark: 'Dark', saved: 'Settings saved.',
    quick: 'Quick mode', quickMode: 'Use quick mode by default', quickContext: 'Context for quick mode', quickContextHint: 'Names and terms you expect to hear; Captioner adds speaker names, your corrections and hotwords. The service reads about 400 characters.',
    learnedTerms: 'Learned from your corrections',
  },
};
export type Dict = typeof en;
