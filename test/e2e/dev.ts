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

import { portOption } from '../harness/port-option';
import { DEMO_USER, MANAGER_USER } from '../simulator/server';
import {
	CHAT_LOGIN_CREDENTIAL,
	LOCAL_CHAT_LOGIN,
	LOCAL_MCP_TOKEN,
	MANAGER_SIMULATOR_CREDENTIAL,
	MCP_TOKEN_CREDENTIAL,
	SIMULATOR_CREDENTIAL,
	packagedN8nWithSimulator,
	readExamples,
} from './fixtures';
import { LOCAL_OWNER, N8nRestClient } from './n8n';

function say(line: string) {
	process.stdout.write(`${line}\n`);
}

async function main() {
	// 0 for either means any free port.
	const editorPort = portOption('--port', 'N8N_PORT', 5678) || undefined;
	const simulatorPort = portOption('--simulator-port', 'EVOVOICE_SIMULATOR_PORT', 4010);
	// Persistent, so what is built in the editor survives a restart; --reset starts over.
	const userFolder = process.env.EVOVOICE_DEV_FOLDER ?? join(homedir(), '.cache', 'n8n-nodes-evovoice', 'dev-n8n');
	if (process.argv.includes('--reset')) rmSync(userFolder, { recursive: true, force: true });
	const firstUse = !existsSync(join(userFolder, '.n8n', 'database.sqlite'));

	say('Building and packing n8n-nodes-evovoice; installing the pinned n8n (about 5 minutes the first time)…');
	const { simulator, instance: n8n } = await packagedN8nWithSimulator({ simulatorPort, userFolder });
	say(`Evo Voice simulator: ${simulator.url}`);
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
	say(`              "${MANAGER_SIMULATOR_CREDENTIAL.name}" (${MANAGER_USER.email}, for the directory and files)`);
	say('Examples:');
	for (const workflow of examples) say(`  ${workflow.name}: ${running.url}/workflow/${workflow.id}`);
	say(`MCP server:   ${running.url}/mcp/evo-voice once "Evo Voice as an MCP server" is published,`);
	say(`              header Authorization: Bearer ${LOCAL_MCP_TOKEN} ("${MCP_TOKEN_CREDENTIAL.name}")`);
	say(`AI chats:     ${running.url}/webhook/<the Chat Trigger's webhook ID>/chat once published, login`);
	say(`              ${LOCAL_CHAT_LOGIN.user} / ${LOCAL_CHAT_LOGIN.password} ("${CHAT_LOGIN_CREDENTIAL.name}"); add your OpenAI credential`);
	say(`User folder:  ${userFolder} (npm run dev -- --reset starts over)`);
	say('');
	say('The examples change the simulator (a held call is not "Connected" any more), so a second run');
	say(`finds less to do. To start the simulator's calls afresh, type r and Enter here, or run`);
	say(`  curl -X POST ${simulator.url}/__simulator/reset`);
	say('Press Ctrl+C to stop.');
	process.stdin.setEncoding('utf8');
	process.stdin.on('data', (typed: string) => {
		if (typed.trim() !== 'r') return;
		simulator.reset();
		say('Simulator reset: the seeded calls and chats are live again.');
	});

	let stopping = false;
	const stop = () => {
		if (stopping) return;
		stopping = true;
		process.stdin.pause();
		void Promise.all([running.stop(), simulator.close()]).then(() => process.exit(0));
	};
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
}

main().catch((error: Error) => {
	process.stderr.write(`${error.message}\n`);
	process.exit(1);
});
