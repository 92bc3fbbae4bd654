// The in-place editor for peering connections, gateway endpoints, security groups and network
// ACLs: each edit changes the traced result, and undo brings the old one back.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { browserSuite, newPage, open, statusStartsWith, shot, problems } from './harness.mjs';

let browser;
let base;
browserSuite((b, url) => {
  browser = b;
  base = url;
});

after(() => assert.deepEqual(problems, []));

/** Opens the default scenario, changed by `mutate` through the JSON editor. */
async function openWith(mutate) {
  const { context, page } = await newPage(browser);
  await open(page, base);
  await page.selectOption('#speed', '4');
  if (mutate) {
    const doc = JSON.parse(await page.$eval('#editor', (e) => e.value));
    mutate(doc);
    await page.fill('#editor', JSON.stringify(doc, null, 2));
    await page.click('#editor-apply');
  }
  return { context, page };
}

async function flow(page, to, port) {
  await page.fill('#flow-to', to);
  await page.fill('#flow-port', String(port));
  await page.click('#send');
}

const backRoute = (doc) => {
  doc.route_tables.find((t) => t.id === 'rtb-db').routes = [{ destination: '10.0.0.0/16', target: 'pcx-shop-data' }];
};

test('accepting a pending peering makes app-1 to db-1 reachable; delete and create it again', async () => {
  const { context, page } = await openWith((doc) => {
    backRoute(doc);
    doc.peering_connections[0].status = 'pending-acceptance';
  });
  await flow(page, 'i-db1', 5432);
  await statusStartsWith(page, 'Blocked at pcx-shop-data');
  await page.click('#diagram g[data-id="pcx-shop-data"]');
  assert.equal(await page.$eval('#net-select', (e) => e.value), 'pcx-shop-data', 'clicking the peering selects it');
  await page.click('#net-body button[aria-label="Accept pcx-shop-data"]');
  await statusStartsWith(page, 'Reachable');
  await page.selectOption('#net-select', '+pcx');
  await page.click('#net-body button[type="submit"]');
  // The refusal shows beside the form that made it, not at the top of the page.
  await page.waitForSelector('#net-body form[aria-label="New peering connection"] + .edit-error');
  assert.match(await page.textContent('#net-body .edit-error'), /already peered by pcx-shop-data/, 'a second connection for the pair is refused');
  assert.equal(await page.isVisible('#notice'), false);
  await page.selectOption('#net-select', 'pcx-shop-data');
  await page.click('#net-body button[aria-label="Delete pcx-shop-data"]');
  await statusStartsWith(page, 'Blocked at');
  await page.selectOption('#net-select', '+pcx');
  await page.selectOption('#net-body label:has-text("Requester VPC") select', 'vpc-shop');
  await page.selectOption('#net-body label:has-text("Accepter VPC") select', 'vpc-data');
  await page.click('#net-body button[type="submit"]');
  await statusStartsWith(page, 'Blocked at pcx-shop-data');
  await page.selectOption('#net-select', 'pcx-shop-data');
  await page.click('#net-body button[aria-label="Accept pcx-shop-data"]');
  await statusStartsWith(page, 'Reachable');
  await page.click('#undo');
  await statusStartsWith(page, 'Blocked at pcx-shop-data');
  await context.close();
});

test('an inbound rule added to sg-web lets app-1 reach web-1 on 8080', async () => {
  const { context, page } = await openWith();
  await flow(page, 'i-web1', 8080);
  await statusStartsWith(page, 'Blocked at sg-web');
  await page.selectOption('#net-select', 'sg-web');
  const form = '#net-body form[aria-label="Add a rule"]';
  await page.selectOption(`${form} label:has-text("Direction") select`, 'ingress');
  await page.selectOption(`${form} label:has-text("Protocol") select`, 'tcp');
  await page.fill(`${form} label:has-text("Ports") input`, '8080');
  await page.fill(`${form} label:has-text("Source") input`, 'sg-app');
  await page.press(`${form} label:has-text("Source") input`, 'Enter');
  await statusStartsWith(page, 'Reachable');
  assert.ok(await page.$('#net-body button[aria-label="Delete inbound rule tcp 8080 from sg-app"]'));
  await shot(page, 'net-editor-sg');
  await page.click('#net-body button[aria-label="Delete inbound rule tcp 8080 from sg-app"]');
  await statusStartsWith(page, 'Blocked at sg-web');
  await context.close();
});

test('a deny rule 50 in the generated default ACL blocks app-1 to web-1 at that ACL', async () => {
  const { context, page } = await openWith();
  await flow(page, 'i-web1', 443);
  await statusStartsWith(page, 'Reachable');
  await page.click('#diagram g[data-id="acl-shop-default"]');
  assert.equal(await page.$eval('#net-select', (e) => e.value), 'acl-shop-default', 'clicking the ACL chip selects it');
  const form = '#net-body form[aria-label="Add a rule"]';
  await page.selectOption(`${form} label:has-text("Direction") select`, 'ingress');
  await page.fill(`${form} label:has-text("Rule #") input`, '50');
  await page.selectOption(`${form} label:has-text("Action") select`, 'deny');
  await page.selectOption(`${form} label:has-text("Protocol") select`, 'tcp');
  await page.fill(`${form} label:has-text("Ports") input`, '443');
  await page.fill(`${form} label:has-text("CIDR") input`, '10.0.1.0/24');
  await page.click(`${form} button[type="submit"]`);
  const status = await statusStartsWith(page, 'Blocked at acl-shop-default');
  assert.match(status + await page.textContent('#events'), /rule 50\b/);
  const doc = JSON.parse(await page.$eval('#editor', (e) => e.value));
  const acl = doc.network_acls.find((a) => a.id === 'acl-shop-default');
  assert.deepEqual(acl.ingress.map((r) => r.rule), [50, 100], 'the default allow-all rule 100 is written out');
  await shot(page, 'net-editor-acl');
  await page.click('#undo');
  await statusStartsWith(page, 'Reachable');
  await context.close();
});

test('associating vpce-s3 with rtb-web sends web-1 to S3 through the endpoint', async () => {
  const { context, page } = await openWith();
  await page.selectOption('#flow-from', 'i-web1');
  await flow(page, 'com.amazonaws.us-east-1.s3', 443);
  await statusStartsWith(page, 'Reachable');
  assert.doesNotMatch(await page.textContent('#status-path'), /vpce-s3/);
  // The view followed the packet's path, which does not pass vpce-s3: show the whole network,
  // as a learner looking for the endpoint would, before clicking it.
  await page.click('#zoom-fit');
  await page.click('#diagram g[data-id="vpce-s3"]');
  assert.equal(await page.$eval('#net-select', (e) => e.value), 'vpce-s3', 'clicking the endpoint selects it');
  await page.check('#net-body label:has-text("rtb-web") input[type="checkbox"]');
  await statusStartsWith(page, 'Reachable');
  await page.waitForFunction(() => /vpce-s3/.test(document.querySelector('#status-path')?.textContent || ''));
  assert.ok(await page.isChecked('#net-body label:has-text("rtb-web") input'), 'the box stays ticked after the reload');
  await page.uncheck('#net-body label:has-text("rtb-web") input');
  await page.waitForFunction(() => !/vpce-s3/.test(document.querySelector('#status-path')?.textContent || ''));
  await context.close();
});

test('a gateway endpoint made in the panel solves endpoint-costs; a peering needs two different VPCs', async () => {
  const { context, page } = await newPage(browser, { reducedMotion: 'reduce' });
  await open(page, base, '?lesson=endpoint-costs');
  await page.selectOption('#net-select', '+pcx');
  assert.equal(await page.isDisabled('#net-body button:has-text("Create")'), true, 'one VPC: nothing to peer with');
  await page.selectOption('#net-select', '+vpce');
  assert.deepEqual(await page.$$eval('#net-body select >> nth=1', (s) => [...s[0].options].map((o) => o.value)),
    ['com.amazonaws.us-east-1.s3', 'com.amazonaws.us-east-1.dynamodb']);
  await page.check('#net-body label:has-text("rtb-private") input');
  await page.click('#net-body button:has-text("Create")');
  await page.waitForFunction(() => document.querySelector('#lesson')?.classList.contains('is-complete'));
  assert.equal(await page.$eval('#net-select', (e) => e.value), 'vpce-s3', 'the new endpoint is selected');
  await page.click('#send');
  await statusStartsWith(page, 'Reachable');
  assert.match(await page.textContent('#status-path'), /vpce-s3/);
  await shot(page, 'new-gateway-endpoint');
  await context.close();

  const other = await openWith();
  await other.page.selectOption('#net-select', '+pcx');
  const selects = await other.page.$$('#net-body select');
  await selects[1].selectOption({ index: 0 });
  assert.equal(await other.page.isDisabled('#net-body button:has-text("Create")'), true, 'a VPC cannot peer with itself');
  await other.context.close();
});
