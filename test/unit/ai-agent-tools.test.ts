/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test-only code that reads the example in plain Node */
/**
 * The AI Agent example runs no model in CI, so its tools are checked the way n8n builds them:
 * each Evo Voice tool node must name a real operation, fill every required parameter (itself or
 * through $fromAI), and give the model a described argument schema.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { FromAIArgument, INodeParameters, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { NodeHelpers, generateZodSchema, traverseNodeParameters } from 'n8n-workflow';

import { EvoVoice } from '../../nodes/EvoVoice/EvoVoice.node';

interface ExampleNode {
	name: string;
	type: string;
	parameters: INodeParameters;
}

const example = JSON.parse(
	readFileSync(join(__dirname, '..', '..', 'examples', 'ai-agent-supervisor.json'), 'utf8'),
) as { nodes: ExampleNode[]; connections: Record<string, Record<string, Array<Array<{ node: string; type: string }>>>> };
const { description } = new EvoVoice();
const tools = example.nodes.filter((node) => node.type === 'n8n-nodes-evovoice.evoVoiceTool');

function fromAiArguments(parameters: INodeParameters): FromAIArgument[] {
	const collected: FromAIArgument[] = [];
	traverseNodeParameters(parameters, collected);
	return collected;
}

describe('the AI Agent example', () => {
	it('uses the node as tools, which only a usableAsTool node can be', () => {
		expect(description.usableAsTool).toBe(true);
		expect(tools.length).toBeGreaterThanOrEqual(4);
		for (const tool of tools) {
			expect(example.connections[tool.name]?.ai_tool?.[0]?.[0]).toMatchObject({ node: 'Supervisor Agent', type: 'ai_tool' });
		}
	});

	it.each(tools.map((tool) => [tool.name, tool] as const))('%s names a real operation and sets all it requires', (_name, tool) => {
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

	it.each(tools.map((tool) => [tool.name, tool] as const))('%s gives the model a described schema', (_name, tool) => {
		const schemaArguments = fromAiArguments(tool.parameters);
		for (const argument of schemaArguments) {
			expect(argument.description?.length ?? 0).toBeGreaterThan(10);
			expect(generateZodSchema(argument).safeParse('ses-0003').success).toBe(true);
		}
		const keys = schemaArguments.map((argument) => argument.key).sort();
		const expected: Record<string, string[]> = {
			getActive: [],
			get: ['sessionId'],
			getTranscript: ['sessionId'],
			sendMessage: ['message', 'sessionId'],
			transfer: ['destination', 'sessionId'],
		};
		expect(keys).toEqual(expected[tool.parameters.operation as string]);
	});
});
