#!/usr/bin/env bash
# Integration test of the library as clinic software gets it (run by mvn verify, phase integration-test of
# src/scenarios, the first module by which both artifacts are built): a throwaway Maven project that depends only on
# org.spinecare:spine-advisor, and on org.spinecare:spine-scenarios in test scope, resolves its runtime class path,
# which must hold slf4j-api and no logging binding and no picocli, then compiles a small program against it and
# assesses the cauda equina example, which must be EMERGENCY; then its own mvn test runs the project's scenarios/
# folder as JUnit tests through spine-scenarios, every one of which must pass.
# The artifacts of this build are laid out in a fresh repository under the temporary folder; everything else comes
# from the user's local repository, served as the only (file:) repository, so the check needs no network and never
# writes to ~/.m2.
# Usage: consumer-test.sh VERSION KB_VERSION ROOT LOCAL_REPOSITORY JUNIT_VERSION
set -euo pipefail
version="$1" kb_version="$2" root="$3" local_repository="$4" junit_version="$5"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
repo="$work/repository"

place() { # groupId-path artifactId version file extension
  mkdir -p "$repo/$1/$2/$3"
  cp "$4" "$repo/$1/$2/$3/$2-$3.$5"
}
place org/spinecare spine-parent "$version" "$root/pom.xml" pom
place org/spinecare spine-kjar "$kb_version" "$root/kjar/pom.xml" pom
place org/spinecare spine-kjar "$kb_version" "$root/kjar/target/spine-kjar-$kb_version.jar" jar
place org/spinecare spine-advisor "$version" "$root/src/core/pom.xml" pom
place org/spinecare spine-advisor "$version" "$root/src/core/target/spine-advisor-$version.jar" jar
place org/spinecare spine-scenarios "$version" "$root/src/scenarios/pom.xml" pom
place org/spinecare spine-scenarios "$version" "$root/src/scenarios/target/spine-scenarios-$version.jar" jar

cat > "$work/settings.xml" <<SETTINGS
<settings>
  <mirrors>
    <mirror><id>local-only</id><mirrorOf>*</mirrorOf><url>file://$local_repository</url></mirror>
  </mirrors>
</settings>
SETTINGS

cp -r "$(dirname "${BASH_SOURCE[0]}")/consumer" "$work/consumer"
sed -i "s/@spine.version@/$version/; s/@junit.version@/$junit_version/" "$work/consumer/pom.xml"
(cd "$work/consumer" && mvn -B -q -s "$work/settings.xml" -Dmaven.repo.local="$repo" \
    dependency:build-classpath -Dmdep.outputFile="$work/classpath.txt" -Dmdep.includeScope=runtime >&2)

classpath="$(cat "$work/classpath.txt")"
jars="$(tr ':' '\n' <<<"$classpath" | xargs -n1 basename)"
for banned in 'slf4j-nop' 'slf4j-simple' 'slf4j-reload4j' 'slf4j-jdk14' 'logback-classic' 'log4j-slf4j' 'picocli'; do
  if grep -q "^$banned" <<<"$jars"; then
    echo "consumer-test: the library brings $banned to its users:" $(grep "^$banned" <<<"$jars") >&2
    exit 1
  fi
done
grep -q '^slf4j-api-' <<<"$jars" || { echo "consumer-test: slf4j-api is missing; Drools needs it" >&2; exit 1; }

mkdir "$work/classes"
javac -d "$work/classes" -cp "$classpath" "$work/consumer/src/main/java/example/Consumer.java"
triage="$(java -cp "$work/classes:$classpath" example.Consumer "$root/scenarios/examples/cauda-equina.json" 2>/dev/null)"
if [ "$triage" != EMERGENCY ]; then
  echo "consumer-test: expected EMERGENCY, got: $triage" >&2
  exit 1
fi
echo "consumer-test: $(wc -l <<<"$jars") jars, no logging binding, no picocli; cauda-equina.json: $triage"

# The clinic's own mvn test: the project's scenario files, one JUnit test each (src/test/java/example/ScenariosTest).
if ! (cd "$work/consumer" && mvn -B -q -s "$work/settings.xml" -Dmaven.repo.local="$repo" \
    -Dspine.scenarios="$root/scenarios" test >"$work/test.log" 2>&1); then
  cat "$work/test.log" >&2
  echo "consumer-test: mvn test of the throwaway project failed (output above)" >&2
  exit 1
fi
report="$work/consumer/target/surefire-reports/TEST-example.ScenariosTest.xml"
[ -f "$report" ] || { echo "consumer-test: no test report: the scenario tests did not run" >&2; exit 1; }
# Counted from the report's test cases, not taken from Maven's word: a factory that found nothing would pass.
tests="$(grep -c '<testcase ' "$report")"
if [ "$tests" -lt 60 ] || grep -q '<failure\|<error\|<skipped' "$report"; then
  echo "consumer-test: expected the project's 60 or more scenarios to pass, got $tests test cases:" >&2
  cat "$report" >&2
  exit 1
fi
echo "consumer-test: mvn test ran $tests scenarios as JUnit tests through spine-scenarios, all passed"
