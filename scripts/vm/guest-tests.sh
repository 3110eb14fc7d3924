#!/usr/bin/env bash
# The VM lane's test set, run inside the guest: scripts/vm-test.sh scripts/vm/guest-tests.sh [FILE…]
# Only tests that need the guest's kernel: test/vm/ (tagged guest-only) and the root integration files whose
# link-kind and qdisc cases skip on the host's kernel. Everything else already ran on the host.
set -uo pipefail
cd "$(dirname "$0")/../.."
[ "${VETHBENCH_GUEST:-}" = 1 ] || { echo "guest-tests.sh: run it inside the VM lane: scripts/vm-test.sh $0" >&2; exit 3; }

TEST=(node --import tsx --test --test-concurrency=1 --test-reporter=spec)

# How the guest runs the tests and vethbench: through tsx today (bin/vethbench.js); once a prebuilt dist/ lands, drop
# the loader here (and run the files under dist/) so emulation does not compile TypeScript.
echo "guest-tests: $(uname -r), $(ip -V), VETHBENCH_TIME_SCALE=${VETHBENCH_TIME_SCALE:-1}"
if [ $# -gt 0 ]; then exec "${TEST[@]}" "$@"; fi
status=0
"${TEST[@]}" test/vm/*.test.ts test/integration/capabilities.test.ts || status=1
# Of the shared integration files, only the cases the host's kernel skips (the rest ran on the host).
"${TEST[@]}" --test-name-pattern='ipvlan|netkit' test/integration/link-kinds.test.ts || status=1
"${TEST[@]}" --test-name-pattern='fq_codel' test/integration/knobs.test.ts || status=1
exit "$status"
