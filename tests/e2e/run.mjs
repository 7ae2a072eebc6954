// End-to-end tests of the client's and the agency's pages in Debian's headless Chromium, against the
// stack `infra/dev.sh serve` runs (pages and API on 127.0.0.1:9000, the local OAuth and
// OpenID Connect provider on 9200, whose consent page each Connect passes through, local
// AWS on 5000). Every page a test passes through
// is saved as a screenshot under tests/artifacts/e2e/ and checked with axe-core (no
// serious or critical violation). UPDATE_README_SCREENSHOTS=1 also refreshes the README's
// pictures of the agency's pages (desktop and phone widths) and of the connect page in
// Spanish in tests/e2e/screenshots/.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import assert from "node:assert/strict";
import { chromium } from "playwright-core";
import { AxeBuilder } from "@axe-core/playwright";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const BASE = process.env.PAGES_BASE_URL ?? "http://127.0.0.1:9000";
const ARTIFACTS = join(ROOT, "tests", "artifacts", "e2e");
const README_SHOTS = join(ROOT, "tests", "e2e", "screenshots");
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };
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

/** The `sub` the local provider gives whoever signs in with `email`. */
function localSub(email) {
  return `local-${createHash("sha256").update(email).digest("hex").slice(0, 16)}`;
}

/** A Team workspace whose owner signs in on the pages (the local provider's `sub`). */
function agencyInBrowser(label) {
  const id = `e2e-${label}-${Date.now().toString(36)}`;
  const email = `owner-${id}@example.com`;
  const sub = localSub(email);
  local("seed-workspace", "--id", id, "--name", `Brightside ${label}`, "--owner-sub", sub, "--owner-email", email, "--owner-name", "Olga Owner");
  return { id, email, token: local("token", "--sub", sub, "--email", email, "--name", "Olga Owner"), page: (path) => `${BASE}${path}?workspace=${id}` };
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
    await this.accessible(label);
  }
  /** axe-core on the page as it is: no serious or critical violation. */
  async accessible(label) {
    const { violations } = await new AxeBuilder({ page: this.page }).analyze();
    const bad = violations.filter((violation) => ["serious", "critical"].includes(violation.impact));
    assert.deepEqual(bad.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target).join(" ")}`), [],
      `accessibility of ${this.name}/${label}`);
  }
  /** The README's pictures of this page, at desktop and phone widths (on request). */
  async readmeShot(name) {
    if (!process.env.UPDATE_README_SCREENSHOTS) return;
    for (const [width, size] of [["desktop", DESKTOP], ["phone", PHONE]]) {
      await this.page.setViewportSize(size);
      await this.page.screenshot({ path: join(README_SHOTS, `${name}-${width}.png`), fullPage: true });
    }
    await this.page.setViewportSize(DESKTOP);
  }
  /** Keyboard only: Tab (or `key`, "Shift+Tab" to go back) until the element focused is
   * `name` (its label or text), or fail. */
  async tabTo(name, key = "Tab") {
    for (let presses = 0; presses < 80; presses += 1) {
      await this.page.keyboard.press(key);
      const focused = await this.page.evaluate(() => {
        const element = document.activeElement;
        if (!element) return "";
        const label = element.labels?.[0]?.textContent ?? "";
        return [element.getAttribute("aria-label"), label, element.textContent].filter(Boolean).join(" | ").trim();
      });
      if (focused.includes(name)) return;
    }
    assert.fail(`Tab never reached ${name}`);
  }
  async signIn(email) {
    await this.page.getByLabel("Email").fill(email);
    await this.shot("sign-in");
    await this.page.getByRole("button", { name: "Sign in" }).click();
  }
  /** Presses Connect for `platform` on the connect page, then Allow on the local
   * provider's consent page, having ticked the Pages, organisations or channels named. */
  async connect(platform, ...manages) {
    await this.page.getByRole("button", { name: `Connect ${platform}` }).click();
    await this.page.getByRole("heading", { name: /^Allow the app to use your .* account\?$/ }).waitFor();
    for (const name of manages) await this.page.getByLabel(name).check();
    if (manages.length > 0) await this.shot(`consent-${platform.split(" ")[0].toLowerCase()}`);
    await this.page.getByRole("button", { name: "Allow" }).click();
  }
}

/** A round picture with the account's initial, its colour taken from the id. */
function avatarFor(path) {
  const id = path.replace(/^\/|\.png$/g, "");
  const hue = [...id].reduce((sum, char) => sum + char.charCodeAt(0), 0) % 360;
  const initial = (id.match(/[a-z]/i)?.[0] ?? "?").toUpperCase();
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 40"><circle cx="20" cy="20" r="20" fill="hsl(${hue},55%,45%)"/>` +
    `<text x="20" y="26" font-family="sans-serif" font-size="18" text-anchor="middle" fill="#fff">${initial}</text></svg>`;
}

async function withBrowser(name, run) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run", "--disable-quic",
      "--disable-component-update", "--disable-sync"],
  });
  try {
    const context = await browser.newContext({ viewport: DESKTOP });
    // The local provider's profiles point avatars at https://cdn.example/<id>.png, a host
    // that does not exist offline: answer as the platform's CDN would, with a picture.
    await context.route("https://cdn.example/**", (route) =>
      route.fulfill({ contentType: "image/svg+xml", body: avatarFor(new URL(route.request().url()).pathname) }));
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
        await journey.connect(platform);
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

  async "a-client-switches-the-invitation-to-spanish-from-its-menu-accepts-and-connects-in-spanish"() {
    const workspace = agency("idioma");
    const email = `cliente-${Date.now().toString(36)}@marca.example`;
    const invited = await api("POST", `/workspaces/${workspace.id}/invitations`, workspace.token, {
      email, platforms: ["youtube", "x"],
    });
    assert.equal(invited.status, 201, JSON.stringify(invited.body));

    await withBrowser("spanish", async (journey) => {
      const { page } = journey;
      // The browser asks for English; the person picks Spanish from the page's menu.
      await page.goto(lastEmailLink(email));
      await page.getByText("Olga Owner invites you").waitFor();
      await page.getByRole("navigation", { name: "Language" }).getByRole("link", { name: "Español" }).click();
      await page.getByText("Olga Owner le invita a conectar sus redes sociales").waitFor();
      assert.equal(await page.getAttribute("html", "lang"), "es");
      assert.equal(await page.getByRole("navigation", { name: "Idioma" }).getByRole("link", { name: "Español" }).getAttribute("aria-current"), "true");
      await journey.shot("invitacion");

      // Signing in happens at the identity provider (its own page); back here the choice
      // is remembered.
      await page.getByRole("link", { name: "Iniciar sesión o crear una cuenta" }).click();
      await journey.signIn(email);
      await page.getByText(`Sesión iniciada como ${email}.`).waitFor();
      assert.equal(await page.getAttribute("html", "lang"), "es");
      await journey.shot("invitacion-con-sesion");
      await page.getByRole("button", { name: "Aceptar la invitación" }).click();
      await page.getByRole("heading", { name: /^Conecte sus cuentas a / }).waitFor();
      await journey.shot("pagina-de-conexion");

      await page.getByRole("button", { name: "Conectar YouTube" }).click();
      await page.getByRole("heading", { name: /^Allow the app to use your .* account\?$/ }).waitFor();
      await page.getByRole("button", { name: "Allow" }).click();
      await page.getByText("Conexión con YouTube realizada.").waitFor();
      await page.getByText("Conectada como @").waitFor();
      await page.getByRole("button", { name: "Desconectar YouTube" }).waitFor();
      const read = await page.locator("main").innerText();
      for (const english of ["Connect your accounts", "Disconnect", "Not connected", "Granted", "is connected"]) {
        assert.ok(!read.includes(english), `English left on the Spanish page: ${english}\n${read}`);
      }
      await journey.shot("conectado-youtube");
      if (process.env.UPDATE_README_SCREENSHOTS) {
        await page.screenshot({ path: join(README_SHOTS, "connect-page-es.png"), fullPage: true });
      }
    });

    const connections = await api("GET", `/workspaces/${workspace.id}/connections`, workspace.token);
    assert.equal(connections.body.items.length, 1);
    assert.equal(connections.body.items[0].platform, "youtube");
  },

  async "a-person-of-a-two-factor-client-signs-in-again-with-a-code-then-accepts-and-connects"() {
    const workspace = agency("twofactor");
    const email = `careful-${Date.now().toString(36)}@brand.example`;
    const invited = await api("POST", `/workspaces/${workspace.id}/invitations`, workspace.token, {
      email, platforms: ["youtube"], require_two_factor: true,
    });
    assert.equal(invited.status, 201, JSON.stringify(invited.body));
    const invitation = new URL(lastEmailLink(email));

    await withBrowser("two-factor", async (journey) => {
      const { page } = journey;
      // Signed in earlier the usual way (no second factor), then the invitation.
      await page.goto(`${BASE}/auth/login?next=${encodeURIComponent(invitation.pathname + invitation.search)}`);
      await journey.signIn(email);
      await page.getByText("requires two-factor sign-in").waitFor();
      await page.getByText("without a second factor").waitFor();
      assert.equal(await page.getByRole("button", { name: "Accept the invitation" }).count(), 0);
      await journey.shot("invitation-asks-for-a-second-factor");
      await page.getByRole("link", { name: "Sign in with a second factor" }).click();
      await journey.signIn(email);
      await page.getByRole("heading", { name: "Enter your one-time code" }).waitFor();
      await page.getByLabel("One-time code").fill("123456");
      await journey.shot("one-time-code");
      await page.getByRole("button", { name: "Confirm" }).click();
      await page.getByText(`Signed in as ${email}`).waitFor();
      await page.getByRole("button", { name: "Accept the invitation" }).click();
      await page.getByRole("heading", { name: /Connect your accounts/ }).waitFor();
      await journey.shot("connect-page");
      await journey.connect("YouTube");
      await page.getByText("YouTube is connected.").waitFor();
      await journey.shot("connected");
    });

    const connections = await api("GET", `/workspaces/${workspace.id}/connections`, workspace.token);
    assert.equal(connections.body.items.length, 1);
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
      await journey.connect("X");
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

  async "one-consent-brings-several-pages-and-organisations-and-the-client-connects-the-ones-chosen"() {
    const workspace = agency("choose");
    const email = `chooser-${Date.now().toString(36)}@brand.example`;
    const invited = await api("POST", `/workspaces/${workspace.id}/invitations`, workspace.token, { email, platforms: ["facebook", "linkedin"] });
    assert.equal(invited.status, 201, JSON.stringify(invited.body));
    const token = new URL(lastEmailLink(email)).searchParams.get("token");
    assert.equal((await api("POST", "/invitations/accept", local("token", "--sub", `chooser-${workspace.id}`, "--email", email), { token })).status, 200);
    const made = await api("POST", `/workspaces/${workspace.id}/clients/${invited.body.client_id}/connect-link`, workspace.token, {});
    assert.equal(made.status, 201, JSON.stringify(made.body));

    await withBrowser("choose", async (journey) => {
      const { page } = journey;
      await page.goto(made.body.url);
      await page.getByRole("heading", { name: /Connect your accounts/ }).waitFor();
      // Two Pages the person may publish to, and one they may only moderate.
      await journey.connect("Facebook Page", "Brightside Bakery", "Brightside Books", "Brightside Café");
      await page.getByRole("heading", { name: /^Choose what to connect to / }).waitFor();
      await journey.shot("choose-facebook-pages");
      assert.equal(await page.getByRole("checkbox").count(), 2, "the two Pages the person may publish to");
      await page.getByText("Brightside Café").waitFor();
      await page.getByLabel("Brightside Books").check();
      await page.getByRole("button", { name: "Connect the ones ticked" }).click();
      await page.getByText("Facebook Page is connected.").waitFor();
      await journey.shot("connected-facebook-page");

      // LinkedIn: the member's own profile and the two organisation Pages they administer.
      await journey.connect("LinkedIn", "Brightside Ltd", "Brightside Foundation");
      await page.getByRole("heading", { name: /^Choose what to connect to / }).waitFor();
      assert.equal(await page.getByRole("checkbox").count(), 3, "the profile and two organisations");
      await journey.shot("choose-linkedin");
      await page.getByLabel("Brightside Foundation").check();
      await page.getByRole("button", { name: "Connect the ones ticked" }).click();
      await page.getByText("LinkedIn is connected.").waitFor();
      await journey.shot("connected-linkedin");
    });

    const connections = await api("GET", `/workspaces/${workspace.id}/connections`, workspace.token);
    const accounts = connections.body.items.map((item) => `${item.platform} ${item.account_id}`).sort();
    assert.deepEqual(accounts, ["facebook 1002", "linkedin urn:li:organization:2002"]);
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

  async "an-owner-invites-from-the-card-and-sees-the-client-active-and-healthy"() {
    const agency = agencyInBrowser("card");
    const email = `cleo-${Date.now().toString(36)}@brand.example`;
    await withBrowser("agency-card", async (journey) => {
      const { page } = journey;
      await page.goto(agency.page("/workspace/clients"));
      await journey.signIn(agency.email);
      await page.getByRole("heading", { name: /Clients of/ }).waitFor();
      await journey.shot("clients-card-empty");
      await page.getByLabel("New client's name").fill("Brightside Bakery");
      await page.getByLabel("Email", { exact: true }).fill(email);
      await page.getByLabel("Full name").fill("Cleo Client");
      await page.getByRole("button", { name: "Send the invitation" }).click();
      await page.getByText("The invitation is on its way.").waitFor();
      await journey.shot("invited");
    });
    await withBrowser("agency-card-client", async (journey) => {
      const { page } = journey;
      await page.goto(lastEmailLink(email));
      await page.getByRole("link", { name: "Sign in or create an account" }).click();
      await journey.signIn(email);
      await page.getByRole("button", { name: "Accept the invitation" }).click();
      await page.getByRole("heading", { name: /Connect your accounts/ }).waitFor();
      await journey.connect("YouTube");
      await page.getByText("YouTube is connected.").waitFor();
      await journey.shot("client-connected");
    });
    await withBrowser("agency-card-after", async (journey) => {
      const { page } = journey;
      await page.goto(agency.page("/workspace/clients"));
      await journey.signIn(agency.email);
      await page.getByRole("article").getByText("Active", { exact: true }).waitFor();
      await journey.shot("client-active");
      await journey.readmeShot("agency-clients");
      await page.getByRole("link", { name: "Connections" }).click();
      await page.locator(".badge.healthy").getByText("Healthy", { exact: true }).waitFor();
      await page.getByText("Brightside Bakery", { exact: false }).first().waitFor();
      await journey.shot("connections-healthy");
      await journey.readmeShot("agency-connections");
    });
  },

  async "an-owner-revokes-an-invitation-and-deletes-a-client-disconnecting-its-accounts"() {
    const agency = agencyInBrowser("tidy");
    const pending = `pending-${Date.now().toString(36)}@brand.example`;
    assert.equal((await api("POST", `/workspaces/${agency.id}/invitations`, agency.token, { email: pending, client_name: "Pending Brand" })).status, 201);
    const leaving = `leaving-${Date.now().toString(36)}@brand.example`;
    const invited = await api("POST", `/workspaces/${agency.id}/invitations`, agency.token, { email: leaving, client_name: "Leaving Brand", platforms: ["x"] });
    assert.equal(invited.status, 201);
    const token = new URL(lastEmailLink(leaving)).searchParams.get("token");
    assert.equal((await api("POST", "/invitations/accept", local("token", "--sub", localSub(leaving), "--email", leaving), { token })).status, 200);
    const link = await api("POST", `/workspaces/${agency.id}/clients/${invited.body.client_id}/connect-link`, agency.token, {});
    await withBrowser("agency-tidy-client", async (journey) => {
      await journey.page.goto(link.body.url);
      await journey.connect("X");
      await journey.page.getByText("X is connected.").waitFor();
      await journey.shot("client-connected");
    });
    await withBrowser("agency-tidy", async (journey) => {
      const { page } = journey;
      await page.goto(agency.page("/workspace/clients"));
      await journey.signIn(agency.email);
      await page.getByRole("button", { name: `Revoke the invitation of ${pending}` }).click();
      await page.getByText("The invitation was withdrawn").waitFor();
      await journey.shot("revoked");
      await page.getByRole("link", { name: "Delete client Leaving Brand" }).click();
      await page.getByRole("heading", { name: "Delete Leaving Brand?" }).waitFor();
      await journey.shot("confirm-delete");
      await page.getByLabel("Disconnect them").check();
      await page.getByRole("button", { name: "Delete Leaving Brand" }).click();
      await page.getByText("The client was deleted").waitFor();
      await journey.shot("deleted");
      await page.getByRole("link", { name: "Connections" }).click();
      await page.getByText("No accounts are connected yet.").waitFor();
      await journey.shot("no-connections");
    });
    await withBrowser("agency-tidy-revoked-link", async (journey) => {
      const response = await journey.page.goto(lastEmailLink(pending));
      assert.equal(response.status(), 410);
      await journey.page.getByText("This invitation was withdrawn").waitFor();
      await journey.shot("revoked-invitation");
    });
  },

  async "an-owner-turns-the-invite-link-off-and-refreshes-it-with-the-keyboard-only"() {
    const agency = agencyInBrowser("keys");
    const enabled = await api("PUT", `/workspaces/${agency.id}/invite-link`, agency.token, { enabled: true, platforms: ["tiktok"] });
    assert.equal(enabled.status, 200);
    const joinsNoOne = async (label) => withBrowser(`agency-keys-${label}`, async (journey) => {
      const response = await journey.page.goto(enabled.body.url);
      assert.equal(response.status(), 410, label);
      await journey.page.getByText("This invite link no longer works").waitFor();
      await journey.shot("old-link");
    });
    await withBrowser("agency-keys", async (journey) => {
      const { page } = journey;
      await page.goto(agency.page("/workspace/invite-link"));
      await journey.tabTo("Email");
      await page.keyboard.type(agency.email);
      await page.keyboard.press("Enter");
      await page.getByRole("heading", { name: /Invite link of/ }).waitFor();
      await journey.shot("invite-link-on");
      await journey.tabTo("The invite link is on");
      await page.keyboard.press("Space");
      await journey.tabTo("Save");
      await page.keyboard.press("Enter");
      await page.getByText("The invite link is off").waitFor();
      await journey.shot("invite-link-off");
    });
    await joinsNoOne("while-off");
    await withBrowser("agency-keys-refresh", async (journey) => {
      const { page } = journey;
      await page.goto(agency.page("/workspace/invite-link"));
      await journey.tabTo("Email");
      await page.keyboard.type(agency.email);
      await page.keyboard.press("Enter");
      await page.getByText("The invite link is off").waitFor();
      await journey.tabTo("The invite link is on");
      await page.keyboard.press("Space");
      await journey.tabTo("Save");
      await page.keyboard.press("Enter");
      await page.getByText("settings are saved").waitFor();
      await journey.tabTo("Refresh the link");
      await page.keyboard.press("Enter");
      await page.getByText("The invite link was replaced").waitFor();
      await journey.shot("invite-link-refreshed");
      assert.notEqual(await page.getByLabel("Invite link", { exact: true }).inputValue(), enabled.body.url);
    });
    await joinsNoOne("after-refresh");
  },

  async "an-owner-ticks-two-invitations-by-keyboard-and-revokes-them-in-one-step"() {
    const agency = agencyInBrowser("batch");
    const stamp = Date.now().toString(36);
    const [first, second, stays] = ["first", "second", "stays"].map((who) => `${who}-${stamp}@brand.example`);
    for (const email of [first, second, stays]) {
      assert.equal((await api("POST", `/workspaces/${agency.id}/invitations`, agency.token, { email })).status, 201);
    }
    await withBrowser("agency-batch", async (journey) => {
      const { page } = journey;
      await page.goto(agency.page("/workspace/clients"));
      await journey.tabTo("Email");
      await page.keyboard.type(agency.email);
      await page.keyboard.press("Enter");
      await page.getByRole("group", { name: "The people ticked below" }).waitFor();
      await journey.shot("clients-with-boxes");
      for (const email of [second, first]) {
        await journey.tabTo(`Select ${email}`);
        await page.keyboard.press("Space");
      }
      assert.equal(await page.getByLabel(`Select ${first}`).isChecked(), true);
      assert.equal(await page.getByLabel(`Select ${stays}`).isChecked(), false);
      await journey.shot("two-ticked");
      // The buttons of the ticked come before the list: back up to them.
      await journey.tabTo("Revoke selected", "Shift+Tab");
      await page.keyboard.press("Enter");
      await page.getByText(/^Revoked .*\.$/).waitFor();
      await journey.shot("two-revoked");
      const said = await page.getByRole("status").textContent();
      assert.ok(said.includes(first) && said.includes(second) && !said.includes(stays), said);
    });
    const listed = await api("GET", `/workspaces/${agency.id}/invitations`, agency.token);
    const status = (email) => listed.body.items.find((item) => item.email === email).status;
    assert.deepEqual([status(first), status(second), status(stays)], ["revoked", "revoked", "invited"]);
  },

  async "an-owner-takes-a-platform-away-from-a-client-and-is-asked-before-its-account-is-disconnected"() {
    const agency = agencyInBrowser("rights");
    const email = `rights-${Date.now().toString(36)}@brand.example`;
    const invited = await api("POST", `/workspaces/${agency.id}/invitations`, agency.token, {
      email, client_name: "Rights Brand", platforms: ["x", "youtube"],
    });
    assert.equal(invited.status, 201);
    const token = new URL(lastEmailLink(email)).searchParams.get("token");
    assert.equal((await api("POST", "/invitations/accept", local("token", "--sub", localSub(email), "--email", email), { token })).status, 200);
    const link = await api("POST", `/workspaces/${agency.id}/clients/${invited.body.client_id}/connect-link`, agency.token, {});
    await withBrowser("agency-rights-client", async (journey) => {
      await journey.page.goto(link.body.url);
      await journey.connect("X");
      await journey.page.getByText("X is connected.").waitFor();
    });
    await withBrowser("agency-rights", async (journey) => {
      const { page } = journey;
      await page.goto(agency.page("/workspace/clients"));
      await journey.signIn(agency.email);
      await page.getByRole("link", { name: "Change rights of Rights Brand" }).click();
      await page.getByRole("heading", { name: "Rights of Rights Brand" }).waitFor();
      await journey.shot("rights");
      await page.getByLabel("X", { exact: true }).uncheck();
      await page.getByLabel("Manage the social inbox").check();
      await page.getByRole("button", { name: "Save the rights" }).click();
      await page.getByRole("group", { name: "Its connected accounts on X" }).waitFor();
      await journey.shot("asked-keep-or-disconnect");
      await page.getByLabel("Disconnect them").check();
      await page.getByRole("button", { name: "Save the rights" }).click();
      await page.getByText("rights are saved").waitFor();
      await journey.shot("rights-saved");
      assert.ok((await page.getByText("Connect YouTube; manage the inbox").count()) > 0);
    });
    const connections = await api("GET", `/workspaces/${agency.id}/connections`, agency.token);
    assert.deepEqual(connections.body.items, []);
  },

  async "a-client-person-opening-an-agency-page-sees-a-refusal-and-no-data"() {
    const agency = agencyInBrowser("refuse");
    const email = `person-${Date.now().toString(36)}@brand.example`;
    assert.equal((await api("POST", `/workspaces/${agency.id}/invitations`, agency.token, { email, client_name: "Secret Brand" })).status, 201);
    const token = new URL(lastEmailLink(email)).searchParams.get("token");
    assert.equal((await api("POST", "/invitations/accept", local("token", "--sub", localSub(email), "--email", email), { token })).status, 200);
    await withBrowser("agency-refusal", async (journey) => {
      const { page } = journey;
      const first = agency.page("/workspace/clients");
      await page.goto(first);
      await journey.signIn(email);
      await page.getByRole("heading", { name: "This page is for the workspace's owners and admins" }).waitFor();
      await journey.shot("refused");
      for (const path of ["/workspace/clients", "/workspace/invite-link", "/workspace/connections"]) {
        const response = await page.goto(agency.page(path));
        assert.equal(response.status(), 403, path);
        assert.equal(await page.getByText("Secret Brand").count(), 0, "no data");
        assert.equal(await page.getByText(agency.email).count(), 0, "no data");
      }
    });
  },
};

let failed = 0;
// E2E_ONLY=<part of a name> runs only the journeys whose names contain it.
for (const [name, test] of Object.entries(tests)) {
  if (process.env.E2E_ONLY && !name.includes(process.env.E2E_ONLY)) continue;
  try {
    await test();
  } catch (error) {
    failed += 1;
    console.error(`e2e: ${name}: FAILED\n`, error);
  }
}
process.exit(failed ? 1 : 0);
