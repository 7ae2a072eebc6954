// End-to-end tests of the client's pages in Debian's headless Chromium, against the
// stack `infra/dev.sh serve` runs (pages and API on 127.0.0.1:9000, the local OAuth and
// OpenID Connect provider on 9200, local AWS on 5000). Every page a test passes through
// is saved as a screenshot under tests/artifacts/e2e/.
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import assert from "node:assert/strict";
import { chromium } from "playwright-core";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const BASE = process.env.PAGES_BASE_URL ?? "http://127.0.0.1:9000";
const ARTIFACTS = join(ROOT, "tests", "artifacts", "e2e");
const PYTHON = join(ROOT, ".venv", "bin", "python");
mkdirSync(ARTIFACTS, { recursive: true });

function local(...args) {
  return execFileSync(PYTHON, [join(ROOT, "infra", "local.py"), ...args], { encoding: "utf8" }).trim();
}

async function api(method, path, token, body) {
  const response = await fetch(BASE + path, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

/** A Team workspace of its own with an owner, for one test. */
function agency(label) {
  const id = `e2e-${label}-${Date.now().toString(36)}`;
  const owner = `owner-${id}`;
  local("seed-workspace", "--id", id, "--name", `Brightside ${label}`, "--owner-sub", owner, "--owner-email", `${owner}@example.com`);
  return { id, token: local("token", "--sub", owner, "--email", `${owner}@example.com`, "--name", "Olga Owner") };
}

function lastEmailLink(to) {
  const lines = local("mail", "--to", to).split("\n").filter(Boolean);
  assert.ok(lines.length > 0, `no email was sent to ${to}`);
  return JSON.parse(lines.at(-1)).link;
}

class Journey {
  constructor(page, name) {
    this.page = page;
    this.name = name;
    this.step = 0;
  }
  async shot(label) {
    this.step += 1;
    const file = join(ARTIFACTS, `${this.name}-${String(this.step).padStart(2, "0")}-${label}.png`);
    await this.page.screenshot({ path: file, fullPage: true });
  }
  async signIn(email) {
    await this.page.getByLabel("Email").fill(email);
    await this.shot("sign-in");
    await this.page.getByRole("button", { name: "Sign in" }).click();
  }
}

async function withBrowser(name, run) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run", "--disable-quic",
      "--disable-component-update", "--disable-sync"],
  });
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    await run(new Journey(page, name));
    console.log(`e2e: ${name}: ok`);
  } finally {
    await browser.close();
  }
}

const tests = {
  async "invite-sign-in-accept-connect-two-disconnect-one"() {
    const workspace = agency("invite");
    const email = `client-${Date.now().toString(36)}@brand.example`;
    const invited = await api("POST", `/workspaces/${workspace.id}/invitations`, workspace.token, {
      email, platforms: ["youtube", "linkedin", "tiktok"],
    });
    assert.equal(invited.status, 201, JSON.stringify(invited.body));

    await withBrowser("invite", async (journey) => {
      const { page } = journey;
      await page.goto(lastEmailLink(email));
      await page.getByText("Olga Owner invites you").waitFor();
      await journey.shot("invitation");
      await page.getByRole("link", { name: "Sign in or create an account" }).click();
      await journey.signIn(email);
      await page.getByText(`Signed in as ${email}`).waitFor();
      await journey.shot("invitation-signed-in");
      await page.getByRole("button", { name: "Accept the invitation" }).click();
      await page.getByRole("heading", { name: /Connect your accounts/ }).waitFor();
      await journey.shot("connect-page");

      for (const platform of ["YouTube", "LinkedIn"]) {
        await page.getByRole("button", { name: `Connect ${platform}` }).click();
        await page.getByText(`${platform} is connected.`).waitFor();
        await journey.shot(`connected-${platform.toLowerCase()}`);
      }
      await page.getByRole("button", { name: "Disconnect LinkedIn" }).click();
      await page.getByText("LinkedIn is disconnected.").waitFor();
      await journey.shot("disconnected-linkedin");
      assert.equal(await page.getByText("Connected as @").count(), 1);
    });

    const listed = await api("GET", `/workspaces/${workspace.id}/invitations`, workspace.token);
    assert.equal(listed.body.items[0].status, "active");
    const connections = await api("GET", `/workspaces/${workspace.id}/connections`, workspace.token);
    assert.equal(connections.body.items.length, 1);
    assert.equal(connections.body.items[0].platform, "youtube");
    assert.equal(connections.body.items[0].client_id, listed.body.items[0].client_id);
  },

  async "connect-link-connects-without-login-and-a-revoked-link-connects-nothing"() {
    const workspace = agency("link");
    const email = `linked-${Date.now().toString(36)}@brand.example`;
    const invited = await api("POST", `/workspaces/${workspace.id}/invitations`, workspace.token, { email, platforms: ["youtube", "x"] });
    assert.equal(invited.status, 201);
    const token = new URL(lastEmailLink(email)).searchParams.get("token");
    const client = local("token", "--sub", `client-${workspace.id}`, "--email", email);
    assert.equal((await api("POST", "/invitations/accept", client, { token })).status, 200);
    const made = await api("POST", `/workspaces/${workspace.id}/clients/${invited.body.client_id}/connect-link`, workspace.token, { platforms: ["x"] });
    assert.equal(made.status, 201, JSON.stringify(made.body));

    await withBrowser("connect-link", async (journey) => {
      const { page } = journey;
      await page.goto(made.body.url);
      await page.getByRole("heading", { name: /Connect your accounts/ }).waitFor();
      await journey.shot("connect-page-by-link");
      assert.equal(await page.getByText("YouTube").count(), 0, "the link only offers X");
      await page.getByRole("button", { name: "Connect X" }).click();
      await page.getByText("X is connected.").waitFor();
      await journey.shot("connected-x");
    });
    const revoked = await api("DELETE", `/workspaces/${workspace.id}/clients/${invited.body.client_id}/connect-link`, workspace.token);
    assert.equal(revoked.body.revoked, 1);
    await withBrowser("revoked-link", async (journey) => {
      const { page } = journey;
      const response = await page.goto(made.body.url);
      assert.equal(response.status(), 410);
      await page.getByText("This connect link no longer works").waitFor();
      await journey.shot("revoked-link");
      assert.equal(await page.getByRole("button").count(), 0, "nothing to press");
    });
    const connections = await api("GET", `/workspaces/${workspace.id}/connections`, workspace.token);
    assert.equal(connections.body.items.length, 1);
  },

  async "two-clients-join-with-the-invite-link-and-a-refreshed-link-joins-no-one"() {
    const workspace = agency("join");
    const enabled = await api("PUT", `/workspaces/${workspace.id}/invite-link`, workspace.token, {
      enabled: true, platforms: ["instagram", "facebook"],
    });
    assert.equal(enabled.status, 200, JSON.stringify(enabled.body));
    for (const person of ["ana", "ben"]) {
      const email = `${person}-${Date.now().toString(36)}@brand.example`;
      await withBrowser(`join-${person}`, async (journey) => {
        const { page } = journey;
        await page.goto(enabled.body.url);
        await page.getByRole("heading", { name: /Join .* as a client/ }).waitFor();
        await journey.shot("join-page");
        await page.getByRole("link", { name: "Sign in or create an account" }).click();
        await journey.signIn(email);
        await page.getByRole("button", { name: /^Join / }).click();
        await page.getByRole("heading", { name: /Connect your accounts/ }).waitFor();
        await journey.shot("joined");
      });
    }
    const refreshed = await api("POST", `/workspaces/${workspace.id}/invite-link/refresh`, workspace.token);
    assert.notEqual(refreshed.body.url, enabled.body.url);
    await withBrowser("join-old-link", async (journey) => {
      const { page } = journey;
      const response = await page.goto(enabled.body.url);
      assert.equal(response.status(), 410);
      await page.getByText("This invite link no longer works").waitFor();
      await journey.shot("old-link");
    });
    const clients = await api("GET", `/workspaces/${workspace.id}/invitations?status=active`, workspace.token);
    assert.equal(clients.body.items.length, 2);
  },
};

let failed = 0;
for (const [name, test] of Object.entries(tests)) {
  try {
    await test();
  } catch (error) {
    failed += 1;
    console.error(`e2e: ${name}: FAILED\n`, error);
  }
}
process.exit(failed ? 1 : 0);
