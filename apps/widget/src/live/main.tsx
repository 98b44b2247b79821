import { render } from 'preact';
import { LivePage } from './page.js';
import { LivePageStore } from './store.js';
import './styles.css';

/* The viewer page of a live room, served at /live/:slug (apps/server widget-assets/live-page.ts). */
const slug = decodeURIComponent(location.pathname.replace(/^\/live\//, '').replace(/\/+$/, ''));
const store = new LivePageStore(slug);
document.documentElement.lang = store.state.locale;
const root = document.getElementById('app');
if (root) render(<LivePage store={store} />, root);
void store.start();
