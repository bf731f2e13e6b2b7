/* eslint-disable @n8n/community-nodes/no-restricted-globals -- command-line entry point that runs in plain Node, never inside n8n */
/** `npm run simulator [-- --port N]`: serves the Evo Voice simulator until interrupted. */
import { portOption } from '../harness/port-option';
import { DEMO_USER, startSimulator } from './server';

async function main() {
	const simulator = await startSimulator({ port: portOption('--port', 'EVOVOICE_SIMULATOR_PORT', 4010) });
	process.stdout.write(
		[
			`Evo Voice simulator listening on ${simulator.url} (files also served from ${simulator.otherOriginUrl})`,
			`Sign in with ${DEMO_USER.email} / ${DEMO_USER.password} (Environment: Custom, Base URL: ${simulator.url})`,
			'Press Ctrl+C to stop.',
			'',
		].join('\n'),
	);
	const stop = () => {
		void simulator.close().then(() => process.exit(0));
	};
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
}

main().catch((error: Error) => {
	process.stderr.write(`${error.message}\n`);
	process.exit(1);
});
