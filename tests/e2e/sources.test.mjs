// Any source and destination the engine accepts (issue 11, item 1): a host on the internet and
// the corporate network behind a VPN, from the lists and by clicking the Internet, Corporate
// network and AWS services nodes; lesson 11 plays its own packet from the office, and an
// inbound flow from the internet to the web server is traced through the internet gateway.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserSuite, newPage, open, statusStartsWith, shot, problems } from './harness.mjs';

let browser;
let base;
browserSuite((b, url) => {
  browser = b;
  base = url;
});

const INTERNET_HOST = '203.0.113.10';
const fromValue = (page) => page.$eval('#flow-from', (e) => e.value);
const fromText = (page) => page.$eval('#flow-from', (e) => e.selectedOptions[0]?.textContent || '');
const groups = (sel) => (page) => page.$$eval(`${sel} optgroup`, (gs) => gs.map((g) => g.label));

test('lesson 11 plays its packet from the office address, over the VPN, to the SQS endpoint', async () => {
  const { context, page } = await newPage(browser);
  await open(page, base, '?lesson=vpn-endpoints');
  assert.equal(await fromValue(page), '192.168.1.10');
  assert.match(await fromText(page), /^192\.168\.1\.10 \(corporate network\)$/);
  assert.equal(await page.$eval('#flow-to', (e) => e.value), '10.0.1.50');
  await page.click('#send');
  const status = await statusStartsWith(page, 'Blocked at sg-endpoint');
  assert.match(status, /from 192\.168\.1\.10/);
  const hops = await page.$$eval('ol[aria-label="Packet path"] > li', (ls) => ls.map((l) => l.textContent));
  assert.match(hops[0], /leaves 192\.168\.1\.10 on premises over the VPN connection/);
  assert.ok(hops.some((t) => /vgw-app/.test(t)), 'the packet enters through the VPN gateway');
  assert.ok(await page.$('#diagram [data-id="vgw-app"].on-path'), 'the VPN gateway is on the drawn path');
  // The wire from the corporate network to the VPN gateway is lit: the path is not broken there.
  assert.equal(await page.$$eval('#diagram .wire.on-path', (ws) => ws.map((w) => w.getAttribute('class')).join(' ')), 'wire wire-vpn-gateway on-path');
  await shot(page, 'lesson11-from-office');
  // Fixing it keeps the office as the source (an address is not dropped by an edit).
  await page.click('#reveal-fix');
  await page.click('#apply-fix');
  await statusStartsWith(page, 'Reachable');
  assert.equal(await fromValue(page), '192.168.1.10');
  assert.match(await page.textContent('#lesson-goals li:first-child'), /reaches the SQS interface endpoint/);
  assert.ok(await page.$('#lesson-goals li:first-child.met'));
  assert.deepEqual(problems, []);
  await context.close();
});

test('the internet to the web server: clicking the Internet node, then web-1, traces the inbound flow', async () => {
  const { context, page } = await newPage(browser);
  await open(page, base);
  // The default view shows app-1 and db-1 readably; Fit shows the Internet box as well.
  await page.click('#zoom-fit');
  await page.click('#diagram g[data-kind="internet"]');
  assert.equal(await fromValue(page), INTERNET_HOST);
  assert.match(await fromText(page), /internet/);
  await page.click('#diagram g[data-kind="instance"]:has-text("web-1")');
  assert.equal(await page.$eval('#flow-to', (e) => e.value), 'i-web1');
  await page.fill('#flow-port', '443');
  await page.click('#send');
  const status = await statusStartsWith(page, 'Reachable');
  assert.match(status, new RegExp(`from ${INTERNET_HOST.replace(/\./g, '\\.')} reaches i-web1 through igw-shop`));
  const hops = await page.$$eval('ol[aria-label="Packet path"] > li', (ls) => ls.map((l) => l.textContent));
  assert.match(hops[1], /igw-shop maps the public address 198\.51\.100\.20 back to the private address 10\.0\.0\.10/);
  assert.ok(await page.$('#diagram [data-id="igw-shop"].on-path'));
  assert.equal(await page.$$eval('#diagram .wire.on-path', (ws) => ws.map((w) => w.getAttribute('class')).join(' ')), 'wire wire-internet-gateway on-path',
    'the wire from the Internet to igw-shop is lit, and no other');
  // The same flow to app-1, which has no public address, does not arrive.
  await page.selectOption('#flow-to-select', 'i-app1');
  await page.click('#send');
  await statusStartsWith(page, 'Blocked');
  await shot(page, 'internet-to-app-blocked');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the lists offer the internet, the corporate network and AWS services', async () => {
  const { context, page } = await newPage(browser);
  await open(page, base, '?lesson=vpn-endpoints');
  assert.deepEqual(await groups('#flow-from')(page), ['Instances and interfaces', 'Internet', 'Corporate network']);
  assert.deepEqual(await groups('#flow-to-select')(page), ['Instances and interfaces', 'Internet', 'Corporate network', 'AWS services']);
  // The corporate network from the list (a host in its block), to S3 picked from the list.
  await page.selectOption('#flow-from', '192.168.0.10');
  await page.selectOption('#flow-to-select', 'com.amazonaws.us-east-1.s3');
  await page.click('#send');
  const status = await statusStartsWith(page, 'Blocked at vgw-app');
  assert.match(status, /Gateway endpoint vpce-s3 serves only traffic that starts inside its VPC/);
  await context.close();
});

test('clicking the Corporate network node, then the AWS services node, picks both ends', async () => {
  const { context, page } = await newPage(browser);
  await open(page, base, '?lesson=vpn-endpoints');
  await page.click('#diagram g[data-kind="on-premises"]');
  assert.equal(await fromValue(page), '192.168.0.10');
  await page.click('#diagram g[data-kind="aws-service"]');
  assert.match(await page.$eval('#flow-to', (e) => e.value), /^com\.amazonaws\.us-east-1\./);
  // A source from a link is kept, and shown, after a reload.
  await page.selectOption('#flow-from', INTERNET_HOST);
  await page.waitForFunction((ip) => location.hash.includes(`from=${ip}`), INTERNET_HOST);
  await page.reload();
  await page.waitForSelector('body.ready');
  assert.equal(await fromValue(page), INTERNET_HOST);
  assert.deepEqual(problems, []);
  await context.close();
});
