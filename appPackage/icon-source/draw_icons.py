#!/usr/bin/env python3
"""Draws SoKet's Teams icons with the standard library only (zlib for PNG), so they can be redrawn anywhere.

color.png   192x192: a red square (the app's accent colour) with a white report sheet carrying a red
            star and text lines, and a yellow badge with a check mark (a report handed in).
outline.png 32x32: the same sheet, star and lines in white on transparent, as Teams requires.

Run from anywhere: python3 appPackage/icon-source/draw_icons.py   (writes ../color.png and ../outline.png)
Shapes are sampled 8x8 per pixel for smooth edges; the output is deterministic.
"""
import math
import os
import struct
import zlib

RED = (0xB3, 0x12, 0x1A)
YELLOW = (0xFF, 0xCD, 0x00)
WHITE = (0xFF, 0xFF, 0xFF)
LINE = (0xE2, 0xB4, 0xB7)
FOLD = (0xF0, 0xD8, 0xD9)
SAMPLES = 8


def rounded_rect(x0, y0, x1, y1, r):
    def inside(x, y):
        if not (x0 <= x <= x1 and y0 <= y <= y1):
            return False
        cx = min(max(x, x0 + r), x1 - r)
        cy = min(max(y, y0 + r), y1 - r)
        return (x - cx) ** 2 + (y - cy) ** 2 <= r * r
    return inside


def polygon(points):
    def inside(x, y):
        result = False
        j = len(points) - 1
        for i, (xi, yi) in enumerate(points):
            xj, yj = points[j]
            if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
                result = not result
            j = i
        return result
    return inside


def star(cx, cy, outer, inner):
    points = []
    for k in range(10):
        radius = outer if k % 2 == 0 else inner
        angle = -math.pi / 2 + k * math.pi / 5
        points.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
    return polygon(points)


def circle(cx, cy, r):
    return lambda x, y: (x - cx) ** 2 + (y - cy) ** 2 <= r * r


def stroke(points, width):
    """A polyline of the given width with round joins."""
    half = width / 2

    def near_segment(x, y, a, b):
        (ax, ay), (bx, by) = a, b
        dx, dy = bx - ax, by - ay
        t = max(0.0, min(1.0, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)))
        px, py = ax + t * dx, ay + t * dy
        return (x - px) ** 2 + (y - py) ** 2 <= half * half

    return lambda x, y: any(near_segment(x, y, points[i], points[i + 1]) for i in range(len(points) - 1))


def sheet(x0, y0, x1, y1, fold):
    """A page with its top-right corner folded: the body, and the folded flap."""
    body = polygon([(x0, y0), (x1 - fold, y0), (x1, y0 + fold), (x1, y1), (x0, y1)])
    flap = polygon([(x1 - fold, y0), (x1 - fold, y0 + fold), (x1, y0 + fold)])
    return body, flap


def outline_sheet(x0, y0, x1, y1, fold, width):
    """The page's edge and its fold as strokes of the given width."""
    edge = stroke([(x0, y0), (x1 - fold, y0), (x1, y0 + fold), (x1, y1), (x0, y1), (x0, y0)], width)
    crease = stroke([(x1 - fold, y0), (x1 - fold, y0 + fold), (x1, y0 + fold)], width * 0.8)
    return lambda x, y: edge(x, y) or crease(x, y)


def render(size, layers, background=None):
    """layers: (shape, rgb) painted in order; returns RGBA rows."""
    rows = []
    for py in range(size):
        row = bytearray()
        for px in range(size):
            r, g, b, a = (*background, 1.0) if background else (0.0, 0.0, 0.0, 0.0)
            for shape, colour in layers:
                hits = sum(
                    shape(px + (sx + 0.5) / SAMPLES, py + (sy + 0.5) / SAMPLES)
                    for sy in range(SAMPLES) for sx in range(SAMPLES))
                if not hits:
                    continue
                coverage = hits / (SAMPLES * SAMPLES)
                out_a = coverage + a * (1 - coverage)
                r = (colour[0] * coverage + r * a * (1 - coverage)) / out_a
                g = (colour[1] * coverage + g * a * (1 - coverage)) / out_a
                b = (colour[2] * coverage + b * a * (1 - coverage)) / out_a
                a = out_a
            row += bytes((round(r), round(g), round(b), round(a * 255)))
        rows.append(bytes(row))
    return rows


def write_png(path, size, rows):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + row for row in rows)
    png = (b"\x89PNG\r\n\x1a\n"
           + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0))
           + chunk(b"IDAT", zlib.compress(raw, 9))
           + chunk(b"IEND", b""))
    with open(path, "wb") as f:
        f.write(png)


def colour_icon():
    body, flap = sheet(54, 36, 132, 146, 24)
    layers = [
        (body, WHITE),
        (flap, FOLD),
        (star(84, 70, 17, 7), RED),
        (rounded_rect(66, 98, 120, 104, 3), LINE),
        (rounded_rect(66, 112, 120, 118, 3), LINE),
        (rounded_rect(66, 126, 104, 132, 3), LINE),
        (circle(132, 136, 27), RED),          # a ring of the background around the badge
        (circle(132, 136, 23), YELLOW),
        (stroke([(121, 136), (129, 144), (144, 127)], 6), RED),
    ]
    return render(192, layers, background=RED)


def outline_icon():
    layers = [
        (outline_sheet(7, 3, 25, 29, 7, 2), WHITE),
        (star(13.5, 11, 4.6, 1.9), WHITE),
        (rounded_rect(10, 18, 22, 20, 1), WHITE),
        (rounded_rect(10, 23, 19, 25, 1), WHITE),
    ]
    return render(32, layers)


if __name__ == "__main__":
    here = os.path.dirname(os.path.abspath(__file__))
    write_png(os.path.join(here, "..", "color.png"), 192, colour_icon())
    write_png(os.path.join(here, "..", "outline.png"), 32, outline_icon())
