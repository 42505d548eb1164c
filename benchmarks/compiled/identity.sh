#!/bin/sh
# Identity check of the compiled-build experiment: the eval error lists of corpus/dev, corpus/test and
# real-gold/dev and `cli.py extract` (JSON) of the fixed 300-article sample, written under OUT_DIR.
# Usage: sh benchmarks/compiled/identity.sh INPUTS_DIR OUT_DIR   (run from the repository root)
set -e
IN=$1; OUT=$2; mkdir -p "$OUT"
for set in corpus/dev corpus/test real-gold/dev; do
    name=$(echo "$set" | tr / -)
    python cli.py eval "$set" --errors 100000 > "$OUT/eval-$name.txt"
done
PYTHONHASHSEED=0 python cli.py extract "$IN/sample300.jsonl" --format json > "$OUT/extract-sample300.json"
PYTHONHASHSEED=0 python cli.py extract "$IN/sample300.jsonl" --explain --format jsonl > "$OUT/explain-sample300.jsonl"
