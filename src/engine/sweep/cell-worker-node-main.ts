/** A sweep's cell worker in Node (worker_threads, run through tsx): for `loz sweep`, the bench and the tests. */
import { setFlagsFromString } from 'node:v8';
import { parentPort } from 'node:worker_threads';
import { installWasmDraws } from '../../wasm/draws';
import { serveCells } from './cell-server';
import type { CellRequest } from './cells-protocol';

// As in the CLI: relaxed SIMD before any WebAssembly compiles (behind a flag in Node 20).
if (Number(process.versions.node.split('.')[0]) < 22) setFlagsFromString('--experimental-wasm-relaxed-simd');
installWasmDraws();
const serve = serveCells((response) => parentPort?.postMessage(response));
parentPort?.on('message', (request: CellRequest) => serve(request));
