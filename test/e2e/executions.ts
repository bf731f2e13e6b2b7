/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test-only code that reads n8n's executions from plain Node, never inside n8n */
/**
 * Running workflows in a started n8n and reading back what it recorded, through n8n's own REST
 * API as the editor does; for the running-n8n and queue-mode suites, on n8n 1.x and 2.x.
 */
import { join } from 'node:path';

import type { WorkflowJson } from './fixtures';
import type { ExecutionResult, N8nInstall, N8nRestClient } from './n8n';

export interface StoredExecution {
	id: string;
	mode: string;
	status: string;
	finished: boolean;
	/** The run data, serialized with `flatted` as n8n stores it. */
	data: string;
}

export interface RunData {
	resultData: {
		error?: { message: string };
		runData: Record<string, Array<{ data?: { main: Array<Array<{ json: Record<string, unknown> }>> } }>>;
	};
}

/** Polls `probe` every half second until it returns a value. */
export async function waitFor<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined> | T | undefined): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const found = await probe();
		if (found !== undefined) return found;
		if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
}

/**
 * The editor's run button (`POST /rest/workflows/:id/run`) from the named trigger; resolves with the
 * execution's id. n8n 1.x wants the workflow in the body, n8n 2.x reads it from its database.
 */
export async function runFromTrigger(rest: N8nRestClient, workflow: WorkflowJson, triggerName: string): Promise<string> {
	const started = await rest.request<{ executionId: string }>('POST', `/workflows/${workflow.id}/run`, {
		workflowData: workflow,
		triggerToStartFrom: { name: triggerName },
	});
	return started.executionId;
}

export async function listExecutions(rest: N8nRestClient, workflowId: string): Promise<Array<Omit<StoredExecution, 'data'>>> {
	const page = await rest.request<{ results: Array<Omit<StoredExecution, 'data'>> }>(
		'GET',
		`/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId }))}`,
	);
	return page.results;
}

export async function finishedExecution(rest: N8nRestClient, id: string, timeoutMs = 60_000): Promise<StoredExecution> {
	return await waitFor(`execution ${id} to finish`, timeoutMs, async () => {
		const execution = await rest.request<StoredExecution>('GET', `/executions/${id}`);
		return execution.finished || execution.status === 'error' ? execution : undefined;
	});
}

/** n8n's own copy of `flatted`, to read stored run data as the editor does. */
export function parseRunData(install: N8nInstall, execution: StoredExecution): RunData {
	// eslint-disable-next-line @typescript-eslint/no-require-imports -- n8n's dependency, loaded from its install folder
	const flatted = require(join(install.folder, 'node_modules', 'flatted')) as { parse(text: string): unknown };
	return flatted.parse(execution.data) as RunData;
}

export function itemsOf(run: RunData, nodeName: string) {
	return run.resultData.runData[nodeName]?.[0]?.data?.main[0]?.map((item) => item.json) ?? [];
}

/** The output items of `nodeName` over every finished execution of a workflow, newest execution first. */
export async function itemsOfFinishedExecutions(rest: N8nRestClient, install: N8nInstall, workflowId: string, nodeName: string) {
	const items: Array<Record<string, unknown>> = [];
	for (const { id } of await listExecutions(rest, workflowId)) {
		const execution = await rest.request<StoredExecution>('GET', `/executions/${id}`);
		if (execution.finished) items.push(...itemsOf(parseRunData(install, execution), nodeName));
	}
	return items;
}

/** Fails with the end of n8n's output when `n8n execute` did not run the workflow through. */
export function expectSuccess(result: ExecutionResult) {
	if (result.exitCode !== 0 || result.run?.data.resultData.error) {
		throw new Error(`The run failed (exit ${result.exitCode}):\n${result.output.slice(-4000)}`);
	}
}
