"""Page-load latency of the local sites (target: p50 under 20 ms).

Starts the local server in-process, configures a session per site, then fetches the
app's home page and the first same-site links it shows, N times each, over real HTTP.
Run: .venv/bin/python benchmarks/site_latency.py [--n 50]
"""

from __future__ import annotations

import argparse
import re
import statistics
import time

import httpx

from halo_cli.sites.registry import all_sites
from halo_cli.sites.server import start_server

#: pages measured beyond the home page and its links (a search runs the site's ranking)
EXTRA = {"omnizon": ["/omnizon/search?q=headphones"]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--n", type=int, default=50)
    ap.add_argument("--links", type=int, default=5, help="extra pages per site")
    args = ap.parse_args()
    sites = all_sites()
    server = start_server(sites)
    try:
        for site in sites:
            base = server.base_urls[site.id]
            with httpx.Client(base_url=base + "/", follow_redirects=True) as client:
                client.get(f"config?task_id=v2.{site.default_task()}").raise_for_status()
                home = client.get("")
                links = re.findall(rf'href="(/{site.id}/[^"#?]*[^"]*)"', home.text)
                pages = ["/" + site.id + "/", *dict.fromkeys(links)][: 1 + args.links]
                pages += EXTRA.get(site.id, [])
                times: list[float] = []
                for path in pages:
                    for _ in range(args.n):
                        t = time.perf_counter()
                        client.get(base.rsplit("/", 1)[0] + path).raise_for_status()
                        times.append((time.perf_counter() - t) * 1000)
                times.sort()
                p95 = times[int(len(times) * 0.95) - 1]
                print(f"{site.id:<8} {len(pages)} pages x {args.n}: p50 {statistics.median(times):5.1f} ms"
                      f"  p95 {p95:5.1f} ms  max {times[-1]:5.1f} ms  "
                      f"home {len(home.content) / 1024:.1f} KiB")
    finally:
        server.stop()


if __name__ == "__main__":
    main()
