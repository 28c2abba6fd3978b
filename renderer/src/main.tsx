import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createClient, setApiClient } from './api/client.ts';
import { pickTransport } from './api/transport.ts';
import { App } from './components/App.tsx';
import './styles/app.css';

// The browser host's token arrives in the address; its cookie now carries it, so take it out of sight.
if (new URLSearchParams(window.location.search).has('token')) {
  window.history.replaceState(null, '', window.location.pathname);
}

setApiClient(createClient(pickTransport()));

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
