/**
 * The AI examples (agents and the MCP server) run no real model in CI, so their tools are also
 * checked the way n8n builds them: each Evo Voice tool node must name a real operation, fill every
 * required parameter (itself or through $fromAI), give the model a described argument schema, and
 * reach an agent or an MCP server (directly or through a human review node).
 */
import type { FromAIArgument, INodeParameters, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { NodeHelpers, generateZodSchema, traverseNodeParameters } from 'n8n-workflow';

import { EvoVoice } from '../../nodes/EvoVoice/EvoVoice.node';
import { readExamples } from '../e2e/fixtures';

interface ExampleNode {
	name: string;
	type: string;
	parameters: INodeParameters;
}

interface Example {
	name: string;
	nodes: ExampleNode[];
	connections: Record<string, Record<string, Array<Array<{ node: string; type: string }>>>>;
}

const TOOL_TYPE = 'n8n-nodes-evovoice.evoVoiceTool';
/** What a tool may plug into: an agent, an MCP server, or n8n's human review in front of one. */
const TOOL_USERS = /^@n8n\/n8n-nodes-langchain\.(agent|mcpTrigger|[a-zA-Z]+HitlTool)$/;

const examples = (readExamples() as unknown as Example[]).filter((example) => example.nodes.some((node) => node.type === TOOL_TYPE));
const { description } = new EvoVoice();
const tools = examples.flatMap((example) =>
	example.nodes.filter((node) => node.type === TOOL_TYPE).map((tool) => [`${example.name}: ${tool.name}`, tool, example] as const),
);

function fromAiArguments(parameters: INodeParameters): FromAIArgument[] {
	const collected: FromAIArgument[] = [];
	traverseNodeParameters(parameters, collected);
	return collected;
}

describe('the AI examples\' Evo Voice tools', () => {
	it('are there: the agent, receptionist and MCP server examples use the node as tools, which only a usableAsTool node can be', () => {
		expect(description.usableAsTool).toBe(true);
		expect(examples.length).toBeGreaterThanOrEqual(3);
	});

	it.each(tools)('%s reaches an agent or an MCP server', (_name, tool, example) => {
		const target = example.connections[tool.name]?.ai_tool?.[0]?.[0];
		const targetType = example.nodes.find((node) => node.name === target?.node)?.type ?? '';
		expect(targetType).toMatch(TOOL_USERS);
	});

	it.each(tools)('%s names a real operation and sets all it requires', (_name, tool) => {
		const operations = description.properties.find(
			(property) =>
				property.name === 'operation' && property.displayOptions?.show?.resource?.includes(tool.parameters.resource as string),
		);
		const offered = (operations?.options as INodePropertyOptions[]).map((option) => option.value);
		expect(offered).toContain(tool.parameters.operation);

		const resolved = NodeHelpers.getNodeParameters(description.properties, tool.parameters, true, false, null, null);
		const shown = description.properties.filter(
			(property: INodeProperties) =>
				property.required === true && NodeHelpers.displayParameter(tool.parameters, property, null, null),
		);
		for (const property of shown) {
			const value = resolved?.[property.name] as unknown;
			const text = typeof value === 'object' && value !== null ? (value as { value?: unknown }).value : value;
			expect([property.name, text]).not.toEqual([property.name, '']);
		}
	});

	it.each(tools)('%s gives the model a described schema', (_name, tool) => {
		for (const argument of fromAiArguments(tool.parameters)) {
			expect(argument.description?.length ?? 0).toBeGreaterThan(10);
			const sample = argument.type === 'number' ? 5 : 'ses-0003';
			expect(generateZodSchema(argument).safeParse(sample).success).toBe(true);
		}
	});
});
