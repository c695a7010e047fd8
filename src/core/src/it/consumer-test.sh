#!/usr/bin/env bash
# Integration test of the library as clinic software gets it (run by mvn verify, phase integration-test of
# src/core): a throwaway Maven project that depends only on org.spinecare:spine-advisor resolves its class path,
# which must hold slf4j-api and no logging binding and no picocli, then compiles a small program against it and
# assesses the cauda equina example, which must be EMERGENCY.
# The artifacts of this build are laid out in a fresh repository under the temporary folder; everything else comes
# from the user's local repository, served as the only (file:) repository, so the check needs no network and never
# writes to ~/.m2.
# Usage: consumer-test.sh VERSION KB_VERSION ROOT LOCAL_REPOSITORY
set -euo pipefail
version="$1" kb_version="$2" root="$3" local_repository="$4"
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

cat > "$work/settings.xml" <<SETTINGS
<settings>
  <mirrors>
    <mirror><id>local-only</id><mirrorOf>*</mirrorOf><url>file://$local_repository</url></mirror>
  </mirrors>
</settings>
SETTINGS

cp -r "$(dirname "${BASH_SOURCE[0]}")/consumer" "$work/consumer"
sed -i "s/@spine.version@/$version/" "$work/consumer/pom.xml"
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
