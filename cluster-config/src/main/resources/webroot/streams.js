// Stream cards: one per stream of /api/streams, with its picture, its figures, its state (live, or
// interrupted while its publisher is away) and, for an admin, an End stream button.
import { $, el, svg, num, dash } from './dom.js';
import { adminToken, api } from './admin.js';

const HISTORY = 60;
const GONE_FADE_MS = 1200;
const cards = new Map();          // stream name -> its card's elements and bitrate history
// The server's clock minus this browser's, when they disagree by more than a few seconds: an interruption's
// age is counted from the server's `interruptedAt`, and a phone whose clock is off must not show nonsense.
let clockOffsetMs = 0;

// ---- how long ago ----
function age(iso) {
  const seconds = Math.max(0, Math.floor((Date.now() + clockOffsetMs - Date.parse(iso)) / 1000));
  if (seconds < 60) return seconds + ' s';
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return minutes + ' min ' + (seconds % 60) + ' s';
  return Math.floor(minutes / 60) + ' h ' + (minutes % 60) + ' min';
}

const since = (iso) => el('time', { class: 'since', datetime: iso, text: age(iso) });

// Counts every shown interruption up once a second, between polls.
function tick() {
  for (const time of document.querySelectorAll('time.since')) time.textContent = age(time.dateTime);
}

function learnClockOffset(response) {
  const serverNow = Date.parse(response.headers.get('Date') || '');
  // The Date header has whole seconds only: correct a real skew, not its rounding.
  clockOffsetMs = isFinite(serverNow) && Math.abs(serverNow - Date.now()) > 5000 ? serverNow - Date.now() : 0;
}

// ---- what a card shows ----
function stateBadge(stream) {
  if (stream.state === 'live') return el('span', { class: 'badge live', text: '● Live' });
  if (stream.state === 'interrupted') return el('span', { class: 'badge interrupted', text: '‖ Interrupted' });
  return el('span', { class: 'badge ended', text: '■ ' + (stream.state === 'ended' ? 'Ended' : String(stream.state)) });
}

function stateText(stream) {
  if (stream.state !== 'interrupted') return String(stream.state);
  if (!stream.interruptedAt) return 'interrupted: publisher gone; waiting for it to come back';
  return el('span', {}, 'interrupted: publisher gone ', since(stream.interruptedAt),
    ' ago; waiting for it to come back');
}

// `publishes` counts publisher sessions: each resume or takeover adds one.
const resumes = (stream) => Math.max(0, num(stream.publishes) - 1);

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

// ---- cards ----
function createCard(name) {
  const li = el('li', { class: 'card', 'data-stream': name });
  const badges = el('span', { class: 'badges' });
  const header = el('header', {}, el('h3', { text: name }), badges);
  const thumbBox = el('div', { class: 'thumb-box' });
  const placeholder = el('div', { class: 'placeholder', text: 'No frame yet' });
  const thumbNote = el('p', { class: 'thumb-note', text: 'Last picture before the interruption', hidden: '' });
  thumbBox.append(placeholder, thumbNote);
  const figures = el('dl', { class: 'figures' });
  const spark = svg('svg', { class: 'spark', viewBox: '0 0 ' + (HISTORY - 1) + ' 20', preserveAspectRatio: 'none',
    role: 'img', 'aria-label': 'Bitrate history' });
  const line = svg('polyline', { points: '' });
  spark.append(svg('line', { class: 'base', x1: 0, y1: 19.5, x2: HISTORY - 1, y2: 19.5 }), line);
  const endButton = el('button', { type: 'button', class: 'danger', 'data-end': name,
    'aria-label': 'End stream ' + name, text: 'End stream', hidden: '' });
  const message = el('p', { class: 'message', role: 'alert', hidden: '' });
  li.append(header, thumbBox, figures, el('div', { class: 'card-actions' }, endButton, message));
  const card = { li, badges, thumbBox, placeholder, thumbNote, figures, spark, line, endButton, message,
    id: null, history: [], loading: false, picture: null, pictureFailed: false };
  endButton.addEventListener('click', () => endStream(card, name));
  cards.set(name, card);
  return card;
}

// A new stream of a name that had one before: nothing of the old one may show on its card.
function startOver(card, stream) {
  card.id = stream.id;
  card.history = [];
  card.picture = null;
  card.pictureFailed = false;
  card.placeholder.textContent = 'No frame yet';
  card.thumbBox.replaceChildren(card.placeholder, card.thumbNote);
}

function figure(dl, term, value, extra) {
  const dd = el('dd', {}, value);
  if (extra) dd.append(extra);
  dl.append(el('dt', { text: term }), dd);
}

function renderCard(card, stream) {
  if (stream.id && card.id !== stream.id) startOver(card, stream);
  const stats = stream.stats || {};
  const latency = stats.decodeLatencyMs || {};
  card.history.push(num(stats.bitrateKbps));
  if (card.history.length > HISTORY) card.history.shift();

  card.li.dataset.state = stream.state;
  card.li.classList.toggle('interrupted', stream.state === 'interrupted');
  card.li.classList.toggle('ended', stream.state !== 'live' && stream.state !== 'interrupted');
  card.badges.replaceChildren(stateBadge(stream));
  if (resumes(stream)) {
    card.badges.append(' ', el('span', { class: 'badge resumed', text: '↻ Resumed ' + resumes(stream) + '×',
      title: 'Publisher session #' + num(stream.publishes) + ': it reconnected or was taken over '
        + resumes(stream) + (resumes(stream) === 1 ? ' time' : ' times') }));
  }
  const bad = undecodable(stream);
  if (bad.length) card.badges.append(' ', el('span', { class: 'badge undecodable', text: '⚠ Not decodable' }));
  card.thumbNote.hidden = !(stream.state === 'interrupted' && card.picture);

  const max = Math.max(1, ...card.history);
  const points = card.history.map((v, i) =>
    (HISTORY - card.history.length + i) + ',' + (20 - (v / max) * 18 - 1).toFixed(1)).join(' ');
  card.line.setAttribute('points', points);
  card.spark.setAttribute('aria-label', 'Bitrate over the last ' + card.history.length + ' samples, peak '
    + Math.round(max) + ' kbps');

  const dl = card.figures;
  dl.replaceChildren();
  figure(dl, 'State', stateText(stream));
  if (resumes(stream)) figure(dl, 'Sessions', '#' + num(stream.publishes) + ' (resumed ' + resumes(stream) + '×)');
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

  card.endButton.hidden = !adminToken() || (stream.state !== 'live' && stream.state !== 'interrupted');
  if (wantsSnapshot(card, stream)) loadSnapshot(card, stream.name);
}

// A snapshot exists once a frame has been decoded, while the stream is live and while it is interrupted
// (its decoder keeps the last frame); asking otherwise would only earn a 404. Asked right after each
// poll, so the state it relies on is fresh. An interrupted stream's picture does not change: asked once.
function wantsSnapshot(card, stream) {
  if (card.loading || !stream.video || stream.video.decodable === false
      || num((stream.stats || {}).videoFramesDecoded) === 0) {
    return false;
  }
  if (stream.state === 'live') return true;
  return stream.state === 'interrupted' && !card.picture && !card.pictureFailed;
}

// Loads the next frame off-screen and swaps it in once it has arrived, so the picture never flickers;
// when a refresh fails, the last picture stays.
function loadSnapshot(card, name) {
  card.loading = true;
  const id = card.id;
  const img = new Image();
  img.className = 'thumb';
  img.alt = 'Latest frame of ' + name;
  img.decoding = 'async';
  img.onload = () => {
    card.loading = false;
    if (card.id !== id) return; // a frame of the stream this card showed before
    card.picture = img;
    card.pictureFailed = false;
    card.thumbBox.replaceChildren(img, card.thumbNote);
    card.thumbNote.hidden = card.li.dataset.state !== 'interrupted';
  };
  img.onerror = () => {
    card.loading = false;
    card.pictureFailed = true;
    if (card.picture || card.id !== id) return;
    card.placeholder.textContent = 'No frame available';
    card.thumbBox.replaceChildren(card.placeholder, card.thumbNote);
  };
  img.src = '/api/streams/' + encodeURIComponent(name) + '/snapshot.jpg?t=' + Date.now();
}

function showCardMessage(card, text) {
  card.message.textContent = text;
  card.message.hidden = !text;
}

async function endStream(card, name) {
  if (!window.confirm('End the stream "' + name + '"? Its publisher is disconnected and the stream ends now,'
    + ' without waiting for it to come back. The key stays valid: revoke it to keep the publisher off.')) {
    return;
  }
  card.endButton.disabled = true;
  try {
    await api('DELETE', '/api/streams/' + encodeURIComponent(name));
    showCardMessage(card, '');
    card.li.dataset.state = 'ended';
    card.li.classList.remove('interrupted');
    card.li.classList.add('ended');
    card.badges.replaceChildren(stateBadge({ state: 'ended' }));
    card.endButton.hidden = true;
  } catch (e) {
    showCardMessage(card, e.message);
  } finally {
    card.endButton.disabled = false;
  }
}

function removeCard(name, card) {
  cards.delete(name);
  card.li.classList.add('ended', 'gone');
  setTimeout(() => card.li.remove(), GONE_FADE_MS);
}

// Fetches /api/streams and brings the cards up to date; resolves to the streams, rejects when the node
// cannot be reached.
export async function refreshStreams() {
  const response = await fetch('/api/streams', { cache: 'no-store' });
  if (!response.ok) throw new Error('HTTP ' + response.status);
  learnClockOffset(response);
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
  return streams;
}

export function startClock() {
  setInterval(tick, 1000);
}
