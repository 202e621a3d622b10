"""A small HTTP load client, run as its own process: ``python -m intake.bench.load < spec.json``.

Standard library only (no Django), so it measures the server and not itself. The spec:
``{"host": "127.0.0.1", "port": 8123, "requests": 2000, "concurrency": 16, "rounds": 4,
"warmup": 32, "targets": [{"name", "method", "path", "headers": {}, "body": "", "expect": [200]}]}``.
Each target gets a bounded number of requests from ``concurrency`` threads, one connection per
request, split into rounds that take turns with the other targets; the answer (stdout, JSON)
gives requests/s (overall and per round), p50/p95 latency and the status codes seen.
"""

from __future__ import annotations

import http.client
import json
import sys
import threading
import time
from collections import Counter
from typing import Any

TIMEOUT_S = 30.0


def _percentile(ordered: list[float], q: float) -> float:
    rank = max(1, -(-len(ordered) * q // 100))  # ceil without math
    return ordered[int(rank) - 1]


def _one(host: str, port: int, target: dict[str, Any]) -> tuple[int, float]:
    body = target.get("body") or None
    start = time.perf_counter()
    conn = http.client.HTTPConnection(host, port, timeout=TIMEOUT_S)
    try:
        conn.request(
            target.get("method", "GET"),
            target["path"],
            body=body.encode() if body else None,
            headers=target.get("headers") or {},
        )
        response = conn.getresponse()
        response.read()
        status = response.status
    except OSError:
        status = 0
    finally:
        conn.close()
    return status, time.perf_counter() - start


def run_target(
    host: str,
    port: int,
    target: dict[str, Any],
    *,
    requests: int,
    concurrency: int,
    warmup: int,
    keep_latencies: bool = False,
) -> dict[str, Any]:
    """Send ``requests`` requests at ``concurrency`` in flight; summarise."""
    for _ in range(warmup):
        _one(host, port, target)
    lock = threading.Lock()
    remaining = [requests]
    latencies: list[float] = []
    statuses: Counter[int] = Counter()

    def worker() -> None:
        while True:
            with lock:
                if remaining[0] <= 0:
                    return
                remaining[0] -= 1
            status, elapsed = _one(host, port, target)
            with lock:
                latencies.append(elapsed)
                statuses[status] += 1

    threads = [threading.Thread(target=worker) for _ in range(max(1, concurrency))]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - start
    latencies.sort()
    expect = set(target.get("expect") or [200])
    errors = sum(count for status, count in statuses.items() if status not in expect)
    result = {
        "name": target["name"],
        "method": target.get("method", "GET"),
        "requests": len(latencies),
        "concurrency": concurrency,
        "seconds": round(wall, 3),
        "rps": round(len(latencies) / wall, 1) if wall else 0.0,
        "p50_ms": round(_percentile(latencies, 50) * 1000, 2),
        "p95_ms": round(_percentile(latencies, 95) * 1000, 2),
        "statuses": {str(status): count for status, count in sorted(statuses.items())},
        "errors": errors,
    }
    if keep_latencies:
        result["_latencies"] = [seconds * 1000 for seconds in latencies]
    return result


def _merge(parts: list[dict[str, Any]]) -> dict[str, Any]:
    """One target's rounds as one result: totals, pooled percentiles, and each round's rate."""
    latencies = sorted(ms for part in parts for ms in part.pop("_latencies"))
    statuses: Counter[str] = Counter()
    for part in parts:
        statuses.update(part["statuses"])
    seconds = sum(part["seconds"] for part in parts)
    return {
        **parts[0],
        "requests": len(latencies),
        "seconds": round(seconds, 3),
        "rps": round(len(latencies) / seconds, 1) if seconds else 0.0,
        "p50_ms": round(_percentile(latencies, 50), 2),
        "p95_ms": round(_percentile(latencies, 95), 2),
        "statuses": dict(sorted(statuses.items())),
        "errors": sum(part["errors"] for part in parts),
        "round_rps": [part["rps"] for part in parts],
    }


def run(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """Every target, in ``rounds`` interleaved rounds (so a slow moment of the machine hits all
    targets alike, and ratios can be taken round by round)."""
    requests = int(spec.get("requests", 2000))
    concurrency = int(spec.get("concurrency", 16))
    warmup = int(spec.get("warmup", 2 * concurrency))
    rounds = max(1, int(spec.get("rounds", 4)))
    targets = spec["targets"]
    for target in targets:
        for _ in range(warmup):
            _one(spec["host"], int(spec["port"]), target)
    parts: dict[str, list[dict[str, Any]]] = {target["name"]: [] for target in targets}
    for n in range(rounds):
        for target in targets:
            total = int(target.get("requests", requests))
            share = total // rounds + (n < total % rounds)
            if share:
                parts[target["name"]].append(
                    run_target(
                        spec["host"],
                        int(spec["port"]),
                        target,
                        requests=share,
                        concurrency=concurrency,
                        warmup=0,
                        keep_latencies=True,
                    )
                )
    return [_merge(parts[target["name"]]) for target in targets if parts[target["name"]]]


def main() -> int:
    spec = json.load(sys.stdin)
    json.dump(run(spec), sys.stdout)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
