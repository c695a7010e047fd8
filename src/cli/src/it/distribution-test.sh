#!/usr/bin/env bash
# Integration test of the distribution (run by mvn verify, phase integration-test): unpacks spine-VERSION.tar.gz
# into a temporary folder and assesses the cauda equina example with its bin/spine, which uses plain java and the
# jars in lib/ only. Fails unless the answer is EMERGENCY.
# Usage: distribution-test.sh TARBALL EXAMPLE
set -euo pipefail
tarball="$1"
example="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

tar -xzf "$tarball" -C "$work"
home="$(find "$work" -mindepth 1 -maxdepth 1 -type d)"
[ -x "$home/bin/spine" ] || { echo "distribution-test: $tarball has no executable bin/spine" >&2; exit 1; }
ls "$home"/lib/spine-cli-*.jar "$home"/lib/spine-advisor-*.jar "$home"/lib/spine-kjar-*.jar \
  "$home"/lib/spine-audit-*.jar "$home"/lib/spine-scenarios-*.jar >/dev/null
# spine-scenarios is test support with JUnit in compile scope; the command line excludes it (src/cli/pom.xml).
if ls "$home"/lib/junit-*.jar "$home"/lib/opentest4j-*.jar >/dev/null 2>&1; then
  echo "distribution-test: JUnit reached the distribution:" $(ls "$home"/lib | grep -E '^(junit|opentest4j)-') >&2
  exit 1
fi

# From the temporary folder, with Maven's variables removed, so nothing of the build can leak in.
answer="$(cd "$work" && env -u CLASSPATH -u MAVEN_OPTS "$home/bin/spine" assess --compact "$example")"
case "$answer" in
  '{"triage":"EMERGENCY",'*) echo "distribution-test: $(basename "$tarball") assessed $(basename "$example"): EMERGENCY" ;;
  *) echo "distribution-test: expected triage EMERGENCY, got: ${answer:0:200}" >&2; exit 1 ;;
esac
