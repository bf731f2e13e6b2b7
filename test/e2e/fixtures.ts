/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test-only code that reads example files in plain Node, never inside n8n */
/**
 * What the e2e suites, `npm run dev` and the screenshots start from: the example workflows in
 * `examples/`, the simulator credential they use, and a pinned n8n with the package installed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Simulator } from '../simulator/server';
import { DEMO_USER, MANAGER_USER, startSimulator } from '../simulator/server';
import type { N8nInstall } from './n8n';
import { N8nInstance, REPO_ROOT, ensureN8n, packPackage } from './n8n';

const EXAMPLES_FOLDER = join(REPO_ROOT, 'examples');

/** The credential every example refers to; `npm run dev` and the e2e suite import it. */
export const SIMULATOR_CREDENTIAL = { id: 'evoVoiceSimulator', name: 'Evo Voice simulator' };

/** The Manager login the directory examples use (a phone user may not read the directory). */
export const MANAGER_SIMULATOR_CREDENTIAL = { id: 'evoVoiceManager', name: 'Evo Voice simulator (manager)' };

/**
 * The Bearer Auth credential the MCP server example's trigger checks, with the token of a local
 * n8n: `npm run dev` and the e2e suite import it, and an MCP client sends the token.
 */
export const MCP_TOKEN_CREDENTIAL = { id: 'evoVoiceMcpToken', name: 'Evo Voice MCP token' };
export const LOCAL_MCP_TOKEN = 'evo-voice-local-mcp-token';

/**
 * The Basic Auth credential the AI chat examples' Chat Triggers check (their chats are published
 * on a public URL), with the login of a local n8n: `npm run dev` and the e2e suite import it.
 */
export const CHAT_LOGIN_CREDENTIAL = { id: 'evoVoiceChatLogin', name: 'Evo Voice chat login' };
export const LOCAL_CHAT_LOGIN = { user: 'receptionist', password: 'evo-voice-local-chat' };

export interface WorkflowJson {
	id: string;
	name: string;
	nodes: Array<{
		id?: string;
		name: string;
		type: string;
		typeVersion?: number;
		position?: number[];
		parameters: Record<string, unknown>;
		credentials?: unknown;
		onError?: string;
		/** n8n's Retry On Fail settings of the node. */
		retryOnFail?: boolean;
		maxTries?: number;
		waitBetweenTries?: number;
	}>;
	connections: Record<string, unknown>;
}

export function readExamples(): WorkflowJson[] {
	return readdirSync(EXAMPLES_FOLDER)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => JSON.parse(readFileSync(join(EXAMPLES_FOLDER, file), 'utf8')) as WorkflowJson);
}

/** An Evo Voice API credential for `n8n import:credentials`, pointing at a simulator. */
export function simulatorCredential(
	identity: { id: string; name: string },
	simulatorUrl: string,
	login: { email: string; password: string },
) {
	return {
		...identity,
		type: 'evoVoiceApi',
		data: { environment: 'custom', baseUrl: simulatorUrl, email: login.email, password: login.password, sessionToken: '' },
	};
}

/** The MCP server example's Bearer Auth credential (n8n's `httpBearerAuth` type) for `n8n import:credentials`. */
export function mcpTokenCredential() {
	return { ...MCP_TOKEN_CREDENTIAL, type: 'httpBearerAuth', data: { token: LOCAL_MCP_TOKEN } };
}

/**
 * Every secret of the simulator's sign-ins, which nothing handed to a model or an MCP client may
 * hold: the logins' passwords and each session cookie value (`ss-id`, `ss-pid`) the simulator saw.
 */
export function signInSecrets(simulator: Simulator): string[] {
	const cookieValues = simulator.requests.flatMap((request) => [request.cookies['ss-id'], request.cookies['ss-pid']]).filter(Boolean);
	return [...new Set([DEMO_USER.password, MANAGER_USER.password, ...cookieValues])];
}

/** The AI chat examples' Basic Auth credential (n8n's `httpBasicAuth` type) for `n8n import:credentials`. */
export function chatLoginCredential() {
	return { ...CHAT_LOGIN_CREDENTIAL, type: 'httpBasicAuth', data: LOCAL_CHAT_LOGIN };
}

export interface PackagedN8n {
	install: N8nInstall;
	simulator: Simulator;
	instance: N8nInstance;
}

/**
 * Builds and packs the package, installs it into the pinned n8n (a temporary user folder unless
 * one is given), starts a simulator and imports the simulator credentials (a phone user and a
 * manager), the MCP server example's token and the AI chat examples' login, plus any others.
 */
export async function packagedN8nWithSimulator(
	options: {
		simulatorPort?: number;
		userFolder?: string;
		moreCredentials?: (simulatorUrl: string) => unknown[];
		/** Settings for every n8n process, e.g. a shared database for queue mode. */
		settings?: Record<string, string>;
	} = {},
): Promise<PackagedN8n> {
	const [install, tarball] = await Promise.all([ensureN8n(), packPackage()]);
	const simulator = await startSimulator({ port: options.simulatorPort ?? 0 });
	const instance = await N8nInstance.create(install, tarball, options.userFolder, options.settings);
	await instance.importCredentials([
		simulatorCredential(SIMULATOR_CREDENTIAL, simulator.url, DEMO_USER),
		simulatorCredential(MANAGER_SIMULATOR_CREDENTIAL, simulator.url, MANAGER_USER),
		mcpTokenCredential(),
		chatLoginCredential(),
		...(options.moreCredentials?.(simulator.url) ?? []),
	]);
	return { install, simulator, instance };
}

type WorkflowNode = WorkflowJson['nodes'][number];

/**
 * Manual Trigger → one item `{ id }` per value (a Set node and a Split Out) → `target`, then
 * whatever the caller wires after it. What the e2e tests and the bench run many items through.
 */
export function workflowOverIds(
	id: string,
	ids: string[],
	target: WorkflowNode,
	after: { nodes: WorkflowNode[]; connections: Record<string, unknown> } = { nodes: [], connections: {} },
): WorkflowJson {
	return {
		id,
		name: `${target.name} over ${ids.length} IDs`,
		nodes: [
			{ id: 'run', name: 'Run Now', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: 'ids',
				name: 'Session IDs',
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				position: [200, 0],
				parameters: { mode: 'raw', jsonOutput: JSON.stringify({ ids }) },
			},
			{
				id: 'split',
				name: 'One Item Each',
				type: 'n8n-nodes-base.splitOut',
				typeVersion: 1,
				position: [400, 0],
				parameters: { fieldToSplitOut: 'ids', options: { destinationFieldName: 'id' } },
			},
			{ position: [600, 0], ...target },
			...after.nodes,
		],
		connections: {
			'Run Now': { main: [[{ node: 'Session IDs', type: 'main', index: 0 }]] },
			'Session IDs': { main: [[{ node: 'One Item Each', type: 'main', index: 0 }]] },
			'One Item Each': { main: [[{ node: target.name, type: 'main', index: 0 }]] },
			...after.connections,
		},
	};
}

/** One Evo Voice node of a chain: its name, parameters and credential (the demo user's when none). */
export type ChainStep = [name: string, parameters: Record<string, unknown>, credential?: typeof SIMULATOR_CREDENTIAL];

/**
 * Manual Trigger → one Evo Voice node per step, in a chain, each run once whatever the items
 * before it (`executeOnce`): one workflow that tries several operations in a row.
 */
export function evoVoiceChain(
	id: string,
	name: string,
	steps: ChainStep[],
	typeVersion = 1,
): WorkflowJson {
	const chain = ['Run Now', ...steps.map(([stepName]) => stepName)];
	return {
		id,
		name,
		nodes: [
			{ id: 'manual', name: 'Run Now', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			...steps.map(([stepName, parameters, credential], index) => ({
				id: `step${index}`,
				name: stepName,
				type: 'n8n-nodes-evovoice.evoVoice',
				typeVersion,
				position: [240 * (index + 1), 0],
				parameters,
				credentials: { evoVoiceApi: credential ?? SIMULATOR_CREDENTIAL },
				executeOnce: true,
			})),
		],
		connections: Object.fromEntries(
			chain.slice(0, -1).map((from, index) => [from, { main: [[{ node: chain[index + 1], type: 'main', index: 0 }]] }]),
		),
	};
}
