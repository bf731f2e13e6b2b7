/**
 * The trigger's Message Received event in a started n8n: a published workflow reports each
 * inbound SMS once across n8n's minute polls and a restart of n8n; then the two SMS examples,
 * run from their trigger as the editor's Fetch Test Event / Execute workflow does.
 */
import type { Simulator } from '../simulator/server';
import { finishedExecution, itemsOf, itemsOfFinishedExecutions, parseRunData, runFromTrigger, waitFor } from './executions';
import type { WorkflowJson } from './fixtures';
import { packagedN8nWithSimulator, readExamples } from './fixtures';
import type { N8nInstall, N8nInstance, RunningN8n } from './n8n';
import { TRIGGER_NODE, triggerWorkflow } from './trigger-restart';
import { N8nRestClient } from './n8n';

const WORKFLOW_ID = 'e2eSmsTrigger01';

const WORKFLOW = triggerWorkflow(WORKFLOW_ID, 'e2e: Message Received', { events: ['messageReceived'] });

const example = (id: string) => readExamples().find((workflow) => workflow.id === id)!;
const MISSED_CALL = example('evoExMissedSms1');
const SMS_TO_SLACK = example('evoExSmsToSlack1');

let install: N8nInstall;
let instance: N8nInstance;
let simulator: Simulator;
let n8n: RunningN8n | undefined;

beforeAll(async () => {
	({ install, simulator, instance } = await packagedN8nWithSimulator());
	await instance.importWorkflows([WORKFLOW, MISSED_CALL, SMS_TO_SLACK]);
	await instance.publishWorkflow(WORKFLOW_ID);
});

afterAll(async () => {
	await n8n?.stop();
	await simulator?.close();
	instance?.remove();
});

/** The message ids of every finished trigger execution, sorted (a repeat shows as a duplicate). */
async function reportedMessages(rest: N8nRestClient): Promise<string[]> {
	return (await itemsOfFinishedExecutions(rest, install, WORKFLOW_ID, TRIGGER_NODE)).map((item) => String(item.id)).sort();
}

const polls = () => simulator.requests.filter((request) => request.method === 'GET' && request.rawPath === '/messages').length;

/** Runs a workflow from its trigger as the editor does, and returns each node's output. */
async function runExample(rest: N8nRestClient, workflow: WorkflowJson, triggerName: string) {
	const execution = await finishedExecution(rest, await runFromTrigger(rest, workflow, triggerName), 120_000);
	expect(execution.status).toBe('success');
	const run = parseRunData(install, execution);
	return (nodeName: string) => itemsOf(run, nodeName);
}

describe('SMS in a started n8n', () => {
	it('the published trigger reports each inbound SMS once across polls and a restart of n8n', async () => {
		n8n = await instance.start();
		let rest = await N8nRestClient.signIn(n8n.url);
		// The activation poll records the baseline.
		await waitFor('the baseline poll', 120_000, () => (polls() >= 1 ? true : undefined));
		const first = simulator.messaging.receive({ text: 'First text' });
		simulator.messaging.addMessages(2, { direction: 'Outgoing' });
		await waitFor('the first text to be reported', 150_000, async () =>
			(await reportedMessages(rest)).includes(first.id) ? true : undefined,
		);
		await n8n.stop();
		n8n = undefined;

		// While n8n is down: two texts with the same timestamp, and one of ours going out.
		const instant = new Date(Date.parse(first.date) + 5000).toISOString();
		const whileDown = [simulator.messaging.receive({ date: instant }), simulator.messaging.receive({ date: instant, endpointId: 'end-sales-line' })];
		simulator.messaging.addMessages(1, { direction: 'Outgoing' });

		n8n = await instance.start();
		rest = await N8nRestClient.signIn(n8n.url);
		const expected = [first.id, ...whileDown.map((message) => message.id)].sort();
		await waitFor('the texts received while n8n was down', 150_000, async () => {
			const seen = await reportedMessages(rest);
			return expected.every((id) => seen.includes(id)) ? seen : undefined;
		});
		// A further poll after that: nothing is reported again.
		const pollsThen = polls();
		await waitFor('one more poll', 150_000, () => (polls() >= pollsThen + 1 ? true : undefined));
		expect(await reportedMessages(rest)).toEqual(expected);
	});

	it('example "text back a missed call": each missed caller gets an SMS from the number they called', async () => {
		simulator.reset();
		const missed = [...simulator.sessions.values()].filter((session) => session.ended && session.wasMissed && session.channel === 'Voice');
		expect(missed.length).toBeGreaterThan(0);

		const outputOf = await runExample(await N8nRestClient.signIn(n8n!.url), MISSED_CALL, 'Call Ended');

		const texts = outputOf('Text The Caller Back');
		expect(texts.map((json) => json.otherAddress).sort()).toEqual(missed.map((session) => session.fromAddress).sort());
		for (const session of missed) {
			const text = texts.find((json) => json.otherAddress === session.fromAddress);
			expect(text).toMatchObject({ endpointId: session.endpointId, direction: 'Outgoing' });
			expect(String(text?.text)).toContain(`sorry we missed your call to ${session.accountName}`);
		}
	});

	it('example "inbound SMS to a Slack message": the newest inbound text, formatted', async () => {
		const inbound = simulator.messaging.receive({ from: '+15555550177', text: 'Can I move my appointment to Friday?', date: '2026-12-24T09:42:00.000Z' });

		const outputOf = await runExample(await N8nRestClient.signIn(n8n!.url), SMS_TO_SLACK, 'SMS Received');

		expect(outputOf('SMS Received')).toEqual([expect.objectContaining({ event: 'messageReceived', id: inbound.id })]);
		expect(outputOf('Compose Slack Message')).toEqual([
			expect.objectContaining({
				messageId: inbound.id,
				text: ':speech_balloon: New SMS from *+15555550177* to Northwind main line at 09:42 UTC:\n>Can I move my appointment to Friday?',
				ticketSubject: 'SMS from +15555550177: Can I move my appointment to Friday?',
			}),
		]);
	});
});
