"""Many downloads at once from one HTTP server, on Python threads and on asyncio.

usage: downloads.py BASE_URL [--counts 1,10,100] [--ways threads,asyncio,aiohttp] [--bytes 20000]

For each count c, c downloads of BASE_URL/py/1?bytes=B ... BASE_URL/py/c?bytes=B start together and the run ends
when every body has arrived (each one's size is checked). One untimed download per way comes first, so that
loading modules and opening the first connection are not counted. Ways:
  threads   one threading.Thread per download, each with its own http.client connection
  asyncio   one coroutine per download, on one event loop, through asyncio's own streams (no library)
  aiohttp   one coroutine per download through one aiohttp.ClientSession (only if aiohttp is importable)
One record per way and count: way, count, seconds, ok (how many bodies arrived whole). A way that can't run here
gives one record with skipped set to the reason.
"""

import argparse
import asyncio
import http.client
import importlib.util
import resource
import threading
import time
import urllib.parse

import jcn


def paths(count, size):
    return [f"/py/{k}?bytes={size}" for k in range(1, count + 1)]


def with_threads(host, port, targets, size):
    arrived = [0] * len(targets)

    def fetch(k):
        connection = http.client.HTTPConnection(host, port, timeout=120)
        try:
            connection.request("GET", targets[k])
            arrived[k] = len(connection.getresponse().read())
        finally:
            connection.close()

    threads = [threading.Thread(target=fetch, args=(k,)) for k in range(len(targets))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sum(1 for n in arrived if n == size)


async def fetch_with_streams(host, port, target):
    reader, writer = await asyncio.open_connection(host, port)
    try:
        writer.write(f"GET {target} HTTP/1.1\r\nHost: {host}:{port}\r\nConnection: close\r\n\r\n".encode("ascii"))
        await writer.drain()
        head = await reader.readuntil(b"\r\n\r\n")
        length = 0
        for line in head.decode("latin-1").split("\r\n")[1:]:
            name, _, value = line.partition(":")
            if name.strip().lower() == "content-length":
                length = int(value)
        return len(await reader.readexactly(length))
    finally:
        writer.close()


async def all_with_streams(host, port, targets):
    return await asyncio.gather(*(fetch_with_streams(host, port, t) for t in targets))


async def all_with_aiohttp(base, targets):
    import aiohttp

    connector = aiohttp.TCPConnector(limit=0)  # the default would let only 100 connections be open at once
    async with aiohttp.ClientSession(connector=connector) as session:
        async def fetch(target):
            async with session.get(base + target) as response:
                return len(await response.read())

        return await asyncio.gather(*(fetch(t) for t in targets))


def run(way, base, host, port, targets, size):
    if way == "threads":
        return with_threads(host, port, targets, size)
    if way == "asyncio":
        return sum(1 for n in asyncio.run(all_with_streams(host, port, targets)) if n == size)
    if way == "aiohttp":
        return sum(1 for n in asyncio.run(all_with_aiohttp(base, targets)) if n == size)
    raise SystemExit(f"unknown way {way!r}; see the usage at the top of downloads.py")


def main():
    parser = argparse.ArgumentParser(description="Many downloads at once on Python threads and on asyncio.")
    parser.add_argument("base")
    parser.add_argument("--counts", default="1,10,100")
    parser.add_argument("--ways", default="threads,asyncio,aiohttp")
    parser.add_argument("--bytes", type=int, default=20_000)
    args = parser.parse_args()
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))  # one socket per download
    address = urllib.parse.urlsplit(args.base)
    base = args.base.rstrip("/")
    for way in args.ways.split(","):
        if way == "aiohttp" and importlib.util.find_spec("aiohttp") is None:
            print("aiohttp: skipped, it is not installed for this Python")
            jcn.report(way=way, count=0, seconds=None, ok=0, skipped="aiohttp is not installed")
            continue
        run(way, base, address.hostname, address.port, paths(1, args.bytes), args.bytes)  # warm-up, not timed
        for count in jcn.parse_ints(args.counts):
            targets = paths(count, args.bytes)
            started = time.perf_counter()
            ok = run(way, base, address.hostname, address.port, targets, args.bytes)
            seconds = time.perf_counter() - started
            print(f"{way}, {count} downloads: {seconds:.3f} s, {ok} complete")
            jcn.report(way=way, count=count, seconds=seconds, ok=ok, skipped=None)


if __name__ == "__main__":
    main()
