import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import { ENDPOINTS, EvoVoiceClient, changeMayHaveBeenMade, toolHintOf } from '../transport';
import type { OperationDeclaration } from './declaration';
import { operationAt } from './declaration';
import { ItemRun, runsAsTool } from './itemRun';
import { MAX_BATCH_SIZE } from './parameters';
import { RESOURCES } from './resources';

type NodeError = NodeApiError | NodeOperationError;

/**
 * What a failed item becomes under Continue On Fail: `error` is the message (Evo Voice's own,
 * with its status and code), `message` the description (field errors, what to check). n8n sends
 * an item to the error output, when the user chose it, only if its json is `{error}` or
 * `{error, message}` (n8n 1.x; 2.x also allows `details`), so there are no other keys.
 */
function errorItem(error: NodeError, itemIndex: number): INodeExecutionData {
	const json: IDataObject = { error: error.message };
	if (error.description) json.message = error.description;
	return { json, pairedItem: { item: itemIndex } };
}

interface Batching {
	batchSize: number;
	batchIntervalMs: number;
}

/** The node's Batching option (read from the first item, as it shapes the whole run); none: one at a time. */
function batchingOf(context: IExecuteFunctions): Batching {
	const batch = context.getNodeParameter('options.batching.batch', 0, {}) as {
		batchSize?: unknown;
		batchInterval?: unknown;
	};
	const batchSize = batch.batchSize ?? 1;
	const batchIntervalMs = batch.batchInterval ?? 0;
	if (typeof batchSize !== 'number' || !Number.isInteger(batchSize) || batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
		throw new NodeOperationError(
			context.getNode(),
			`The "Items per Batch" option must be a whole number from 1 to ${MAX_BATCH_SIZE}, got ${JSON.stringify(batchSize)}`,
		);
	}
	if (typeof batchIntervalMs !== 'number' || !Number.isFinite(batchIntervalMs) || batchIntervalMs < 0) {
		throw new NodeOperationError(
			context.getNode(),
			`The "Batch Interval (Ms)" option must be a number of milliseconds of 0 or more, got ${JSON.stringify(batchIntervalMs)}`,
		);
	}
	return { batchSize, batchIntervalMs };
}

/** What an item's change came to, kept for n8n's next try: its output, or an error after which it may have been made. */
interface ChangeOutcome {
	outputs?: IDataObject[];
	error?: { message: string; description?: string | null };
}

interface ChangeLedger {
	runIndex: number;
	byItem: Record<string, ChangeOutcome>;
}

const LEDGER_KEY = 'evoVoiceChangesMade';

/**
 * Retry On Fail runs the whole node again, for every item, when one fails (or, with Continue On
 * Fail, when the first output item is an error item). A change Evo Voice accepted, or may have
 * made, must not be sent again then: each item's outcome is kept in the node's execution
 * context, which n8n hands to every try of the same run, and a later try gives it back.
 * Kept only for operations that make a change that would happen twice, and only when Retry On
 * Fail is on; a later run of the node in the same execution (a loop) starts a new ledger.
 */
class ChangeMemory {
	private constructor(private readonly ledger: ChangeLedger) {}

	static open(context: IExecuteFunctions, declaration: OperationDeclaration): ChangeMemory | undefined {
		const makesChanges = declaration.endpoints.some((name) => ENDPOINTS[name].repeat === 'change');
		if (!makesChanges || context.getNode().retryOnFail !== true) return undefined;
		const runIndex = Number(context.getWorkflowDataProxy(0).$runIndex ?? 0);
		const nodeContext = context.getContext('node');
		const existing = nodeContext[LEDGER_KEY] as ChangeLedger | undefined;
		if (existing?.runIndex !== runIndex) nodeContext[LEDGER_KEY] = { runIndex, byItem: {} };
		return new ChangeMemory(nodeContext[LEDGER_KEY] as ChangeLedger);
	}

	/** The earlier try's outcome of an item, as this try's. */
	recall(context: IExecuteFunctions, itemIndex: number): INodeExecutionData[] | undefined {
		const outcome = this.ledger.byItem[itemIndex];
		if (outcome === undefined) return undefined;
		if (outcome.error !== undefined) {
			throw new NodeApiError(context.getNode(), {}, {
				message: outcome.error.message,
				description: `${outcome.error.description ? `${outcome.error.description}\n` : ''}An earlier try of this node sent it; Retry On Fail did not send it again.`,
				itemIndex,
			});
		}
		return (outcome.outputs ?? []).map((json) => ({ json, pairedItem: { item: itemIndex } }));
	}

	remember(itemIndex: number, outcome: { items?: INodeExecutionData[]; error?: NodeError }): void {
		if (outcome.items !== undefined) {
			this.ledger.byItem[itemIndex] = { outputs: outcome.items.map((item) => item.json) };
		} else if (changeMayHaveBeenMade(outcome.error)) {
			this.ledger.byItem[itemIndex] = { error: { message: outcome.error!.message, description: outcome.error!.description } };
		}
	}
}

function asNodeError(context: IExecuteFunctions, error: unknown, itemIndex: number): NodeError {
	return error instanceof NodeApiError || error instanceof NodeOperationError
		? error
		: new NodeOperationError(context.getNode(), error as Error, { itemIndex });
}

/** Says, on the error that stops a run, what the other items of its batch did: they were sent beside it. */
function withBatchReport(error: NodeError, batch: number[], outcomes: Array<{ error?: NodeError }>, failed: number): NodeError {
	if (batch.length < 2) return error;
	const succeeded = batch.filter((_, offset) => offset !== failed && outcomes[offset].error === undefined);
	const alsoFailed = batch.filter((_, offset) => offset !== failed && outcomes[offset].error !== undefined);
	const report = [
		`Items ${batch[0]}–${batch[batch.length - 1]} ran side by side in one batch.`,
		succeeded.length > 0
			? `Items ${succeeded.join(', ')} were sent and succeeded: do not send them again.`
			: 'No other item of the batch succeeded.',
		alsoFailed.length > 0 ? `Items ${alsoFailed.join(', ')} failed too.` : undefined,
		`Items before ${batch[0]} succeeded; items after ${batch[batch.length - 1]} were not sent.`,
	].filter(Boolean);
	error.description = [error.description, ...report].filter(Boolean).join('\n');
	return error;
}

/**
 * An error as a tool's model reads it: n8n hands the model the message alone (the description
 * is shown to people), so the message takes the hint that lets a model act (see toolHintOf).
 */
function forModel(error: NodeError): NodeError {
	const hint = toolHintOf(error);
	if (hint !== undefined && !error.message.includes(hint)) error.message = `${error.message}. ${hint}`;
	return error;
}

/** Runs the chosen operation once per input item, keeping every item paired with its input. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const declaration = operationAt(RESOURCES, resource, operation);
	if (declaration === undefined) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" of resource "${resource}" is not supported`,
		);
	}
	const items = this.getInputData();
	const { batchSize, batchIntervalMs } = batchingOf(this);
	const client = new EvoVoiceClient(this);
	const memory = ChangeMemory.open(this, declaration);
	const asTool = runsAsTool(this);
	const runItem = async (itemIndex: number): Promise<{ items?: INodeExecutionData[]; error?: NodeError }> => {
		let outcome: { items?: INodeExecutionData[]; error?: NodeError };
		try {
			const recalled = memory?.recall(this, itemIndex);
			if (recalled !== undefined) return { items: recalled };
			const run = new ItemRun(this, itemIndex, client, declaration);
			outcome = { items: run.toolOutput(await declaration.run(run)) };
		} catch (error) {
			outcome = { error: asNodeError(this, error, itemIndex) };
		}
		memory?.remember(itemIndex, outcome);
		return outcome;
	};
	const output: INodeExecutionData[] = [];
	for (let start = 0; start < items.length; start += batchSize) {
		if (start > 0 && batchIntervalMs > 0) await sleep(batchIntervalMs);
		const batch = Array.from({ length: Math.min(batchSize, items.length - start) }, (_, offset) => start + offset);
		// Items of a batch run side by side; their results are taken in item order, so output
		// order and pairing are those of a sequential run.
		const outcomes = await Promise.all(batch.map(runItem));
		for (const [offset, outcome] of outcomes.entries()) {
			if (outcome.error === undefined) {
				output.push(...(outcome.items ?? []));
				continue;
			}
			const error = asTool ? forModel(outcome.error) : outcome.error;
			if (this.continueOnFail()) {
				output.push(errorItem(error, start + offset));
			} else {
				throw withBatchReport(error, batch, outcomes, offset);
			}
		}
	}
	return [output];
}
