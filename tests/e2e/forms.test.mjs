// Every lesson through forms alone (issue 11 item 7) and refusals in plain words beside the
// control that made them (item 10): lesson 2 by the VPC's block and subnet forms, lesson 10 by
// the endpoint policy's statement form, tgw-az by the attachment subnet form; a route that is
// already there; a new peering opens with its Accept button.
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

const complete = (page) => page.waitForFunction(() => document.querySelector('#lesson')?.classList.contains('is-complete'));
const isComplete = (page) => page.$eval('#lesson', (e) => e.classList.contains('is-complete'));
/** The refusal shown right after the element `sel` (its form, row or list item). */
const errorAfter = async (page, sel) => {
  await page.waitForSelector(`${sel} + .edit-error`);
  return page.textContent(`${sel} + .edit-error`);
};

test('lesson 2 solved in the VPC form: the subnet first, then the block; each refusal beside its button', async () => {
  const { context, page } = await newPage(browser);
  await open(page, base, '?lesson=overlapping-cidrs');
  await page.selectOption('#net-select', 'vpc-data');
  const blocks = await page.$$eval('#net-body ul[aria-label="CIDR blocks of vpc-data"] li', (ls) => ls.map((l) => l.textContent));
  assert.deepEqual(blocks, ['172.31.0.0/16primary: it stays for the life of the VPC', '10.0.128.0/17Remove']);
  // Removing the block while the analytics subnet uses it is refused, naming the subnet.
  await page.click('#net-body button[aria-label="Remove block 10.0.128.0/17 from vpc-data"]');
  const li = '#net-body ul[aria-label="CIDR blocks of vpc-data"] li:nth-child(2)';
  assert.equal(await errorAfter(page, li),
    'subnet-analytics is inside 10.0.128.0/17: delete that subnet first, because AWS removes a block only when no subnet uses it');
  assert.equal(await page.isVisible('#notice'), false, 'the refusal is beside the button, not at the top');
  // The database's subnet cannot go: the database is in it.
  await page.click('#net-body button[aria-label="Delete subnet subnet-data"]');
  assert.match(await errorAfter(page, '#net-body ul[aria-label="Subnets of vpc-data"] li:nth-child(1)'), /^subnet-data still holds i-db: AWS deletes a subnet only when nothing is in it/);
  await shot(page, 'forms-vpc-refusals');
  assert.equal(await isComplete(page), false);
  await page.click('#net-body button[aria-label="Delete subnet subnet-analytics"]');
  await page.waitForSelector('#net-body button[aria-label="Delete subnet subnet-analytics"]', { state: 'detached' });
  assert.equal(await page.$$eval('#net-body .edit-error', (l) => l.length), 0, 'an edit that works clears the refusals');
  await page.click('#net-body button[aria-label="Remove block 10.0.128.0/17 from vpc-data"]');
  await complete(page);
  assert.equal(await page.textContent('#lesson-done-head'), '✓ Lesson complete', 'solved by hand, not with help');
  await page.click('#send');
  await statusStartsWith(page, 'Reachable');
  await context.close();
});

test('a subnet and a block are made in the VPC form; a block outside the VPC is refused beside the form', async () => {
  const { context, page } = await newPage(browser);
  await open(page, base, '?lesson=overlapping-cidrs');
  await page.selectOption('#net-select', 'vpc-app');
  const sub = '#net-body form[aria-label="Create a subnet in vpc-app"]';
  await page.fill(`${sub} label:has-text("Block") input`, '10.9.0.0/24');
  await page.click(`${sub} button[type="submit"]`);
  assert.equal(await errorAfter(page, sub),
    '10.9.0.0/24 is not inside vpc-app (10.0.0.0/16): a subnet takes its addresses from a block of its VPC');
  await page.fill(`${sub} label:has-text("Block") input`, 'ten');
  await page.click(`${sub} button[type="submit"]`);
  await page.waitForFunction((s) => /such as 10\.0\.2\.0\/24/.test(document.querySelector(`${s} + .edit-error`)?.textContent || ''), sub);
  const add = '#net-body form[aria-label="Add a CIDR block to vpc-app"]';
  await page.fill(`${add} input`, '10.9.0.0/16');
  await page.click(`${add} button[type="submit"]`);
  await page.waitForFunction(() => /10\.9\.0\.0\/16/.test(document.querySelector('#net-body ul[aria-label="CIDR blocks of vpc-app"]')?.textContent || ''));
  await page.fill(`${sub} label:has-text("Block") input`, '10.9.1.0/24');
  await page.fill(`${sub} label:has-text("Name") input`, 'batch');
  await page.click(`${sub} button[type="submit"]`);
  await page.waitForSelector('#net-body button[aria-label="Delete subnet subnet-batch"]');
  assert.match(await page.textContent('#net-body ul[aria-label="Subnets of vpc-app"]'), /subnet-batch \(batch\) · 10\.9\.1\.0\/24 · us-east-1a/);
  await page.click('#undo');
  await page.waitForSelector('#net-body button[aria-label="Delete subnet subnet-batch"]', { state: 'detached' });
  await context.close();
});

test('lesson 10 solved in the endpoint policy form, without the JSON editor; an empty action list is refused', async () => {
  const { context, page } = await newPage(browser);
  await open(page, base, '?lesson=endpoint-policy');
  await page.selectOption('#net-select', 'vpce-s3');
  const st = '#net-body form[aria-label="Statement 1 (CompanyBucketUploadsOnly) of vpce-s3"]';
  assert.equal(await page.inputValue(`${st} label:has-text("Actions") input`), 's3:PutObject');
  assert.equal(await page.inputValue(`${st} label:has-text("Resources") input`), 'arn:aws:s3:::acme-reports/*');
  assert.match(await page.textContent(`${st} .ne-keep`), /Principal "\*"/, 'what the form does not change is shown');
  await page.fill(`${st} label:has-text("Actions") input`, ' ');
  await page.click(`${st} button:has-text("Save statement")`);
  assert.equal(await errorAfter(page, st), 'Write at least one action, such as s3:GetObject (or s3:* for all).');
  assert.equal(await isComplete(page), false);
  await page.fill(`${st} label:has-text("Actions") input`, 's3:PutObject, s3:GetObject');
  await page.$eval('#net-panel', (e) => e.scrollIntoView());
  await shot(page, 'forms-endpoint-policy-form');
  await page.click(`${st} button:has-text("Save statement")`);
  await complete(page);
  assert.equal(await page.textContent('#lesson-done-head'), '✓ Lesson complete');
  await shot(page, 'forms-endpoint-policy');
  // The whole document, for what the form does not cover: bad JSON is refused where it was typed.
  await page.click('#net-body details.ne-json summary');
  const whole = '#net-body form[aria-label="The whole policy of vpce-s3"]';
  await page.fill(`${whole} textarea`, '{"Statement": [');
  await page.click(`${whole} button[type="submit"]`);
  assert.match(await errorAfter(page, whole), /^the policy for vpce-s3 was not changed: the policy is not valid JSON: .* line 1 column/);
  await context.close();
});

test('an allow-all statement made in the form fails the lesson\'s third goal', async () => {
  const { context, page } = await newPage(browser);
  await open(page, base, '?lesson=endpoint-policy');
  await page.selectOption('#net-select', 'vpce-s3');
  const add = '#net-body form[aria-label="Add a statement to the policy of vpce-s3"]';
  await page.fill(`${add} label:has-text("Actions") input`, 's3:*');
  await page.fill(`${add} label:has-text("Resources") input`, '*');
  await page.click(`${add} button[type="submit"]`);
  await page.waitForSelector('#net-body form[aria-label="Statement 2 of vpce-s3"]');
  await page.waitForFunction(() => document.querySelectorAll('#lesson-goals .goal.met').length === 2);
  assert.equal(await isComplete(page), false, 'other buckets are in reach again');
  await page.click('#net-body button[aria-label="Delete statement 2 of vpce-s3"]');
  await page.waitForSelector('#net-body form[aria-label="Statement 2 of vpce-s3"]', { state: 'detached' });
  await context.close();
});

test('tgw-az solved by the attachment subnet form', async () => {
  const { context, page } = await newPage(browser);
  await open(page, base, '?lesson=tgw-az');
  const rtb = await page.$eval('#net-select optgroup[label="Transit gateway route tables"] option', (o) => o.value);
  await page.selectOption('#net-select', rtb);
  const f = '#net-body form[aria-label="Add a subnet to tgw-attach-app"]';
  await page.selectOption(`${f} select`, 'subnet-app-tgw-b');
  await page.click(`${f} button[type="submit"]`);
  await complete(page);
  await context.close();
});

test('a route that is already there is refused beside the add form, saying where to change it', async () => {
  const { context, page } = await newPage(browser);
  await open(page, base, '?lesson=peering-return-route');
  await page.selectOption('#rt-select', 'rtb-app');
  const dest = await page.$eval('#rt-body input', (e) => e.value);
  await page.fill('#rt-new-dest', dest);
  await page.click('#rt-add button[type="submit"]');
  assert.equal(await errorAfter(page, '#rt-add'), `rtb-app already has a route for ${dest}: change its target in the row above, or delete that route first.`);
  assert.equal(await page.isVisible('#notice'), false);
  await context.close();
});

test('a new peering connection opens with its Accept button', async () => {
  const { context, page } = await newPage(browser);
  await open(page, base, '?lesson=peering-not-transitive');
  await page.selectOption('#net-select', '+pcx');
  await page.selectOption('#net-body label:has-text("Requester VPC") select', 'vpc-web');
  await page.selectOption('#net-body label:has-text("Accepter VPC") select', 'vpc-reports');
  await page.click('#net-body button[type="submit"]');
  await page.waitForSelector('#net-body button:has-text("Accept")');
  const id = await page.$eval('#net-select', (e) => e.value);
  assert.match(id, /^pcx-/);
  assert.equal(await page.isVisible(`#net-body button[aria-label="Accept ${id}"]`), true);
  await context.close();
});

test('a port that does not exist is refused in the flow form, not traced as another port', async () => {
  const { context, page } = await newPage(browser);
  await open(page, base);
  // The first status tells the scenario's story and what to do next.
  const description = JSON.parse(await page.$eval('#editor', (e) => e.value)).description;
  assert.ok(description, 'the default scenario has a description');
  assert.equal(await page.textContent('#status-intro'), description);
  assert.equal(await page.textContent('#status-main'),
    'Press Send packet ▸ to trace the flow above, or click two boxes on the diagram to pick others.');
  await page.fill('#flow-port', '70000');
  await page.click('#send');
  await page.waitForSelector('#flow-port-error');
  assert.equal(await page.textContent('#flow-port-error'), 'Port 70000 does not exist: a port is a whole number from 0 to 65535.');
  assert.equal(await page.inputValue('#flow-port'), '70000', 'the bad port stays, to be corrected');
  assert.equal(await page.getAttribute('#flow-port', 'aria-invalid'), 'true');
  assert.doesNotMatch(await page.textContent('#status-main'), /^(Reachable|Blocked)/, 'nothing was traced');
  await shot(page, 'forms-port-refused');
  await page.fill('#flow-port', '5432');
  await page.click('#send');
  await statusStartsWith(page, 'Blocked at');
  assert.equal(await page.$('#flow-port-error'), null, 'the message goes once the port is right');
  assert.equal(await page.isVisible('#status-intro'), false, 'the description gives way to the result');
  // Sentences on the page carry no rule numbers from the team's fact base.
  assert.doesNotMatch(await page.textContent('#status-main'), /\(R\d+/);
  await context.close();
});

test('a reachable packet in a lesson whose goal is unmet is not green', async () => {
  const { context, page } = await newPage(browser);
  await open(page, base, '?lesson=endpoint-costs');
  await page.click('#send');
  await page.waitForFunction(() => document.querySelector('#status')?.classList.contains('is-unmet'));
  assert.match(await page.textContent('#status-main'), /^Reachable, but not yet the way the lesson asks \(see its goals\): /);
  assert.equal(await page.$eval('#status', (e) => e.classList.contains('is-reachable')), false);
  await context.close();
});

test('phone (390x844): the VPC and policy forms fit the screen', async () => {
  const { context, page } = await newPage(browser, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await open(page, base, '?lesson=endpoint-policy');
  await page.selectOption('#net-select', 'vpce-s3');
  await page.$eval('#net-panel', (e) => e.scrollIntoView());
  await shot(page, 'forms-phone-policy');
  const wide = () => page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(await wide() <= 390, `the page is ${await wide()} px wide`);
  await page.selectOption('#net-select', 'vpc-app');
  await page.$eval('#net-panel', (e) => e.scrollIntoView());
  assert.ok(await wide() <= 390, `the page is ${await wide()} px wide`);
  await shot(page, 'forms-phone-vpc');
  await context.close();
});
