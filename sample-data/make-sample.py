#!/usr/bin/env python3
"""Make the small Colin27 brain-extraction sample committed in sample-data/.

Input: ch2.nii.gz (T1 head) and ch2bet.nii.gz (skull-stripped) from the Debian package
mricron-data, 181x217x181 uint8 at 1 mm on the MNI grid (voxel i -> x = i - 90 mm, RAS).

  1. Downsample to 3 mm: 3x3x3 block mean of ch2 (rounded to uint8), block majority
     (>= 14 of 27 voxels) of the brain mask ch2bet > 0. Blocks are placed so that one 3 mm
     voxel is centred on the MNI origin in every axis (start offsets x 2, y 1, z 1; the few
     leftover 1 mm edge slices are dropped).
  2. Crop to the head's bounding box (3 mm voxels with mean ch2 >= 40) plus 2 voxels, clamped.
  3. Split at the midline x = 0: the 3 mm column centred on x = 0 straddles both hemispheres
     and is dropped together with 2 more columns on each side (a 15 mm gap), so the
     left (x < 0) and right (x > 0) parts share no voxel and no neighbour.

Writes colin27-3mm-{image,mask}.nii.gz (full crop) and colin27-3mm-{left,right}-{image,mask}.nii.gz.
Needs python3, numpy and nibabel (Debian: python3-numpy python3-nibabel mricron-data).
bench/evidence-data.py imports the functions below to make the benchmark's data the same way.
"""
import argparse
import os

import nibabel as nib
import numpy as np

BLOCK = 3
HEAD_THRESHOLD = 40  # ch2 is 0..254, background ~0..30 after block averaging
CROP_MARGIN = 2
GAP_MM = 15.0  # no voxel of either hemisphere lies within 7.5 mm of the midline x = 0


def load_colin27(templates):
    """ch2 (float64), the brain mask ch2bet > 0 (bool) and their affine, 181x217x181 at 1 mm."""
    head_img = nib.load(os.path.join(templates, 'ch2.nii.gz'))
    bet_img = nib.load(os.path.join(templates, 'ch2bet.nii.gz'))
    assert head_img.shape == bet_img.shape == (181, 217, 181), head_img.shape
    assert np.allclose(head_img.affine, bet_img.affine)
    return np.asanyarray(head_img.dataobj).astype(np.float64), np.asanyarray(bet_img.dataobj) > 0, head_img.affine


def block_offset(affine, block):
    """1 mm voxels before the first block on each axis, so that a block centre lies on (or, for an even
    block, half a voxel beside) the MNI origin: (2, 1, 1) for 3 mm blocks of Colin27."""
    origin = np.linalg.solve(affine, [0, 0, 0, 1])[:3]
    return tuple(int(round(o - (block - 1) // 2)) % block for o in origin)


def blocks(volume, block, offset):
    """(X, Y, Z) 1 mm array -> (X/b, Y/b, Z/b, b^3) array of the 1 mm values in each b mm block."""
    sizes = [(n - o) // block for n, o in zip(volume.shape, offset)]
    v = volume[tuple(slice(o, o + s * block) for o, s in zip(offset, sizes))]
    v = v.reshape(sizes[0], block, sizes[1], block, sizes[2], block)
    return v.transpose(0, 2, 4, 1, 3, 5).reshape(*sizes, block ** 3)


def downsample(head, brain, affine, block):
    """Block mean of the image (rounded to uint8), block majority of the mask, and the new grid's affine.
    block 1 keeps the 1 mm grid."""
    offset = block_offset(affine, block)
    image = np.rint(blocks(head, block, offset).mean(axis=-1)).astype(np.uint8)
    mask = (blocks(brain, block, offset).sum(axis=-1) * 2 > block ** 3).astype(np.uint8)
    # Voxel j of the new grid is centred on 1 mm voxel offset + block j + (block - 1) / 2.
    down = np.diag([block, block, block, 1.0])
    down[:3, 3] = np.array(offset) + (block - 1) / 2
    return image, mask, affine @ down, offset


def crop_to_head(image, mask, affine, threshold=HEAD_THRESHOLD, margin=CROP_MARGIN):
    """Crop to the bounding box of the voxels >= threshold plus margin voxels (clamped)."""
    head_voxels = np.argwhere(image >= threshold)
    lo = np.maximum(head_voxels.min(axis=0) - margin, 0)
    hi = np.minimum(head_voxels.max(axis=0) + margin + 1, image.shape)
    crop = tuple(slice(a, b) for a, b in zip(lo, hi))
    return image[crop], mask[crop], affine @ translation(lo), lo, hi


def translation(voxels):
    shift = np.eye(4)
    shift[:3, 3] = voxels
    return shift


def hemispheres(affine, columns, gap_mm=GAP_MM):
    """x slices of the left (x < 0) and right (x > 0) hemisphere: every column that lies wholly outside
    the gap (-gap/2, gap/2) mm around the midline. Needs x along the first voxel axis, increasing."""
    assert affine[0, 0] > 0 and not affine[0, 1:3].any(), affine
    size = affine[0, 0]
    centres = affine[0, 0] * np.arange(columns) + affine[0, 3]
    tolerance = 1e-6
    left = np.flatnonzero(centres + size / 2 <= -gap_mm / 2 + tolerance)
    right = np.flatnonzero(centres - size / 2 >= gap_mm / 2 - tolerance)
    return slice(0, left[-1] + 1), slice(right[0], columns)


def save(array, affine, path):
    img = nib.Nifti1Image(array, affine)
    img.set_sform(affine, code=4)  # MNI space, like the source files
    img.set_qform(affine, code=4)
    img.header.set_xyzt_units('mm')
    nib.save(img, path)
    return array.shape, os.path.getsize(path)


def write_split(image, mask, affine, out, prefix, whole=True):
    """Writes <prefix>-{left,right}-{image,mask}.nii.gz (and the whole crop when asked); prints a line each."""
    left, right = hemispheres(affine, image.shape[0])
    outputs = []
    if whole:
        outputs += [(prefix + '-image.nii.gz', image, affine, slice(None)), (prefix + '-mask.nii.gz', mask, affine, slice(None))]
    for side, part in (('left', left), ('right', right)):
        aff = affine @ translation([part.start, 0, 0])
        outputs += [(prefix + '-%s-image.nii.gz' % side, image[part], aff, part), (prefix + '-%s-mask.nii.gz' % side, mask[part], aff, part)]
    for name, array, aff, part in outputs:
        shape, size = save(np.ascontiguousarray(array), aff, os.path.join(out, name))
        print('%-32s %-14s brain %5.1f %%  %7d bytes' % (name, 'x'.join(map(str, shape)), 100.0 * mask[part].mean(), size))
    return left, right


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--templates', default='/usr/share/mricron/templates')
    parser.add_argument('--out', default=here)
    args = parser.parse_args()

    head, brain, affine = load_colin27(args.templates)
    image, mask, affine, offset = downsample(head, brain, affine, BLOCK)
    grid = image.shape
    image, mask, affine, lo, hi = crop_to_head(image, mask, affine)
    left, right = hemispheres(affine, image.shape[0])
    print('%d mm grid %s (blocks from 1 mm voxel %s), crop %s..%s; left x index < %d, right >= %d (a %g mm gap at x = 0)'
          % (BLOCK, grid, offset, lo, hi, left.stop, right.start, GAP_MM))
    write_split(image, mask, affine, args.out, 'colin27-3mm')


if __name__ == '__main__':
    main()
