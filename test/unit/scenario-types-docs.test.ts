// The public scenario types are derived from the zod schema; their documentation must still reach editors. This asks
// the TypeScript compiler (as an editor's hover does) for the doc comment of every field and knob.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = fileURLToPath(new URL('../../', import.meta.url));
const typesFile = `${root}src/scenario/types.ts`;

function documentedFields(typeName: string): Map<string, string> {
  const program = ts.createProgram([typesFile], { strict: true, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, allowImportingTsExtensions: true, noEmit: true, skipLibCheck: true });
  const checker = program.getTypeChecker();
  const alias = program.getSourceFile(typesFile)!.statements.find((s): s is ts.TypeAliasDeclaration => ts.isTypeAliasDeclaration(s) && s.name.text === typeName);
  assert.ok(alias, typeName);
  const type = checker.getNonNullableType(checker.getTypeAtLocation(alias.name));
  return new Map(checker.getPropertiesOfType(type).map((p) => [p.name, ts.displayPartsToString(p.getDocumentationComment(checker))]));
}

test('every knob of KnobMatrix and every field of a scenario carries its documentation into editors', () => {
  const knobs = documentedFields('KnobMatrix');
  assert.equal(knobs.size, 35);
  assert.deepEqual([...knobs].filter(([, doc]) => doc === '').map(([k]) => k), [], 'knobs without documentation');
  assert.match(knobs.get('gro')!, /^ethtool -K gro/);
  const fields = documentedFields('ScenarioDefinition');
  // name/topology/workloads are described by their own types' docs; the rest document themselves.
  assert.deepEqual([...fields].filter(([k, doc]) => doc === '' && !['topology', 'workloads'].includes(k)).map(([k]) => k), []);
  assert.match(documentedFields('Iperf3UdpWorkload').get('senders')!, /client processes/);
});
