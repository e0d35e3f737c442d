"""Draws the sample site's Urdu article's lead picture: the harbour at dusk, a quay with
moored boats, as a 1600x900 PNG. Standard library only (zlib and struct write the PNG),
so the picture in static/images/ can be made again exactly:

    python3 tools/harbour-picture/draw.py static/images/harbour-dusk.png
"""

import math
import struct
import sys
import zlib

WIDTH, HEIGHT = 1600, 900
HORIZON = 520


def mix(a, b, t):
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b))


def sky(x, y):
    t = y / HORIZON
    colour = mix((38, 52, 104), (241, 158, 96), t ** 1.4)
    # The sun low over the water, with a soft glow.
    d = math.hypot(x - 1120, y - 455)
    if d < 62:
        return (252, 214, 140)
    if d < 260:
        return mix((250, 196, 120), colour, (d - 62) / 198)
    return colour


def sea(x, y):
    t = (y - HORIZON) / (HEIGHT - HORIZON)
    colour = mix((92, 84, 118), (24, 40, 70), t)
    # The sun's path on the water: broken bright bands that widen towards the shore.
    band = math.sin(y * 0.9 + math.sin(x * 0.05) * 2.0)
    half = 40 + t * 160
    if abs(x - 1120) < half and band > 0.35:
        return mix(colour, (246, 190, 120), 0.75 * (1 - abs(x - 1120) / half))
    return colour


def quay(x, y):
    """The stone quay across the lower left, its top edge and its shadow."""
    edge = 700 - x * 0.12
    if y > edge and x < 900:
        return (54, 50, 58) if y < edge + 14 else (70, 64, 70)
    return None


BOATS = [
    # (centre x, waterline y, half length, hull height, mast height)
    (980, 640, 110, 34, 190),
    (1340, 600, 80, 26, 140),
    (640, 585, 60, 20, 0),
]


def boat(x, y):
    for cx, wy, half, hull, mast in BOATS:
        top = wy - hull
        if top <= y <= wy:
            inset = (y - top) / hull * half * 0.35
            if cx - half + inset <= x <= cx + half - inset:
                return (30, 28, 36) if y > top + 5 else (196, 74, 60)
        if mast and cx - 3 <= x <= cx + 3 and top - mast <= y < top:
            return (30, 28, 36)
        if mast:
            # A furled sail: a thin triangle beside the mast.
            sy = (y - (top - mast)) / mast
            if 0 <= sy <= 1 and cx + 3 < x < cx + 3 + sy * half * 0.55 and y < top - 10:
                return (232, 222, 204)
    return None


def pixel(x, y):
    for layer in (boat, quay):
        colour = layer(x, y)
        if colour:
            return colour
    return sky(x, y) if y < HORIZON else sea(x, y)


def png(rows):
    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    raw = b"".join(b"\x00" + bytes(v for px in row for v in px) for row in rows)
    header = struct.pack(">IIBBBBB", WIDTH, HEIGHT, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def main():
    rows = [[pixel(x, y) for x in range(WIDTH)] for y in range(HEIGHT)]
    with open(sys.argv[1], "wb") as out:
        out.write(png(rows))


if __name__ == "__main__":
    main()
