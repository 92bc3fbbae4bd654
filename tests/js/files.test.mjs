// Reading a dropped folder (www/js/files.js): FileSystemEntry trees walked recursively, with a
// reader that hands out entries in batches as Chromium's does (100 at a time), only *.json
// inside folders, paths relative to what was dropped, path order, and the size limits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fromEntries, fromFileList, readPicked, progressText, sizeText, MAX_FILE_BYTES } from '../../www/js/files.js';

/** A fake File: a name, a size and its text. */
const file = (name, text = '{}', size = text.length) => ({ name, size, text: async () => text });

/** A fake FileSystemFileEntry / DirectoryEntry, as webkitGetAsEntry gives them. */
function fileEntry(fullPath, text) {
  return { isFile: true, isDirectory: false, name: fullPath.split('/').pop(), fullPath, file: (ok) => ok(file(fullPath.split('/').pop(), text)) };
}
function dirEntry(fullPath, children, batch = 100) {
  return {
    isFile: false, isDirectory: true, name: fullPath.split('/').pop(), fullPath,
    createReader() {
      let at = 0;
      return { readEntries: (ok) => setTimeout(() => { ok(children.slice(at, at + batch)); at += batch; }, 0) };
    },
  };
}

test('a dropped folder: every .json below it, sub-folders included, past the first batch of 100', async () => {
  const many = Array.from({ length: 250 }, (_, i) => fileEntry(`/snap/us-east-1/f${String(i).padStart(3, '0')}.json`, `{"n": ${i}}`));
  const tree = dirEntry('/snap', [
    fileEntry('/snap/README.md', '# not json'),
    dirEntry('/snap/us-east-1', [...many, fileEntry('/snap/us-east-1/notes.txt', 'x')]),
    dirEntry('/snap/us-west-2', [fileEntry('/snap/us-west-2/Vpcs-us-west-2.JSON', '{}')]),
  ]);
  const found = [];
  const { picked, ignored } = await fromEntries([tree], (n) => found.push(n));
  assert.equal(picked.length, 251);
  assert.equal(ignored, 2, 'README.md and notes.txt are left out');
  assert.ok(picked.some((p) => p.path === 'snap/us-west-2/Vpcs-us-west-2.JSON'), 'paths are relative, the Region folder kept');
  assert.ok(picked.every((p) => !p.path.startsWith('/')));
  assert.equal(found.at(-1), 251);
  const read = await readPicked(picked);
  assert.equal(read[0].name, 'snap/us-east-1/f000.json');
  assert.equal(read[0].text, '{"n": 0}');
  assert.equal(read.at(-1).name, 'snap/us-west-2/Vpcs-us-west-2.JSON', 'path order');
});

test('a file dropped on its own is kept whatever its name; the engine says what it is', async () => {
  const { picked, ignored } = await fromEntries([fileEntry('/scenario.txt', '{}')]);
  assert.deepEqual(picked.map((p) => p.path), ['scenario.txt']);
  assert.equal(ignored, 0);
});

test('a folder picker keeps *.json by their relative path; files picked one by one are kept', () => {
  const inFolder = [
    Object.assign(file('Vpcs.json'), { webkitRelativePath: 'acct/us-east-2/Vpcs.json' }),
    Object.assign(file('.DS_Store'), { webkitRelativePath: 'acct/.DS_Store' }),
  ];
  const a = fromFileList(inFolder);
  assert.deepEqual(a.picked.map((p) => p.path), ['acct/us-east-2/Vpcs.json']);
  assert.equal(a.ignored, 1);
  const b = fromFileList([file('one.json'), file('two.data')]);
  assert.deepEqual(b.picked.map((p) => p.path), ['one.json', 'two.data']);
});

test('limits: a file over 16 MB is refused by name before anything is read; none chosen is said', async () => {
  let read = 0;
  const small = { path: 'a.json', file: { size: 2, text: async () => { read++; return '{}'; } } };
  const big = { path: 'acct/b.json', file: { size: MAX_FILE_BYTES + 1, text: async () => { read++; return ''; } } };
  await assert.rejects(readPicked([small, big]), /acct\/b\.json is 16\.0 MB; files over 16 MB are refused/);
  assert.equal(read, 0);
  await assert.rejects(readPicked([]), /No JSON file was chosen/);
});

test('progress while reading: one call per file, with the bytes so far', async () => {
  const calls = [];
  await readPicked([{ path: 'b.json', file: file('b.json', '12345') }, { path: 'a.json', file: file('a.json', '1') }], (d, t, b) => calls.push([d, t, b]));
  assert.deepEqual(calls, [[1, 2, 1], [2, 2, 6]]);
  assert.equal(progressText(3, 40, 1536), 'Reading files: 3 of 40 (2 KB)…');
  assert.equal(progressText(40, 40, 3 * 1048576), 'Reading files: 40 of 40 (3.0 MB)…');
  // The line shown while the engine loads what was read (and a paste) names the same size.
  assert.equal(sizeText(20 * 1048576 + 1), '20.0 MB');
  assert.equal(sizeText(1), '1 KB');
});
