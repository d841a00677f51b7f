// Inlet dashboard: polls /api/streams, refreshes thumbnails, manages keys with the admin token.
// Plain JavaScript, no build step, no external resources.
'use strict';

(() => {
  const POLL_MS = 2000;
  const HISTORY = 60;
  const GONE_FADE_MS = 1200;
  const TOKEN_KEY = 'inlet.adminToken';

  const $ = (id) => document.getElementById(id);
  const cards = new Map();        // stream name -> its card's elements and bitrate history
  let info = { rtmpPort: 1935, rtmpHost: null };

  // ---- small DOM helpers ----
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === 'class') node.className = v;
      else if (k === 'text') node.textContent = v;
      else node.setAttribute(k, v);
    }
    for (const child of children) node.append(child);
    return node;
  }
  const svg = (tag, attrs) => {
    const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
    return node;
  };
  const num = (v) => (typeof v === 'number' && isFinite(v) ? v : 0);
  const dash = '—';

  function rtmpBase() {
    const host = info.rtmpHost || location.hostname;
    const shown = host.includes(':') && !host.startsWith('[') ? '[' + host + ']' : host;
    return 'rtmp://' + shown + ':' + info.rtmpPort + '/live';
  }

  // ---- streams ----
  function stateBadge(stream) {
    return stream.state === 'live'
      ? el('span', { class: 'badge live', text: '● Live' })
      : el('span', { class: 'badge ended', text: '■ ' + (stream.state === 'ended' ? 'Ended' : String(stream.state)) });
  }

  function videoText(v) {
    if (!v) return 'none';
    const parts = [v.codec || '?'];
    if (num(v.width) && num(v.height)) parts.push(v.width + '×' + v.height);
    if (num(v.frameRate)) parts.push(num(v.frameRate).toFixed(num(v.frameRate) % 1 ? 2 : 0) + ' fps');
    return parts.join(' · ');
  }

  function audioText(a) {
    if (!a) return 'none';
    const parts = [a.codec || '?'];
    if (num(a.sampleRate)) parts.push((a.sampleRate / 1000) + ' kHz');
    if (num(a.channels)) parts.push(a.channels + ' ch');
    return parts.join(' · ');
  }

  function undecodable(stream) {
    const tracks = [];
    if (stream.video && stream.video.decodable === false) tracks.push('video');
    if (stream.audio && stream.audio.decodable === false) tracks.push('audio');
    return tracks;
  }

  function createCard(name) {
    const li = el('li', { class: 'card', 'data-stream': name });
    const title = el('h3', { text: name });
    const badges = el('span', { class: 'badges' });
    const header = el('header', {}, title, badges);
    const thumbBox = el('div', { class: 'thumb-box' });
    const placeholder = el('div', { class: 'placeholder', text: 'No frame yet' });
    thumbBox.append(placeholder);
    const figures = el('dl', { class: 'figures' });
    const spark = svg('svg', { class: 'spark', viewBox: '0 0 ' + (HISTORY - 1) + ' 20', preserveAspectRatio: 'none',
      role: 'img', 'aria-label': 'Bitrate history' });
    const line = svg('polyline', { points: '' });
    spark.append(svg('line', { class: 'base', x1: 0, y1: 19.5, x2: HISTORY - 1, y2: 19.5 }), line);
    li.append(header, thumbBox, figures);
    const card = { li, badges, thumbBox, placeholder, figures, spark, line, history: [], loading: false };
    cards.set(name, card);
    return card;
  }

  function figure(dl, term, value, extra) {
    const dd = el('dd', {}, value);
    if (extra) dd.append(extra);
    dl.append(el('dt', { text: term }), dd);
  }

  function renderCard(card, stream) {
    const stats = stream.stats || {};
    const latency = stats.decodeLatencyMs || {};
    card.history.push(num(stats.bitrateKbps));
    if (card.history.length > HISTORY) card.history.shift();

    card.li.classList.toggle('ended', stream.state !== 'live');
    card.badges.replaceChildren(stateBadge(stream));
    const bad = undecodable(stream);
    if (bad.length) card.badges.append(' ', el('span', { class: 'badge undecodable', text: '⚠ Not decodable' }));

    const max = Math.max(1, ...card.history);
    const points = card.history.map((v, i) =>
      (HISTORY - card.history.length + i) + ',' + (20 - (v / max) * 18 - 1).toFixed(1)).join(' ');
    card.line.setAttribute('points', points);
    card.spark.setAttribute('aria-label', 'Bitrate over the last ' + card.history.length + ' samples, peak '
      + Math.round(max) + ' kbps');

    const dl = card.figures;
    dl.replaceChildren();
    figure(dl, 'State', stream.state === 'live' ? 'live' : String(stream.state));
    figure(dl, 'Video', videoText(stream.video));
    figure(dl, 'Audio', audioText(stream.audio));
    if (bad.length) {
      figure(dl, 'Decodable', el('span', { class: 'undecodable-note',
        text: 'No — Inlet cannot decode the ' + bad.join(' and ') + ' codec; the stream stays up' }));
    }
    figure(dl, 'Bitrate', Math.round(num(stats.bitrateKbps)) + ' kbps', card.spark);
    figure(dl, 'Decode latency', 'p50 ' + num(latency.p50) + ' ms · p99 ' + num(latency.p99) + ' ms');
    figure(dl, 'A/V drift', num(stats.avDriftMs) + ' ms');
    figure(dl, 'Frames', num(stats.videoFramesDecoded) + ' decoded · ' + num(stats.framesDropped) + ' dropped');
    figure(dl, 'Ingest node', stream.ingestNode || dash);
    figure(dl, 'Decode node', stream.decodeNode || dash);

    if (snapshotExpected(stream) && !card.loading) loadSnapshot(card, stream.name);
  }

  // A snapshot exists only once a frame has been decoded and while the stream is live; asking otherwise
  // would only earn a 404. Asked right after each poll, so the state it relies on is fresh.
  function snapshotExpected(stream) {
    return stream.state === 'live' && stream.video && stream.video.decodable !== false
      && num((stream.stats || {}).videoFramesDecoded) > 0;
  }

  // Loads the next frame off-screen and swaps it in once it has arrived, so the picture never flickers.
  function loadSnapshot(card, name) {
    card.loading = true;
    const img = new Image();
    img.className = 'thumb';
    img.alt = 'Latest frame of ' + name;
    img.decoding = 'async';
    img.onload = () => {
      card.loading = false;
      card.thumbBox.replaceChildren(img);
    };
    img.onerror = () => {
      card.loading = false;
      card.placeholder.textContent = 'No frame available';
      card.thumbBox.replaceChildren(card.placeholder);
    };
    img.src = '/api/streams/' + encodeURIComponent(name) + '/snapshot.jpg?t=' + Date.now();
  }

  function removeCard(name, card) {
    cards.delete(name);
    card.li.classList.add('ended', 'gone');
    setTimeout(() => card.li.remove(), GONE_FADE_MS);
  }

  async function pollStreams() {
    try {
      const response = await fetch('/api/streams', { cache: 'no-store' });
      if (!response.ok) throw new Error('HTTP ' + response.status);
      const body = await response.json();
      const streams = Array.isArray(body.streams) ? body.streams : [];
      const seen = new Set();
      const list = $('streams');
      for (const stream of streams) {
        seen.add(stream.name);
        const card = cards.get(stream.name) || createCard(stream.name);
        renderCard(card, stream);
        if (!card.li.isConnected) list.append(card.li);
      }
      for (const [name, card] of cards) if (!seen.has(name)) removeCard(name, card);
      const live = streams.filter((s) => s.state === 'live').length;
      $('summary').textContent = live + (live === 1 ? ' live stream' : ' live streams') + ' · updated '
        + new Date().toLocaleTimeString();
      $('streams-empty').hidden = streams.length > 0;
    } catch (e) {
      $('summary').textContent = '⚠ Cannot reach this node (' + e.message + '); retrying.';
    } finally {
      if (adminToken()) pollKeys(false);
      setTimeout(pollStreams, POLL_MS);
    }
  }

  // ---- keys ----
  const adminToken = () => sessionStorage.getItem(TOKEN_KEY);

  function showMessage(text, ok) {
    const m = $('keys-message');
    m.textContent = text;
    m.classList.toggle('ok', !!ok);
    m.hidden = !text;
  }

  async function api(method, path, body) {
    const headers = { Authorization: 'Bearer ' + adminToken() };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(path, { method, headers, cache: 'no-store',
      body: body === undefined ? undefined : JSON.stringify(body) });
    let json = null;
    if (response.status !== 204) {
      try { json = await response.json(); } catch (e) { json = null; }
    }
    if (response.status === 401) {
      sessionStorage.removeItem(TOKEN_KEY);
      $('keys-admin').hidden = true;
      throw new Error('✖ The admin token was refused (401). Enter the token the node printed on its first start'
        + ' or was given with --admin-token.');
    }
    if (!response.ok) {
      throw new Error('✖ ' + ((json && json.error) || ('The node answered HTTP ' + response.status + '.')));
    }
    return json;
  }

  const when = (iso) => (iso ? new Date(iso).toLocaleString() : 'never');

  let renderedKeys = null;
  function renderKeys(keys) {
    // Re-render only on a change: a table rebuilt under the pointer would swallow a click on Revoke.
    const signature = JSON.stringify(keys);
    if (signature === renderedKeys) return;
    renderedKeys = signature;
    const rows = keys.map((key) => {
      const revoke = el('button', { type: 'button', class: 'danger', 'data-revoke': key.name,
        'aria-label': 'Revoke key ' + key.name, text: 'Revoke' });
      revoke.addEventListener('click', () => revokeKey(key.name));
      return el('tr', { 'data-key': key.name },
        el('th', { scope: 'row', text: key.name }),
        el('td', { text: when(key.createdAt) }),
        el('td', { text: when(key.lastUsedAt) }),
        el('td', { class: key.live ? 'live-yes' : 'live-no', text: key.live ? '● live' : 'no' }),
        el('td', {}, revoke));
    });
    $('keys').replaceChildren(...rows);
  }

  let keysInFlight = false;
  async function pollKeys(reportErrors) {
    if (keysInFlight) return;
    keysInFlight = true;
    try {
      const body = await api('GET', '/api/keys');
      renderKeys(Array.isArray(body.keys) ? body.keys : []);
      $('keys-admin').hidden = false;
      if (reportErrors) showMessage('');
    } catch (e) {
      if (reportErrors || !adminToken()) showMessage(e.message);
    } finally {
      keysInFlight = false;
    }
  }

  async function createKey(name) {
    try {
      const key = await api('POST', '/api/keys', { name });
      $('reveal-name').textContent = key.name;
      $('reveal-url').value = rtmpBase() + '/' + key.key;
      $('reveal-server').value = rtmpBase();
      $('reveal-key').value = key.key;
      $('copy-status').textContent = '';
      $('reveal').hidden = false;
      $('reveal').focus();
      $('key-name').value = '';
      showMessage('');
      pollKeys(false);
    } catch (e) {
      showMessage(e.message);
    }
  }

  function hideReveal() {
    for (const id of ['reveal-url', 'reveal-server', 'reveal-key']) $(id).value = '';
    $('reveal').hidden = true;
  }

  async function revokeKey(name) {
    if (!window.confirm('Revoke the key "' + name + '"? A publisher live on it is disconnected and the key'
      + ' stops working for good.')) {
      return;
    }
    try {
      await api('DELETE', '/api/keys/' + encodeURIComponent(name));
      showMessage('Key "' + name + '" revoked.', true);
      pollKeys(false);
    } catch (e) {
      showMessage(e.message);
    }
  }

  async function copy(id, button) {
    const input = $(id);
    let done = false;
    try {
      if (navigator.clipboard && window.isSecureContext) {
        await navigator.clipboard.writeText(input.value);
        done = true;
      }
    } catch (e) {
      done = false;
    }
    if (!done) {
      input.select();
      try { done = document.execCommand('copy'); } catch (e) { done = false; }
    }
    $('copy-status').textContent = done
      ? '✓ ' + button.getAttribute('aria-label').replace(/^Copy the /, '') + ' copied.'
      : 'Select the text and copy it by hand.';
  }

  // ---- wiring ----
  function wire() {
    $('token-form').addEventListener('submit', (event) => {
      event.preventDefault();
      const token = $('token').value.trim();
      if (!token) return;
      sessionStorage.setItem(TOKEN_KEY, token);
      $('token').value = '';
      pollKeys(true);
    });
    $('forget-token').addEventListener('click', () => {
      sessionStorage.removeItem(TOKEN_KEY);
      hideReveal();
      $('keys').replaceChildren();
      $('keys-admin').hidden = true;
      showMessage('Token forgotten.', true);
    });
    $('create-form').addEventListener('submit', (event) => {
      event.preventDefault();
      if ($('create-form').reportValidity()) createKey($('key-name').value.trim());
    });
    $('reveal-done').addEventListener('click', hideReveal);
    for (const button of document.querySelectorAll('[data-copy]')) {
      button.addEventListener('click', () => copy(button.getAttribute('data-copy'), button));
    }
  }

  async function loadInfo() {
    try {
      const response = await fetch('/api/info', { cache: 'no-store' });
      if (response.ok) info = await response.json();
    } catch (e) {
      // keep the defaults; the streams poll reports the node as unreachable
    }
    $('publish-hint').textContent = rtmpBase() + '/KEY';
  }

  wire();
  loadInfo().then(() => {
    pollStreams();
    if (adminToken()) pollKeys(true);
  });
})();
