import { indexSpec, loadSpec, type OpenApiIndex } from './openapi-index.ts';
import { createValidators, type Validators } from './validator.ts';

// The spec is parsed and its validators compiled once per process, whatever the number of apps.
let compiled: { index: OpenApiIndex; validators: Validators } | undefined;

/** The spec's operations and their request/response validators, shared by every app, the console and the scenario runner. */
export function compiledSpec(): { index: OpenApiIndex; validators: Validators } {
  if (!compiled) {
    const index = indexSpec(loadSpec());
    compiled = { index, validators: createValidators(index) };
  }
  return compiled;
}
