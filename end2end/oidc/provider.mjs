// A real OpenID provider for Pathway's tests (issue 17 item 12): npm's `oidc-provider`
// (the certified Node implementation), never a mock. Its development sign-in pages accept
// any login name as the subject, which is all a test needs.
//
//   OIDC_PORT=4455 OIDC_REDIRECT_URI=http://127.0.0.1:3000/auth/oidc/callback node provider.mjs
//
// Prints "ready <issuer>" once it listens. One confidential client, "pathway", whose secret
// is OIDC_CLIENT_SECRET (or "pathway-test-secret"); PKCE is required.
import Provider from "oidc-provider";

const port = Number(process.env.OIDC_PORT);
const redirectUri = process.env.OIDC_REDIRECT_URI;
if (!port || !redirectUri) {
  console.error("set OIDC_PORT and OIDC_REDIRECT_URI");
  process.exit(2);
}
const issuer = `http://127.0.0.1:${port}`;

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: "pathway",
      client_secret: process.env.OIDC_CLIENT_SECRET ?? "pathway-test-secret",
      redirect_uris: [redirectUri],
      grant_types: ["authorization_code"],
      response_types: ["code"],
      token_endpoint_auth_method: "client_secret_basic",
    },
  ],
  pkce: { required: () => true },
  features: { devInteractions: { enabled: true } },
  cookies: { keys: ["pathway-test-cookie-key"] },
  async findAccount(_ctx, sub) {
    return { accountId: sub, async claims() { return { sub }; } };
  },
});
// quiet: the tests read only the "ready" line
provider.on("server_error", (_ctx, error) => console.error(`provider error: ${error.message}`));

provider.listen(port, "127.0.0.1", () => {
  console.log(`ready ${issuer}`);
});
