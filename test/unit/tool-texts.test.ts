/**
 * What a model reads of each operation when n8n makes a tool of the node: the tool's description
 * is the operation's action plus " in Evo Voice" (n8n's "Set Automatically"), and the people
 * who let a model fill a parameter ($fromAI) read its description to write the hint.
 */
import type { INodeProperties, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { EvoVoice } from '../../nodes/EvoVoice/EvoVoice.node';
import { requestOptionsProperty } from '../../nodes/EvoVoice/actions/parameters';
import { RESOURCES } from '../../nodes/EvoVoice/actions/resources';

/** n8n caps a tool's description and each text a model reads at this length (OpenAI's limit). */
const MAX_TEXT = 1024;

const declarations = RESOURCES.flatMap((resource) => resource.operations);
const { description } = new EvoVoice();

/** The tool node's description as n8n's convertNodeToAiTool makes it from the node's. */
const toolDescription: INodeTypeDescription = { ...description, name: `${description.name}Tool` };

/** Every parameter and, inside collections and fixed collections, every field, with its path. */
function fieldsOf(properties: readonly INodeProperties[], prefix = ''): Array<[string, INodeProperties]> {
	return properties.flatMap((property): Array<[string, INodeProperties]> => {
		const path = `${prefix}${property.name}`;
		const nested = (property.options ?? []).flatMap((option) => {
			if ('values' in option && Array.isArray(option.values)) return fieldsOf(option.values, `${path}.${option.name}.`);
			if ('type' in option) return fieldsOf([option as INodeProperties], `${path}.`);
			return [];
		});
		return [[path, property], ...nested];
	});
}

describe('tool texts', () => {
	it('gives every operation its own action', () => {
		const actions = declarations.map((declaration) => declaration.action);
		expect(actions.every((action) => action.trim().length > 0)).toBe(true);
		expect(new Set(actions.map((action) => action.toLowerCase())).size).toBe(actions.length);
	});

	it.each(declarations.map((declaration) => [`${declaration.resource} → ${declaration.name}`, declaration] as const))(
		'%s: a tool description n8n builds under 1,024 characters, and a described, short parameter each',
		(_name, declaration) => {
			const built = NodeHelpers.getToolDescriptionForNode(
				{
					id: 'tool',
					name: 'Evo Voice',
					type: `n8n-nodes-evovoice.${toolDescription.name}`,
					typeVersion: 1.1,
					position: [0, 0],
					parameters: { resource: declaration.resource, operation: declaration.operation, descriptionType: 'auto' },
				},
				{ description: toolDescription } as INodeType,
			);
			expect(built).toBe(`${declaration.action} in Evo Voice`);
			expect(built.length).toBeLessThan(MAX_TEXT);

			const fields = fieldsOf([...declaration.properties, requestOptionsProperty(declaration.options)]);
			for (const [path, field] of fields) {
				// A notice is read by people only; a collection is filled field by field.
				if (['notice', 'collection', 'fixedCollection'].includes(field.type)) continue;
				expect([path, field.description?.trim() ? 'described' : 'no description']).toEqual([path, 'described']);
				expect([path, field.description!.length]).toEqual([path, expect.any(Number)]);
				expect(field.description!.length).toBeLessThan(MAX_TEXT);
				expect(field.displayName.length).toBeLessThan(MAX_TEXT);
			}
		},
	);
});
