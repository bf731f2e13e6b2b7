/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- command-line entry point that runs in plain Node, never inside n8n */
/**
 * `npm run dev`: the package in a local n8n against the simulator, ready to click through. Starts
 * the simulator, installs the freshly packed package into a persistent n8n user folder (outside
 * the repo), imports the simulator credential and, on first use, the example workflows, starts the
 * pinned n8n, signs the owner up and prints where to go.
 *
 *   npm run dev [-- --port 5678] [-- --simulator-port 4010] [-- --reset]
 */
import { existsSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

import { DEMO_USER, startSimulator } from '../simulator/server';
import { SIMULATOR_CREDENTIAL, readExamples, simulatorCredential } from './examples';
import { LOCAL_OWNER, N8nInstance, N8nRestClient, ensureN8n, packPackage } from './n8n';

function numberFlag(flag: string, environmentVariable: string, fallback: number): number {
	const position = process.argv.indexOf(flag);
	const value = position >= 0 ? process.argv[position + 1] : process.env[environmentVariable];
	const number = Number(value ?? fallback);
	if (!Number.isInteger(number) || number < 1 || number > 65535) throw new Error(`${flag}: not a port: ${value}`);
	return number;
}

function say(line: string) {
	process.stdout.write(`${line}\n`);
}

async function main() {
	const editorPort = numberFlag('--port', 'N8N_PORT', 5678);
	const simulatorPort = numberFlag('--simulator-port', 'EVOVOICE_SIMULATOR_PORT', 4010);
	// Persistent, so what is built in the editor survives a restart; --reset starts over.
	const userFolder = process.env.EVOVOICE_DEV_FOLDER ?? join(homedir(), '.cache', 'n8n-nodes-evovoice', 'dev-n8n');
	if (process.argv.includes('--reset')) rmSync(userFolder, { recursive: true, force: true });
	const firstUse = !existsSync(join(userFolder, '.n8n', 'database.sqlite'));

	say('Building and packing n8n-nodes-evovoice; installing the pinned n8n (about 5 minutes the first time)…');
	const [install, tarball] = await Promise.all([ensureN8n(), packPackage()]);
	const simulator = await startSimulator({ port: simulatorPort });
	say(`Evo Voice simulator: ${simulator.url}`);

	const n8n = await N8nInstance.create(install, tarball, userFolder);
	await n8n.importCredentials([simulatorCredential(SIMULATOR_CREDENTIAL, simulator.url, DEMO_USER)]);
	const examples = readExamples();
	// Only into a new folder: importing again would overwrite the user's edits to the examples.
	if (firstUse) await n8n.importWorkflows(examples);

	say('Starting n8n…');
	const running = await n8n.start(editorPort);
	await N8nRestClient.signIn(running.url);

	say('');
	say(`n8n editor:   ${running.url}`);
	say(`Sign in as:   ${LOCAL_OWNER.email} / ${LOCAL_OWNER.password}`);
	say(`Credential:   "${SIMULATOR_CREDENTIAL.name}" (${DEMO_USER.email} on ${simulator.url})`);
	say('Examples:');
	for (const workflow of examples) say(`  ${workflow.name}: ${running.url}/workflow/${workflow.id}`);
	say(`User folder:  ${userFolder} (npm run dev -- --reset starts over)`);
	say('Press Ctrl+C to stop.');

	let stopping = false;
	const stop = () => {
		if (stopping) return;
		stopping = true;
		void Promise.all([running.stop(), simulator.close()]).then(() => process.exit(0));
	};
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
}

main().catch((error: Error) => {
	process.stderr.write(`${error.message}\n`);
	process.exit(1);
});
