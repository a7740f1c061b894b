#!/usr/bin/env python3
"""Writes results.md for bench/evidence.sh from the files a run left in its output folder.

Per form (3d, 2d) and method (baseline, sauron, sauron-lambda0, l1) it reads:
  <form>/<method>/sauron.json      parameters, FLOPs per voxel, widths, per-epoch history (seconds ...)
  <form>/<method>.train-s          wall seconds of the train command
  <form>/<method>-segment.log      'IN -> OUT (S s)' from bin/sauron segment
  <form>/<method>-eval.txt         bin/sauron evaluate's table (class 1 = brain)
  <form>/<method>.skipped          why a method has no result (then only this is read)
  <form>/settings.txt, run.txt     what ran, on which machine, how long
Only the standard library; the numbers come from sauron.json, not from the training logs.
"""
import json
import os
import re
import sys

METHODS = [
    ('baseline', 'nnU-Net baseline (`--lambda 0 --no-prune`)'),
    ('sauron', 'Sauron (lambda 0.5)'),
    ('sauron-lambda0', 'Sauron (lambda 0): pruning, no regulariser'),
    ('l1', 'L1-norm pruning of the baseline to Sauron\'s widths, fine-tuned'),
]
FIGURES = [
    ('sauron-filters.png', 'Sauron (lambda 0.5): filters per layer over the epochs'),
    ('sauron-lambda0-filters.png', 'Sauron (lambda 0): filters per layer over the epochs'),
    ('sauron-dec0_1.png', 'Sauron (lambda 0.5): the feature maps left in the last decoder layer dec0_1, '
                          'on the middle axial slice of the held-out hemisphere, beside the image and the ground truth'),
]


def read(path, default=None):
    try:
        with open(path) as f:
            return f.read()
    except FileNotFoundError:
        return default


def size_mb(folder):
    total = 0
    for dirpath, _, files in os.walk(folder):
        total += sum(os.path.getsize(os.path.join(dirpath, name)) for name in files)
    return total / 1e6


def dice_hd95(text):
    for line in (text or '').splitlines():
        fields = line.split()
        if len(fields) >= 3 and fields[0] == '1':
            return float(fields[1]), float(fields[2])
    return None, None


def segment_seconds(text):
    found = re.findall(r'\(([0-9.]+) s\)', text or '')
    return float(found[-1]) if found else None


def row(form_dir, method, l1_epochs):
    """The table's cells for one method, or None with the reason it was skipped."""
    skipped = read(os.path.join(form_dir, method + '.skipped'))
    if skipped is not None:
        return None, skipped.strip()
    model = os.path.join(form_dir, method)
    with open(os.path.join(model, 'sauron.json')) as f:
        j = json.load(f)
    history = j['metadata']['history']
    if method == 'l1' and l1_epochs:
        history = history[-l1_epochs:]  # the fine-tune's epochs, whether or not the baseline's history was kept
    dice, hd95 = dice_hd95(read(os.path.join(form_dir, method + '-eval.txt')))
    train = float(read(os.path.join(form_dir, method + '.train-s'), 'nan'))
    return {
        'parameters': j['parameters'],
        'flops': j['flopsPerVoxel'],
        'size': size_mb(model),
        'dice': dice,
        'hd95': hd95,
        'segment': segment_seconds(read(os.path.join(form_dir, method + '-segment.log'))),
        'train': train,
        'first': history[0]['seconds'] if history else None,
        'last': history[-1]['seconds'] if history else None,
        'epochs': len(history),
        'widths': j['spec']['widths'],
    }, None


def fmt(value, pattern):
    return '-' if value is None else pattern % value


def table(form_dir, l1_epochs):
    rows, notes = {}, []
    for method, _ in METHODS:
        try:
            r, why = row(form_dir, method, l1_epochs)
        except (OSError, ValueError, KeyError) as e:
            r, why = None, 'no result (%s)' % e
        if r is None:
            notes.append('- %s: skipped: %s' % (method, why))
        else:
            rows[method] = r
    base = rows.get('baseline')
    lines = ['| method | parameters | FLOPs/voxel | size MB | Dice | HD95 mm | segment s | training s | epochs | epoch 1 s | last epoch s | widths |',
             '|---|---|---|---|---|---|---|---|---|---|---|---|']
    layers = None
    for method, _ in METHODS:
        r = rows.get(method)
        if r is None:
            lines.append('| %s | skipped | | | | | | | | | | |' % method)
            continue
        layers = layers or list(r['widths'])

        def share(key):
            return ' (%.0f %%)' % (100.0 * r[key] / base[key]) if base and method != 'baseline' else ''
        training = fmt(r['train'], '%.0f')
        if method == 'l1':
            training = '%s + %s fine-tune' % (fmt(base['train'], '%.0f') if base else '?', training)
        lines.append('| %s | %s%s | %s%s | %.2f | %s | %s | %s | %s | %d | %s | %s | %s |' % (
            method, '{:,}'.format(r['parameters']), share('parameters'), '{:,.0f}'.format(r['flops']), share('flops'), r['size'],
            fmt(r['dice'], '%.4f'), fmt(r['hd95'], '%.2f'), fmt(r['segment'], '%.1f'), training, r['epochs'],
            fmt(r['first'], '%.1f'), fmt(r['last'], '%.1f'), '/'.join(str(r['widths'][k]) for k in layers)))
    if layers:
        lines.append('')
        lines.append('widths: filters per layer in the order ' + '/'.join(layers) + '.')
    if notes:
        lines.append('')
        lines.extend(notes)
    return '\n'.join(lines)


def main():
    out = sys.argv[1]
    forms = sys.argv[2].split()
    parts = ['# Sauron vs baselines on Colin27 brain extraction', '', read(os.path.join(out, 'run.txt'), '').strip(), '']
    for form in forms:
        form_dir = os.path.join(out, form)
        settings = read(os.path.join(form_dir, 'settings.txt'), '').strip()
        m = re.search(r'l1 fine-tune epochs: (\d+)', settings)
        parts += ['## %s' % ('3D' if form == '3d' else '2D'), '', settings, '', table(form_dir, int(m.group(1)) if m else 0), '']
        figures = [(name, text) for name, text in FIGURES if os.path.exists(os.path.join(out, 'figures', form + '-' + name))]
        if figures:
            parts += ['Figures:', '']
            parts += ['- [%s](figures/%s-%s): %s' % (form + '-' + name, form, name, text) for name, text in figures]
            parts.append('')
    parts += ['## Columns', '',
              '- parameters, FLOPs/voxel (convolution FLOPs of one forward pass per voxel of a training patch), size MB '
              '(the model folder on disk): from the saved model; in brackets, the share of the baseline\'s.',
              '- Dice, HD95 mm: the brain (class 1) of the held-out right hemisphere against ch2bet > 0 (`bin/sauron evaluate`).',
              '- segment s: what `bin/sauron segment` reports for the whole held-out volume on the CPU (read, sliding window '
              'with half-tile overlap, write; JVM start not included).',
              '- training s: wall seconds of `bin/sauron train` (JVM start included); for l1 the baseline\'s training plus '
              'the fine-tune. epochs, epoch 1 s, last epoch s: from the model\'s history (for l1, the fine-tune\'s epochs).',
              '- One subject: trained on the left hemisphere of Colin27, scored on the right one (15 mm apart); these numbers '
              'say nothing about other subjects.', '']
    with open(os.path.join(out, 'results.md'), 'w') as f:
        f.write('\n'.join(parts))
    print('\n'.join(parts))


if __name__ == '__main__':
    main()
