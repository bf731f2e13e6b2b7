import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import { EvoVoiceClient } from '../transport';
import type { EvoVoiceOperation } from './common';
import { batchingOf } from './common';
import { sessionOperations } from './session/Session.resource';
import { chatOperations } from './chat/Chat.resource';
import { recordingOperations } from './recording/Recording.resource';
import { callOperations } from './call/Call.resource';

const operationsByResource: Record<string, Record<string, EvoVoiceOperation>> = {
	session: sessionOperations,
	chat: chatOperations,
	recording: recordingOperations,
	call: callOperations,
};

/**
 * What a failed item becomes under Continue On Fail: `error` is the message (Evo Voice's own,
 * with its status and code), `message` the description (field errors, what to check). n8n sends
 * an item to the error output, when the user chose it, only if its json is `{error}` or
 * `{error, message}` (n8n 1.x; 2.x also allows `details`), so there are no other keys.
 */
function errorItem(error: NodeApiError | NodeOperationError, itemIndex: number): INodeExecutionData {
	const json: IDataObject = { error: error.message };
	if (error.description) json.message = error.description;
	return { json, pairedItem: { item: itemIndex } };
}

/** Runs the chosen operation once per input item, keeping every item paired with its input. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const selected = operationsByResource[resource]?.[operation];
	if (selected === undefined) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" of resource "${resource}" is not supported`,
		);
	}
	const items = this.getInputData();
	const { batchSize, batchIntervalMs } = batchingOf(this);
	const client = new EvoVoiceClient(this);
	const runItem = async (itemIndex: number) => {
		try {
			return { items: await selected.execute.call(this, itemIndex, client) };
		} catch (error) {
			const nodeError =
				error instanceof NodeApiError || error instanceof NodeOperationError
					? error
					: new NodeOperationError(this.getNode(), error as Error, { itemIndex });
			return { error: nodeError };
		}
	};
	const output: INodeExecutionData[] = [];
	for (let start = 0; start < items.length; start += batchSize) {
		if (start > 0 && batchIntervalMs > 0) await sleep(batchIntervalMs);
		const batch = Array.from({ length: Math.min(batchSize, items.length - start) }, (_, offset) => start + offset);
		// Items of a batch run side by side; their results are taken in item order, so output
		// order, pairing and the first error that stops the run are those of a sequential run.
		const outcomes = await Promise.all(batch.map(runItem));
		for (const [offset, outcome] of outcomes.entries()) {
			if (outcome.error === undefined) {
				output.push(...outcome.items);
			} else if (this.continueOnFail()) {
				output.push(errorItem(outcome.error, start + offset));
			} else {
				throw outcome.error;
			}
		}
	}
	return [output];
}
