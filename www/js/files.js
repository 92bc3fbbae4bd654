/**
 * Getting JSON into the page: the file picker (several files at once), drag-and-drop onto the
 * page, and the paste area. Files over MAX_FILE_BYTES are refused before they are read.
 */

import { $ } from './dom.js';

/** 16 MB. */
export const MAX_FILE_BYTES = 16 * 1024 * 1024;

/**
 * Reads files as text, refusing big ones first.
 * @param {FileList|File[]} files
 * @returns {Promise<{name: string, text: string}[]>}
 */
export async function readFiles(files) {
  const list = Array.from(files || []);
  if (!list.length) throw new Error('No file was chosen.');
  const big = list.find((f) => f.size > MAX_FILE_BYTES);
  if (big) {
    throw new Error(`${big.name} is ${(big.size / 1048576).toFixed(1)} MB; files over 16 MB are refused. Trim the describe-* output to the VPCs you need.`);
  }
  return Promise.all(list.map(async (f) => ({ name: f.name, text: await f.text() })));
}

/**
 * Wires the picker, drop zone and paste area.
 * @param {{onInput: (input: string | {name: string, text: string}[]) => void,
 *   onError: (message: string) => void}} cb
 */
export function wireFiles({ onInput, onError }) {
  const input = /** @type {HTMLInputElement} */ ($('#file-input'));
  $('#open-files').addEventListener('click', () => input.click());
  const take = async (files) => {
    try {
      const read = await readFiles(files);
      onInput(read.length === 1 ? [read[0]] : read);
    } catch (e) {
      onError(e.message);
    }
  };
  input.addEventListener('change', async () => {
    await take(input.files);
    input.value = '';
  });

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
    take(e.dataTransfer.files);
  });

  const paste = /** @type {HTMLTextAreaElement} */ ($('#paste'));
  $('#paste-load').addEventListener('click', () => {
    const text = paste.value;
    if (!text.trim()) {
      onError('The paste area is empty: paste a scenario or AWS describe-* JSON first.');
      return;
    }
    if (text.length > MAX_FILE_BYTES) {
      onError('The pasted text is over 16 MB; it is refused.');
      return;
    }
    onInput([{ name: 'pasted.json', text }]);
  });
}
