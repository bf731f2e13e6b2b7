/**
 * Each operation is declared once: where it sits (resource and value), what it is called and
 * says (name, description, the action an AI agent reads), its parameters, the Evo Voice
 * endpoints it calls and how one item runs. The node's Resource and Operation options, the
 * parameters' display conditions, the subtitle and the dispatch are all derived from these.
 */
import type { INodeExecutionData, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { EndpointName } from '../transport';
import type { ItemRun } from './itemRun';
import { requestOptionsProperty } from './parameters';

/** The node's versions: 1.1 moved Invite Chat Member from Session to Chat. */
export const NODE_VERSIONS = [1, 1.1];
export const CURRENT_VERSION = 1.1;

export interface OperationDeclaration {
	resource: string;
	/** The Operation parameter's value. */
	operation: string;
	name: string;
	description: string;
	/** What the operation does, as the editor's action list and an AI agent's tool read it. */
	action: string;
	/** The Evo Voice endpoints it calls (see the endpoint table), for its documentation. */
	endpoints: readonly EndpointName[];
	/** Its parameters, shown for this operation only; the Options collection is added after them. */
	properties: INodeProperties[];
	/** Entries of the Options collection besides Batching and Timeout. */
	options?: INodeProperties[];
	/** Where node version 1 keeps the operation, so workflows saved there still run. */
	formerly?: { resource: string; operation: string; name: string };
	/** Runs the operation for one input item. */
	run(item: ItemRun): Promise<INodeExecutionData[]>;
}

export interface ResourceDeclaration {
	resource: string;
	name: string;
	/** The operation a new node of this resource starts with. */
	defaultOperation: string;
	operations: OperationDeclaration[];
}

/** Every place (resource and value) an operation answers to, the current one first. */
function placesOf(declaration: OperationDeclaration) {
	const current = { resource: declaration.resource, operation: declaration.operation, name: declaration.name };
	return declaration.formerly ? [current, declaration.formerly] : [current];
}

function optionOf(
	declaration: OperationDeclaration,
	place: { name: string; operation: string } = declaration,
): INodePropertyOptions {
	return { name: place.name, value: place.operation, description: declaration.description, action: declaration.action };
}

function byName(a: INodePropertyOptions, b: INodePropertyOptions): number {
	return a.name.localeCompare(b.name);
}

/**
 * The Operation parameter of a resource. Where version 1 kept another resource's operation
 * here, that version gets its own list with it, and later versions one without it.
 */
function operationProperties(resource: ResourceDeclaration, all: OperationDeclaration[]): INodeProperties[] {
	const current = resource.operations.map((declaration) => optionOf(declaration));
	const former = all
		.filter((declaration) => declaration.formerly?.resource === resource.resource)
		.map((declaration) => optionOf(declaration, declaration.formerly));
	const { defaultOperation } = resource;
	const property = (options: INodePropertyOptions[], versions?: number[]): INodeProperties => ({
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource.resource], ...(versions ? { '@version': versions } : {}) } },
		options: options.sort(byName),
		default: defaultOperation,
	});
	if (former.length === 0) return [property(current)];
	return [property([...current, ...former], [1]), property(current, NODE_VERSIONS.filter((version) => version !== 1))];
}

/** An operation's parameters, each shown wherever the operation answers. */
function parametersOf(declaration: OperationDeclaration): INodeProperties[] {
	const places = placesOf(declaration);
	const show = {
		resource: [...new Set(places.map((place) => place.resource))],
		operation: [...new Set(places.map((place) => place.operation))],
	};
	return updateDisplayOptions({ show }, [...declaration.properties, requestOptionsProperty(declaration.options)]);
}

/** The node's properties: Resource, then each resource's Operation and its operations' parameters. */
export function nodeProperties(resources: ResourceDeclaration[]): INodeProperties[] {
	const all = resources.flatMap((resource) => resource.operations);
	return [
		{
			displayName: 'Resource',
			name: 'resource',
			type: 'options',
			noDataExpression: true,
			options: resources.map((resource) => ({ name: resource.name, value: resource.resource })).sort(byName),
			default: 'session',
		},
		...resources.flatMap((resource) => [
			...operationProperties(resource, all),
			...resource.operations.flatMap(parametersOf),
		]),
	];
}

/** The subtitle under the node's name: the chosen operation's action ("Hold a session"). */
export function subtitleOf(resources: ResourceDeclaration[]): string {
	const actions: Record<string, string> = {};
	for (const declaration of resources.flatMap((resource) => resource.operations)) {
		for (const place of placesOf(declaration)) actions[`${place.resource}.${place.operation}`] = declaration.action;
	}
	return `={{ ${JSON.stringify(actions)}[$parameter["resource"] + "." + $parameter["operation"]] }}`;
}

/** Finds the operation a node's Resource and Operation name, wherever it sits or sat. */
export function operationAt(
	resources: ResourceDeclaration[],
	resource: string,
	operation: string,
): OperationDeclaration | undefined {
	return resources
		.flatMap((declared) => declared.operations)
		.find((declaration) =>
			placesOf(declaration).some((place) => place.resource === resource && place.operation === operation),
		);
}
