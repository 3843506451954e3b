// Checks by hand (not in CI) that the API document works in Swagger UI: Authorize with a bearer token from POST /login,
// then "Try it out" on GET /api/v1/users/{id} answers 200. Needs a running Roster and Debian's chromium:
//   npm ci --ignore-scripts && ROSTER_URL=http://localhost:8080 ROSTER_ADMIN_EMAIL=... ROSTER_ADMIN_PASSWORD=... node try-it-out.mjs
import puppeteer from 'puppeteer-core';

const base = process.env.ROSTER_URL ?? 'http://localhost:8080';
const email = process.env.ROSTER_ADMIN_EMAIL;
const password = process.env.ROSTER_ADMIN_PASSWORD;
if (!email || !password) {
  throw new Error('set ROSTER_ADMIN_EMAIL and ROSTER_ADMIN_PASSWORD');
}

const login = await fetch(`${base}/login`, {
  method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify({username: email, password}),
});
if (login.status !== 200) {
  throw new Error(`login answered ${login.status}`);
}
const token = (await login.json()).access_token;
const me = await (await fetch(`${base}/api/v1/me`, {headers: {Authorization: `Bearer ${token}`}})).json();

const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
});
try {
  const page = await browser.newPage();
  await page.goto(`${base}/swagger-ui/index.html`, {waitUntil: 'networkidle0'});
  await page.waitForSelector('#operations-users-getUser', {timeout: 15000});

  await page.click('button.authorize');
  await page.waitForSelector('.modal-ux input');
  await page.type('.modal-ux input', token);
  await page.click('.modal-ux .auth-btn-wrapper button.authorize');
  await page.click('.modal-ux button.btn-done');

  await page.click('#operations-users-getUser .opblock-summary');
  await page.waitForSelector('#operations-users-getUser .try-out__btn');
  await page.click('#operations-users-getUser .try-out__btn');
  await page.type('#operations-users-getUser tr[data-param-name="id"] input', me.id);
  await page.click('#operations-users-getUser button.execute');
  const status = await page.waitForFunction(() => {
    const cell = document.querySelector('#operations-users-getUser .live-responses-table tbody .response-col_status');
    return cell && cell.textContent.trim();
  }, {timeout: 15000});
  const code = await status.jsonValue();
  const curl = await page.$eval('#operations-users-getUser .curl', element => element.textContent).catch(() => '');
  console.log(`Try it out on GET /api/v1/users/{id}: ${code}; the request carried the token: ${curl.includes('Bearer ')}`);
  if (!code.startsWith('200') || !curl.includes('Bearer ')) {
    process.exitCode = 1;
  }
} finally {
  await browser.close();
}
