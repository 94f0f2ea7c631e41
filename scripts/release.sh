#!/usr/bin/env bash
# Builds the release binaries of budgetxl: one program carrying its template packs, its
# configuration and a sample, for the systems clerks and reviewers use.
#
# usage: scripts/release.sh           # dist/budgetxl-VERSION-OS-ARCH[.exe] and dist/SHA256SUMS
#        scripts/release.sh --check   # builds every target and writes nothing (CI)
#
# VERSION is $VERSION, else `git describe --tags --always --dirty`. The build date is
# SOURCE_DATE_EPOCH when set, else the commit's time: the same commit gives the same binaries.
set -euo pipefail
cd "$(dirname "$0")/.."

targets="windows/amd64 linux/amd64 linux/arm64 darwin/arm64"
check=false
case "${1:-}" in
  --check) check=true ;;
  "") ;;
  *) echo "usage: scripts/release.sh [--check]" >&2; exit 2 ;;
esac

version=${VERSION:-$(git describe --tags --always --dirty 2>/dev/null || echo unknown)}
commit=$(git rev-parse HEAD 2>/dev/null || true)
if [ -n "${SOURCE_DATE_EPOCH:-}" ]; then
  date=$(date -u -d "@$SOURCE_DATE_EPOCH" +%Y-%m-%dT%H:%M:%SZ 2>/dev/null || date -u -r "$SOURCE_DATE_EPOCH" +%Y-%m-%dT%H:%M:%SZ)
else
  date=$(TZ=UTC git log -1 --format=%cd --date=format-local:%Y-%m-%dT%H:%M:%SZ 2>/dev/null || true)
fi
ldflags="-s -w -X budgetxl/cli.version=$version -X budgetxl/cli.commit=$commit -X budgetxl/cli.date=$date"

out=dist
if $check; then
  out=$(mktemp -d)
  trap 'rm -rf "$out"' EXIT
else
  rm -rf dist
  mkdir -p dist
fi
for target in $targets; do
  os=${target%/*} arch=${target#*/}
  name=budgetxl-$version-$os-$arch
  [ "$os" = windows ] && name=$name.exe
  echo "building $name"
  CGO_ENABLED=0 GOOS=$os GOARCH=$arch go build -trimpath -ldflags "$ldflags" -o "$out/$name" .
done
if ! $check; then
  if command -v sha256sum >/dev/null 2>&1; then
    (cd dist && sha256sum budgetxl-* > SHA256SUMS)
  else
    (cd dist && shasum -a 256 budgetxl-* > SHA256SUMS)
  fi
  cat dist/SHA256SUMS
fi
