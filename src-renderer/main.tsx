import './app/jitless'; // first: before any schema parses
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { ApiContext, createApi } from './app/api';
import { guessLanguage, initI18n } from './app/i18n';
import { createTransport } from './app/transport';
import './app/theme.css';

const api = createApi(createTransport());
initI18n(guessLanguage());
createRoot(document.getElementById('root') as HTMLElement).render(
  <ApiContext.Provider value={api}>
    <App />
  </ApiContext.Provider>,
);
