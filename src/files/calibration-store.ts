// Where `vethbench calibrate` keeps its records and how they are read back: one file per host and kernel in the
// calibration directory beside the results (reports/calibration, or VETHBENCH_CALIBRATION_DIR), written atomically.
// A record measured on another host or kernel is refused by name, never silently used: its noise is not this host's.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../errors.ts';
import { writeFileAtomic } from '../host/store.ts';
import type { HostKey } from '../metadata/host-key.ts';
import { VERSION } from '../version.ts';
import { calibrationDir } from './calibration-dir.ts';
import { readStoredText } from './stored-file.ts';
import { CALIBRATION_SCHEMA_VERSION, calibrationRecordSchema, type CalibrationRecord } from '../results/calibration-schema.ts';
import { storedJson, storedRecord } from '../results/parse-stored.ts';

export { calibrationDir };

const safe = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '_');

export function calibrationFile(dir: string, key: HostKey): string {
  return join(dir, `${safe(key.machineId)}-${safe(key.kernel)}.json`);
}

const fix = (file: string) => `run sudo vethbench calibrate again on this host (it replaces ${file})`;

/** Pure: the text of a calibration file → the record, refused with the file's name when damaged, newer or foreign. */
export function parseCalibration(text: string, file: string, key: HostKey): CalibrationRecord {
  const data = storedJson(text, file, fix(file));
  const version = (data as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (typeof version === 'number' && version > CALIBRATION_SCHEMA_VERSION) {
    throw new InputError(`${file}: schemaVersion ${version} is newer than this vethbench ${VERSION} reads (up to ${CALIBRATION_SCHEMA_VERSION}); upgrade vethbench or ${fix(file)}`);
  }
  const record = storedRecord(data, file, calibrationRecordSchema, `${fix(file)}; it is not a complete vethbench calibration record`);
  if (record.key.machineId !== key.machineId || record.key.kernel !== key.kernel) {
    throw new InputError(`${file}: a calibration of another host or kernel (machine id ${record.key.machineId}, kernel ${record.key.kernel}; this is ${key.machineId}, kernel ${key.kernel}): its noise is not this host's; remove it and ${fix(file)}`);
  }
  return record;
}

/** This host's record, undefined when it was never calibrated (on this kernel). */
export function readCalibration(key: HostKey, dir = calibrationDir()): CalibrationRecord | undefined {
  const file = calibrationFile(dir, key);
  if (!existsSync(file)) return undefined;
  return parseCalibration(readStoredText(file, 'the calibration', `check its permissions or ${fix(file)}`), file, key);
}

export function writeCalibration(record: CalibrationRecord, dir = calibrationDir()): string {
  mkdirSync(dir, { recursive: true });
  const file = calibrationFile(dir, record.key);
  writeFileAtomic(file, `${JSON.stringify(record, null, 2)}\n`);
  return file;
}
