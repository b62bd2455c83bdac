"""Draws docs/images/detection-recall-by-skin.svg from `likeness eval detection --json` output.

Usage: python3 tools/figures/detection_recall_by_skin.py detection.json docs/images/detection-recall-by-skin.svg
The JSON must hold the five detectors named below (the command in docs/DETECTION.md writes them).
"""
import json, sys
d = {r['Detector']: r for r in json.load(open(sys.argv[1]))}
dets = [('blazeface-anysize', 'pyramid 0.5 (default)', '#4c72b0'),
        ('blazeface-anysize:scales=0.5+0.75', 'pyramid 0.5+0.75', '#55a868'),
        ('blazeface:tiles=512+256', 'tiles 512+256 (old default)', '#dd8452'),
        ('blazeface', 'BlazeFace 256 only', '#8172b2'),
        ('ssd', 'SSD MobileNet v1', '#937860')]
groups = ['I', 'II', 'III', 'IV', 'V', 'VI', 'Not Sure']
W, H, left, right, top, bottom = 800, 380, 60, 780, 40, 300
def y(v): return bottom - v * (bottom - top)
out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" font-family="sans-serif" font-size="12">',
       f'<rect width="{W}" height="{H}" fill="white"/>',
       f'<text x="{W/2}" y="20" text-anchor="middle" font-size="14">WIDER dev, faces ≥ 40 px: recall at 0.5 false positives per image, by Fitzpatrick type (95% Wilson CI), 2026-11-30</text>']
for p in range(0, 101, 20):
    out.append(f'<line x1="{left}" x2="{right}" y1="{y(p/100):.1f}" y2="{y(p/100):.1f}" stroke="#ddd"/><text x="{left-6}" y="{y(p/100)+4:.1f}" text-anchor="end">{p}%</text>')
gw = (right - left) / len(groups)
bw = (gw - 12) / len(dets)
for gi, g in enumerate(groups):
    n = None
    for di, (name, label, colour) in enumerate(dets):
        grp = next(x for x in d[name]['Groups'] if x['Category'] == 'skin, ≥ 40 px' and x['Group'] == g)
        n = grp['Faces']; pt = grp['Points'][1]
        x = left + gi * gw + 6 + di * bw
        out.append(f'<rect x="{x:.1f}" y="{y(pt["Recall"]):.1f}" width="{bw-1:.1f}" height="{bottom-y(pt["Recall"]):.1f}" fill="{colour}"/>')
        out.append(f'<line x1="{x+bw/2:.1f}" x2="{x+bw/2:.1f}" y1="{y(pt["Lower"]):.1f}" y2="{y(pt["Upper"]):.1f}" stroke="black"/>')
    out.append(f'<text x="{left+gi*gw+gw/2:.1f}" y="{bottom+16}" text-anchor="middle">{g} (n={n})</text>')
for di, (name, label, colour) in enumerate(dets):
    x = left + (di % 3) * 240; yy = bottom + 40 + (di // 3) * 18
    out.append(f'<rect x="{x}" y="{yy-10}" width="12" height="12" fill="{colour}"/><text x="{x+18}" y="{yy}">{label}</text>')
out.append('</svg>')
open(sys.argv[2], 'w').write('\n'.join(out) + '\n')
