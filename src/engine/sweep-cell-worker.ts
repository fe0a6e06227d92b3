/**
 * A cell worker in the browser: a module Worker started by the sweep Worker (src/engine/sweep-worker.ts) that
 * measures whole cells of a sweep on a single-threaded engine (src/engine/sweep/cell-server.ts).
 */
/// <reference lib="webworker" />
import { serveCells } from './sweep/cell-server';
import type { CellRequest } from './sweep/cells-protocol';
import { installWasmDraws } from '../wasm/draws';

installWasmDraws();
const scope = self as unknown as DedicatedWorkerGlobalScope;
const serve = serveCells((response) => scope.postMessage(response));
scope.onmessage = (event: MessageEvent<CellRequest>) => serve(event.data);
