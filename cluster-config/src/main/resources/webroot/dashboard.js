// Inlet dashboard: polls /api/streams, refreshes thumbnails, manages keys and streams with the admin token.
// Plain JavaScript modules, no build step, no external resources.
import { $ } from './dom.js';
import { adminToken } from './admin.js';
import { refreshStreams, startClock } from './streams.js';
import { pollKeys, rtmpBase, useNodeInfo, wireKeys } from './keys.js';

const POLL_MS = 2000;

async function pollStreams() {
  try {
    const streams = await refreshStreams();
    const live = streams.filter((s) => s.state === 'live').length;
    const interrupted = streams.filter((s) => s.state === 'interrupted').length;
    $('summary').textContent = live + (live === 1 ? ' live stream' : ' live streams')
      + (interrupted ? ' · ' + interrupted + ' interrupted' : '') + ' · updated ' + new Date().toLocaleTimeString();
    $('streams-empty').hidden = streams.length > 0;
  } catch (e) {
    $('summary').textContent = '⚠ Cannot reach this node (' + e.message + '); retrying.';
  } finally {
    if (adminToken()) pollKeys(false);
    setTimeout(pollStreams, POLL_MS);
  }
}

async function loadInfo() {
  try {
    const response = await fetch('/api/info', { cache: 'no-store' });
    if (response.ok) useNodeInfo(await response.json());
  } catch (e) {
    // keep the defaults; the streams poll reports the node as unreachable
  }
  $('publish-hint').textContent = rtmpBase() + '/KEY';
}

wireKeys();
startClock();
loadInfo().then(() => {
  pollStreams();
  if (adminToken()) pollKeys(true);
});
