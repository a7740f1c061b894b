#!/usr/bin/env python3
"""Writes results.md for bench/evidence.sh from the files a run left in its output folder.

Per form (3d, 2d) and row -- the methods baseline, sauron, sauron-lambda0, l1, scratch and the ablations the run
listed in <form>/rows.tsv (name, options, what the row switches off; the definitions live in bench/rows.sh) -- it reads:
  <form>/<method>/sauron.json      parameters, FLOPs per voxel, widths, per-epoch history (seconds ...)
  <form>/<method>.train-s          wall seconds of the train command
  <form>/<method>-segment.log      'IN -> OUT (S s)' from bin/sauron segment
  <form>/<method>-eval.txt         bin/sauron evaluate's table (class 1 = brain)
  <form>/<method>.skipped          why a method has no result (then only this is read)
  <form>/scratch.plan              how many epochs the scratch row got, and from which times
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
    ('scratch', 'Sauron\'s final widths trained from scratch for Sauron\'s training time'),
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
        'epoch_seconds': sum(e['seconds'] for e in history),
        'widths': j['spec']['widths'],
    }, None


def fmt(value, pattern):
    return '-' if value is None else pattern % value


def rows_tsv(form_dir):
    """The rows the run listed: name -> (options, description), in the run's order."""
    listed = {}
    for line in (read(os.path.join(form_dir, 'rows.tsv')) or '').splitlines():
        fields = line.split('\t')
        if len(fields) == 3:
            listed[fields[0]] = (fields[1], fields[2])
    return listed


def collect(form_dir, names, l1_epochs):
    rows, notes = {}, []
    for name in names:
        try:
            r, why = row(form_dir, name, l1_epochs)
        except (OSError, ValueError, KeyError) as e:
            r, why = None, 'no result (%s)' % e
        if r is None:
            notes.append('- %s: skipped: %s' % (name, why))
        else:
            rows[name] = r
    return rows, notes


def cells(name, r, base, training=None):
    def share(key):
        return ' (%.0f %%)' % (100.0 * r[key] / base[key]) if base and name != 'baseline' else ''
    return '%s%s | %s%s | %.2f | %s | %s | %s | %s | %d | %s | %s' % (
        '{:,}'.format(r['parameters']), share('parameters'), '{:,.0f}'.format(r['flops']), share('flops'), r['size'],
        fmt(r['dice'], '%.4f'), fmt(r['hd95'], '%.2f'), fmt(r['segment'], '%.1f'), training or fmt(r['train'], '%.0f'),
        r['epochs'], fmt(r['first'], '%.1f'), fmt(r['last'], '%.1f'))


def widths(r, layers):
    return '/'.join(str(r['widths'][k]) for k in layers)


def option_pairs(options):
    """'--a 1 --b --c x' -> ['--a 1', '--b', '--c x']"""
    tokens, pairs, i = options.split(), [], 0
    while i < len(tokens):
        if tokens[i].startswith('--') and i + 1 < len(tokens) and not tokens[i + 1].startswith('--'):
            pairs.append(tokens[i] + ' ' + tokens[i + 1])
            i += 2
        else:
            pairs.append(tokens[i])
            i += 1
    return pairs


def table(form_dir, l1_epochs):
    methods = [m for m, _ in METHODS]
    rows, notes = collect(form_dir, methods, l1_epochs)
    base = rows.get('baseline')
    head = 'parameters | FLOPs/voxel | size MB | Dice | HD95 mm | segment s | training s | epochs | epoch 1 s | last epoch s | widths |'
    lines = ['| method | ' + head, '|---|---|---|---|---|---|---|---|---|---|---|---|']
    layers = next((list(r['widths']) for r in rows.values()), None)
    for method in methods:
        r = rows.get(method)
        if r is None:
            lines.append('| %s | skipped | | | | | | | | | | |' % method)
            continue
        if method == 'l1':
            training = '%s + %s fine-tune' % (fmt(base['train'], '%.0f') if base else '?', fmt(r['train'], '%.0f'))
            line = cells(method, r, base, training)
        else:
            line = cells(method, r, base)
        lines.append('| %s | %s | %s |' % (method, line, widths(r, layers)))
    if layers:
        lines.append('')
        lines.append('widths: filters per layer in the order ' + '/'.join(layers) + '.')
    plan = read(os.path.join(form_dir, 'scratch.plan'))
    if plan:
        lines.append('')
        spent = rows['scratch']['epoch_seconds'] if 'scratch' in rows else None
        lines.append('scratch: ' + plan.strip() + (
            '; its %d epochs took %.0f s.' % (rows['scratch']['epochs'], spent) if spent is not None else '.'))
    if notes:
        lines.append('')
        lines.extend(notes)

    # The ablations: Sauron's defaults with one element switched off, beside sauron itself.
    listed = rows_tsv(form_dir)
    ablations = [name for name in listed if name not in methods]
    if ablations:
        ab_rows, ab_notes = collect(form_dir, ablations, 0)
        lines += ['', 'Ablations: Sauron (the sauron row, repeated here) with ONE element switched off or changed; '
                  'shares are of the baseline\'s.', '',
                  '| ablation | switched off | options (changed from the sauron row\'s) | ' + head,
                  '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|']
        if 'sauron' in rows:
            lines.append('| sauron | nothing (the sauron row) | `%s` | %s | %s |' % (
                listed.get('sauron', ('', ''))[0], cells('sauron', rows['sauron'], base), widths(rows['sauron'], layers)))
        for name in ablations:
            options, what = listed[name]
            sauron_pairs = option_pairs(listed.get('sauron', ('', ''))[0])
            options = ' '.join(p for p in option_pairs(options) if p not in sauron_pairs)
            r = ab_rows.get(name)
            if r is None:
                lines.append('| %s | %s | `%s` | skipped | | | | | | | | | | |' % (name, what, options))
            else:
                lines.append('| %s | %s | `%s` | %s | %s |' % (name, what, options, cells(name, r, base),
                                                               widths(r, layers or list(r['widths']))))
        if ab_notes:
            lines.append('')
            lines.extend(ab_notes)
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
              '- scratch: a network of sauron\'s final widths (`--widths-from`), lambda 0, no pruning, trained from scratch '
              'on the same data and steps per epoch for as many epochs as fit in the seconds sauron\'s epochs took '
              '(planned from a 2-epoch probe; its training s leaves out the probe\'s).',
              '- Ablations: each is the sauron row\'s options with ONE element switched off or changed (options column; '
              'definitions in bench/rows.sh), same seed, data, epochs and steps.',
              '- One subject: trained on the left hemisphere of Colin27, scored on the right one (15 mm apart); these numbers '
              'say nothing about other subjects.', '']
    with open(os.path.join(out, 'results.md'), 'w') as f:
        f.write('\n'.join(parts))
    print('\n'.join(parts))


if __name__ == '__main__':
    main()
