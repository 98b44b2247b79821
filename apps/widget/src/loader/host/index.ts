/*
 * `/widget/host.js`: the host-page half of the widget that only runs once the iframe is needed (the launcher was
 * clicked, `open()` called, a proactive rule fired, or the visitor has a conversation). widget.js loads it and
 * hands over its state as `window.Warmdesk._wd`.
 */
import type { Core } from '../api.js';
import { attach } from './widget.js';

const core = (window as unknown as { Warmdesk?: { _wd?: Core } }).Warmdesk?._wd;
if (core?.root && !core.root.querySelector('.p')) attach(core);
