/**
 * Getting JSON into the page: the file picker (several files at once), the folder picker, a
 * dropped folder or files, and the paste area. As the command does with a folder, every
 * `*.json` below a folder is read, in path order, named by its path relative to the folder
 * dropped or picked (the engine takes a Region from a folder or file name such as
 * `us-east-2/` or `Vpcs-us-west-2.json`). Files over MAX_FILE_BYTES are refused before they
 * are read, and so is a set over MAX_TOTAL_BYTES (the engine's own limit for all files).
 */

import { $ } from './dom.js';

/** 16 MB. */
export const MAX_FILE_BYTES = 16 * 1024 * 1024;
/** 256 MiB: crate/src/load/mod.rs MAX_INPUT_BYTES, the limit for all files together. */
export const MAX_TOTAL_BYTES = 256 * 1024 * 1024;

/** @typedef {{path: string, file: File}} Picked a file and its path relative to what was chosen */

/** Whether a path names a JSON file (what a folder contributes, as `check FOLDER` reads). */
const isJson = (path) => /\.json$/i.test(path);

/**
 * The files a picker gave: a folder picker's files carry `webkitRelativePath`, and of those
 * only the `*.json` are kept; files picked one by one are kept whatever their name.
 * @param {FileList|File[]} files
 * @returns {{picked: Picked[], ignored: number}} ignored: non-JSON files in a picked folder
 */
export function fromFileList(files) {
  const picked = [];
  let ignored = 0;
  for (const f of Array.from(files || [])) {
    const rel = /** @type {any} */ (f).webkitRelativePath || '';
    if (rel && !isJson(rel)) ignored++;
    else picked.push({ path: rel || f.name, file: f });
  }
  return { picked, ignored };
}

/**
 * Every file below dropped entries (FileSystemEntry: DataTransferItem.webkitGetAsEntry), with
 * folders walked recursively; files inside a folder are kept when they are `*.json`, a file
 * dropped on its own whatever its name. A reader hands out its entries in batches (Chromium:
 * 100), so each folder is read until a batch comes back empty.
 * @param {any[]} entries
 * @param {(n: number) => void} [onFound] called as files are found (a big folder takes a while)
 * @returns {Promise<{picked: Picked[], ignored: number}>}
 */
export async function fromEntries(entries, onFound = () => {}) {
  const picked = [];
  let ignored = 0;
  const fileOf = (entry) => new Promise((resolve, reject) => entry.file(resolve, reject));
  const batch = (reader) => new Promise((resolve, reject) => reader.readEntries(resolve, reject));
  const walk = async (entry, inFolder) => {
    if (!entry) return;
    if (entry.isDirectory) {
      const reader = entry.createReader();
      for (let got = await batch(reader); got.length; got = await batch(reader)) {
        for (const e of got) await walk(e, true);
      }
    } else if (entry.isFile) {
      const path = String(entry.fullPath || entry.name).replace(/^\/+/, '');
      if (inFolder && !isJson(path)) {
        ignored++;
        return;
      }
      picked.push({ path, file: await fileOf(entry) });
      onFound(picked.length);
    }
  };
  for (const e of entries) await walk(e, false);
  return { picked, ignored };
}

/**
 * Reads picked files as text, in path order, refusing big ones before any is read.
 * @param {Picked[]} picked
 * @param {(done: number, total: number, bytes: number) => void} [onProgress] after each file
 * @returns {Promise<{name: string, text: string}[]>}
 */
export async function readPicked(picked, onProgress = () => {}) {
  if (!picked.length) throw new Error('No JSON file was chosen (a folder contributes its *.json files).');
  const list = [...picked].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const big = list.find((p) => p.file.size > MAX_FILE_BYTES);
  if (big) {
    throw new Error(`${big.path} is ${(big.file.size / 1048576).toFixed(1)} MB; files over 16 MB are refused. Trim the describe-* output to the VPCs you need.`);
  }
  const total = list.reduce((n, p) => n + p.file.size, 0);
  if (total > MAX_TOTAL_BYTES) {
    throw new Error(`These ${list.length} files are ${(total / 1048576).toFixed(0)} MB together; the limit is 256 MB. Narrow the describe-* output (for example --filters Name=vpc-id,Values=...).`);
  }
  const out = [];
  let bytes = 0;
  for (const p of list) {
    out.push({ name: p.path, text: await p.file.text() });
    bytes += p.file.size;
    onProgress(out.length, list.length, bytes);
  }
  return out;
}

/**
 * Reads files as text (the file picker's files), refusing big ones first.
 * @param {FileList|File[]} files
 * @returns {Promise<{name: string, text: string}[]>}
 */
export async function readFiles(files) {
  const list = Array.from(files || []);
  if (!list.length) throw new Error('No file was chosen.');
  return readPicked(fromFileList(list).picked);
}

/**
 * How far reading has got, for the progress line.
 * @param {number} done
 * @param {number} total
 * @param {number} bytes
 */
export function progressText(done, total, bytes) {
  return `Reading files: ${done} of ${total} (${sizeText(bytes)})…`;
}

/**
 * A size for a progress line: "2 KB", "3.0 MB".
 * @param {number} bytes
 */
export function sizeText(bytes) {
  return bytes >= 1048576 ? `${(bytes / 1048576).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

/**
 * Wires the pickers, drop zone and paste area.
 * @param {{onInput: (input: {name: string, text: string}[], info: {ignored: number}, progress: (text: string) => void) => Promise<void>|void,
 *   onError: (message: string) => void, onProgress: (text: string|null) => void}} cb
 *   onProgress: a line to show while files are read and then loaded (null: done); onInput
 *   resolves once the engine (in its worker) has loaded them and the page has drawn them;
 *   it gets onProgress, to say what it is doing meanwhile
 */
export function wireFiles({ onInput, onError, onProgress }) {
  const input = /** @type {HTMLInputElement} */ ($('#file-input'));
  const folder = /** @type {HTMLInputElement} */ ($('#folder-input'));
  $('#open-files').addEventListener('click', () => input.click());
  $('#open-folder').addEventListener('click', () => folder.click());
  let busy = false;
  const take = async (find) => {
    if (busy) return;
    busy = true;
    try {
      onProgress('Looking for JSON files…');
      const { picked, ignored } = await find();
      const read = await readPicked(picked, (d, t, b) => onProgress(progressText(d, t, b)));
      const bytes = read.reduce((n, f) => n + f.text.length, 0);
      onProgress(`Loading ${read.length} file(s) into the engine (${sizeText(bytes)} read)…`);
      // One frame so the line above is painted before the work starts. The engine runs in
      // its worker, so the line stays live (and the page answers input) while it loads; where
      // it runs on this thread (the single-file build) the painted line is what is seen.
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      await onInput(read, { ignored }, onProgress);
      onProgress(null);
    } catch (e) {
      onProgress(null);
      onError(e && e.message ? e.message : String(e));
    } finally {
      busy = false;
    }
  };
  for (const el of [input, folder]) {
    el.addEventListener('change', async () => {
      const files = Array.from(el.files || []);
      el.value = '';
      await take(async () => fromFileList(files));
    });
  }

  const drop = $('#drop');
  let depth = 0;
  const hasFiles = (e) => Array.from(e.dataTransfer?.types || []).includes('Files');
  document.addEventListener('dragenter', (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    depth++;
    drop.classList.remove('hidden');
  });
  document.addEventListener('dragover', (e) => {
    if (hasFiles(e)) e.preventDefault();
  });
  document.addEventListener('dragleave', () => {
    depth = Math.max(0, depth - 1);
    if (!depth) drop.classList.add('hidden');
  });
  document.addEventListener('drop', (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    depth = 0;
    drop.classList.add('hidden');
    // Entries must be taken during the event: the data transfer is emptied once it returns.
    const items = Array.from(e.dataTransfer.items || []).filter((i) => i.kind === 'file');
    const entries = items.map((i) => (i.webkitGetAsEntry ? i.webkitGetAsEntry() : null));
    const files = Array.from(e.dataTransfer.files || []);
    if (entries.length && entries.every(Boolean)) {
      take(() => fromEntries(entries, (n) => onProgress(`Looking for JSON files: ${n} found…`)));
    } else take(async () => fromFileList(files));
  });

  const paste = /** @type {HTMLTextAreaElement} */ ($('#paste'));
  $('#paste-load').addEventListener('click', async () => {
    const text = paste.value;
    if (!text.trim()) {
      onError('The paste area is empty: paste a scenario or AWS describe-* JSON first.');
      return;
    }
    if (text.length > MAX_FILE_BYTES) {
      onError('The pasted text is over 16 MB; it is refused.');
      return;
    }
    if (busy) return;
    busy = true;
    try {
      onProgress(`Loading the pasted text (${sizeText(text.length)}) into the engine…`);
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      await onInput([{ name: 'pasted.json', text }], { ignored: 0 }, onProgress);
    } finally {
      onProgress(null);
      busy = false;
    }
  });
}
