import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createClient, setApiClient } from './api/client.ts';
import { pickTransport } from './api/transport.ts';
import { App } from './components/App.tsx';
import { OpenFullAddress } from './components/OpenFullAddress.tsx';
import './styles/app.css';

// In the browser host this takes the token out of the address (the tab keeps it) before anything renders.
const transport = pickTransport();
if (transport) setApiClient(createClient(transport));

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(<StrictMode>{transport ? <App /> : <OpenFullAddress />}</StrictMode>);
