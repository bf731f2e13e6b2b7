/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test-only code that reads fixture files in plain Node, never inside n8n */
/**
 * Each file in test/workflows is one case: a workflow as n8n stores it, the sessions the
 * simulator must hold first, and the requests and output the run must produce.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import type { WorkflowFixture } from '../harness/engine';
import { runWorkflow } from '../harness/engine';
import { simulatorCredentialsHelper } from '../harness/simulator-credential';
import type { Simulator } from '../simulator/server';
import { startSimulator } from '../simulator/server';

interface WorkflowCase {
	description: string;
	given: { sessions: IDataObject[] };
	workflow: WorkflowFixture;
	expect: { requests: IDataObject[]; output: Record<string, IDataObject[]> };
}

const casesFolder = join(__dirname, '..', 'workflows');
const cases = readdirSync(casesFolder)
	.filter((file) => file.endsWith('.json'))
	.map((file) => [file, JSON.parse(readFileSync(join(casesFolder, file), 'utf8')) as WorkflowCase] as const);

let simulator: Simulator;

beforeAll(async () => {
	simulator = await startSimulator({ port: 0 });
});

afterAll(async () => {
	await simulator.close();
});

it('has workflow cases to run', () => {
	expect(cases.length).toBeGreaterThanOrEqual(4);
});

describe.each(cases)('%s', (_file, workflowCase) => {
	it(workflowCase.description, async () => {
		simulator.reset();
		for (const session of workflowCase.given.sessions) simulator.addSession(session);

		const result = await runWorkflow(workflowCase.workflow, simulatorCredentialsHelper(simulator));

		expect(result.error).toBeUndefined();
		expect(simulator.requests).toMatchObject(workflowCase.expect.requests);
		// Bodies must be exact: no field beyond the seeds' DTO, none missing.
		workflowCase.expect.requests.forEach((expected, index) => {
			if (expected.body !== undefined) expect(simulator.requests[index].body).toEqual(expected.body);
		});
		for (const [nodeName, expectedItems] of Object.entries(workflowCase.expect.output)) {
			expect(result.outputOf(nodeName)).toMatchObject(expectedItems);
		}
	});
});
