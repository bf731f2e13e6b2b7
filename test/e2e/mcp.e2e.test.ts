/* eslint-disable @typescript-eslint/no-require-imports, @n8n/community-nodes/no-restricted-imports -- test-only MCP client in plain Node, never inside n8n; the MCP SDK is n8n's dependency, loaded from its install folder */
/**
 * The example "Evo Voice as an MCP server" published in a running n8n (`n8n start`), used by an
 * MCP client made with the MCP SDK that n8n itself ships, over Streamable HTTP at /mcp/<path>:
 * the token is required, the tools are listed with our action texts and their `$fromAI`
 * arguments, Get Active gives the simulator's live sessions as lean records, a bad session ID
 * gives Evo Voice's error with the hint, no secret reaches the client and nothing is changed.
 */
import { join } from 'node:path';

import { RESOURCES } from '../../nodes/EvoVoice/actions/resources';
import type { Simulator } from '../simulator/server';
import { waitFor } from './executions';
import { LOCAL_MCP_TOKEN, packagedN8nWithSimulator, readExamples, signInSecrets } from './fixtures';
import type { N8nInstall, N8nInstance, RunningN8n } from './n8n';

const EXAMPLE = readExamples().find((workflow) => workflow.id === 'evoExMcpServer01')!;
const TRIGGER = EXAMPLE.nodes.find((node) => node.type === '@n8n/n8n-nodes-langchain.mcpTrigger')!;
const TOOL_NODES = EXAMPLE.nodes.filter((node) => node.type === 'n8n-nodes-evovoice.evoVoiceTool');

/** What the tools answer with: MCP's text content. */
interface ToolResult {
	isError?: boolean;
	content: Array<{ type: string; text?: string }>;
}

interface ListedTool {
	name: string;
	description?: string;
	inputSchema: { type: string; properties?: Record<string, { type?: string; description?: string }>; required?: string[] };
}

/** The parts of the SDK's client this test uses. */
interface McpClient {
	connect(transport: unknown): Promise<void>;
	listTools(): Promise<{ tools: ListedTool[] }>;
	callTool(request: { name: string; arguments: Record<string, unknown> }): Promise<ToolResult>;
	close(): Promise<void>;
}

let install: N8nInstall;
let instance: N8nInstance;
let simulator: Simulator;
let n8n: RunningN8n;
let client: McpClient;
/** Every answer body (and its headers) that came back to the client, once read whole. */
const received: Array<Promise<string>> = [];

/** A fetch that keeps a copy of every answer to a POST (the GET stream of notifications stays open). */
const recordingFetch: typeof fetch = async (input, init) => {
	const response = await fetch(input, init);
	if (init?.method === 'POST' || init?.method === 'DELETE') {
		const headers = JSON.stringify([...response.headers]);
		received.push(response.clone().text().then((body) => `${headers}\n${body}`));
	}
	return response;
};

function mcpUrl(): string {
	return `${n8n.url}/mcp/${String(TRIGGER.parameters.path)}`;
}

function sdk<T>(modulePath: string): T {
	return require(join(install.folder, 'node_modules', '@modelcontextprotocol', 'sdk', 'dist', 'cjs', modulePath)) as T;
}

/** The tool's name as n8n makes it from the node's name. */
function toolName(nodeName: string): string {
	return nodeName.replace(/[^A-Za-z0-9_-]/g, '_');
}

function actionOf(parameters: Record<string, unknown>): string {
	const declaration = RESOURCES.find((resource) => resource.resource === parameters.resource)!.operations.find(
		(operation) => operation.operation === parameters.operation,
	)!;
	return declaration.action;
}

/** The JSON records a tool result holds (n8n sends the output items' JSON, at times as a JSON string). */
function recordsOf(result: ToolResult): Array<Record<string, unknown>> {
	expect(result.isError).toBeFalsy();
	let parsed: unknown = JSON.parse(result.content.map((part) => part.text ?? '').join(''));
	if (typeof parsed === 'string') parsed = JSON.parse(parsed);
	return parsed as Array<Record<string, unknown>>;
}

beforeAll(async () => {
	({ install, simulator, instance } = await packagedN8nWithSimulator());
	await instance.importWorkflows([EXAMPLE]);
	await instance.publishWorkflow(EXAMPLE.id);
	n8n = await instance.start();
});

afterAll(async () => {
	await client?.close();
	await n8n?.stop();
	await simulator?.close();
	instance?.remove();
});

describe('Evo Voice as an MCP server, with an MCP client', () => {
	it('the published path refuses a client without the token', async () => {
		// Activation is asynchronous in n8n 2.40 and later: the path answers 404 until it is registered.
		const status = await waitFor('the MCP path to be registered', 240_000, async () => {
			const answer = await recordingFetch(mcpUrl(), {
				method: 'POST',
				headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
				body: JSON.stringify({ jsonrpc: '2.0', id: 0, method: 'ping' }),
			});
			return answer.status === 404 ? undefined : answer.status;
		});
		expect(status).toBe(403);
	});

	it('lists the read-only tools with our action texts and the $fromAI arguments, typed', async () => {
		const { Client } = sdk<{ Client: new (info: { name: string; version: string }) => McpClient }>('client/index.js');
		const { StreamableHTTPClientTransport } = sdk<{ StreamableHTTPClientTransport: new (url: URL, options: unknown) => unknown }>(
			'client/streamableHttp.js',
		);
		client = new Client({ name: 'evovoice-e2e', version: '1.0.0' });
		await client.connect(
			new StreamableHTTPClientTransport(new URL(mcpUrl()), {
				requestInit: { headers: { authorization: `Bearer ${LOCAL_MCP_TOKEN}` } },
				fetch: recordingFetch,
			}),
		);

		const { tools } = await client.listTools();

		expect(tools.map((tool) => tool.name).sort()).toEqual(TOOL_NODES.map((node) => toolName(node.name)).sort());
		for (const node of TOOL_NODES) {
			const tool = tools.find((listed) => listed.name === toolName(node.name))!;
			expect(tool.description).toBe(`${actionOf(node.parameters)} in Evo Voice`);
		}
		const schemaOf = (nodeName: string) => tools.find((tool) => tool.name === toolName(nodeName))!.inputSchema;
		// No $fromAI: no argument.
		expect(Object.keys(schemaOf('Get Active Sessions').properties ?? {})).toEqual([]);
		// The session ID is a required string, described by the hint written in the expression.
		expect(schemaOf('Get Session')).toMatchObject({
			type: 'object',
			properties: { Session: { type: 'string', description: expect.stringContaining('as Get Active Sessions gives it') } },
			required: ['Session'],
		});
		// A Limit with a default is an optional number; so is a Name filter with an empty default, a string.
		for (const node of TOOL_NODES.filter((tool) => typeof tool.parameters.limit === 'string')) {
			const schema = schemaOf(node.name);
			const hasName = typeof (node.parameters.filters as { nameFilter?: string }).nameFilter === 'string';
			expect(schema.properties).toEqual({
				Limit: expect.objectContaining({ type: 'number', description: expect.stringContaining('how many more exist') }),
				...(hasName ? { Name: expect.objectContaining({ type: 'string' }) } : {}),
			});
			expect(schema.required ?? []).toEqual([]);
		}
	});

	it("Get Active gives the simulator's live sessions, each in under 300 characters", async () => {
		const live = [...simulator.sessions.values()].filter((session) => !session.ended);

		const sessions = recordsOf(await client.callTool({ name: 'Get_Active_Sessions', arguments: {} }));

		expect(sessions.map((session) => session.id).sort()).toEqual(live.map((session) => session.id).sort());
		for (const session of sessions) {
			expect(JSON.stringify(session).length).toBeLessThan(300);
			expect(session).not.toHaveProperty('log');
			expect(session).not.toHaveProperty('members');
		}
	});

	it("a list tool sends the model's filter to Evo Voice, honours its Limit and says that more exist", async () => {
		const customers = recordsOf(await client.callTool({ name: 'Get_Customers', arguments: { Name: 'Northwind', Limit: 2 } }));

		expect(customers).toHaveLength(3);
		for (const customer of customers.slice(0, 2)) expect(customer.name).toContain('Northwind');
		expect(customers[2].note).toMatch(/more results exist than the 2 shown/i);
		const listed = simulator.requests.filter((request) => request.rawPath === '/customers');
		expect(listed.length).toBeGreaterThan(0);
		for (const request of listed) expect(request.query.nameFilter).toBe('Northwind');
	});

	it("a bad session ID gives Evo Voice's error with what to do", async () => {
		const result = await client.callTool({ name: 'Get_Session', arguments: { Session: 'ses-does-not-exist' } });

		expect(result.isError).toBe(true);
		const text = result.content.map((part) => part.text ?? '').join('\n');
		expect(text).toMatch(/\[HTTP 404/);
		expect(text).toContain("take it from what a list tool returned (a live call's session ID from Get Active Sessions)");
	});

	it('no secret reached the client, and Evo Voice saw only reads', async () => {
		const everything = (await Promise.all(received)).join('\n');
		// The copies hold what the client read: the tool list and the results.
		expect(everything).toContain('Get_Active_Sessions');
		expect(everything).toContain('ses-does-not-exist');
		const secrets = signInSecrets(simulator);
		// The passwords, and at least one session cookie.
		expect(secrets.length).toBeGreaterThan(1);
		for (const secret of secrets) expect(everything).not.toContain(secret);

		const changes = simulator.requests.filter((request) => request.method !== 'GET' && request.rawPath !== '/auth/credentials');
		expect(changes).toEqual([]);
	});
});
