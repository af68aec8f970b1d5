// Verify committed pacts against a running simulator:
//   npx tsx contracts/provider/verify-cli.ts http://127.0.0.1:4010 [pact.json ...]
// Exit code 0 when every interaction passes, 1 otherwise (the verifier prints the mismatches).
import { coverageLines } from './coverage-lines.ts';
import { committedPacts, verifyPact } from './verify.ts';
import { scenarioProviderStates } from './scenario-states.ts';

const [providerBaseUrl, ...files] = process.argv.slice(2);
if (!providerBaseUrl) {
  console.error('usage: tsx contracts/provider/verify-cli.ts <provider-base-url> [pact.json ...]');
  process.exit(2);
}
const states = scenarioProviderStates({ simulatorUrl: providerBaseUrl, prefix: `pact-cli-${process.pid}` });
let failed = false;
for (const pactFile of files.length ? files : committedPacts()) {
  try {
    await verifyPact({ providerBaseUrl, pactFile, states });
    console.log(`VERIFIED ${pactFile}`);
  } catch (err) {
    failed = true;
    console.log(`FAILED ${(err as Error).message}`);
  }
}
for (const line of coverageLines(states.coverage())) console.log(line);
process.exit(failed ? 1 : 0);
