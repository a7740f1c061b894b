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
"""
import argparse
import os

import nibabel as nib
import numpy as np

BLOCK = 3
OFFSET = (2, 1, 1)  # 1 mm voxels before the first block: puts a block centre on MNI (0, 0, 0)
HEAD_THRESHOLD = 40  # ch2 is 0..254, background ~0..30 after block averaging
CROP_MARGIN = 2
MIDLINE_MARGIN = 2


def blocks(volume):
    """(X, Y, Z) 1 mm array -> (X/3, Y/3, Z/3, 27) array of the 1 mm values in each 3 mm block."""
    sizes = [(n - o) // BLOCK for n, o in zip(volume.shape, OFFSET)]
    v = volume[tuple(slice(o, o + s * BLOCK) for o, s in zip(OFFSET, sizes))]
    v = v.reshape(sizes[0], BLOCK, sizes[1], BLOCK, sizes[2], BLOCK)
    return v.transpose(0, 2, 4, 1, 3, 5).reshape(*sizes, BLOCK ** 3)


def save(array, affine, path):
    img = nib.Nifti1Image(array, affine)
    img.set_sform(affine, code=4)  # MNI space, like the source files
    img.set_qform(affine, code=4)
    img.header.set_xyzt_units('mm')
    nib.save(img, path)
    return array.shape, os.path.getsize(path)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--templates', default='/usr/share/mricron/templates')
    parser.add_argument('--out', default=here)
    args = parser.parse_args()

    head_img = nib.load(os.path.join(args.templates, 'ch2.nii.gz'))
    bet_img = nib.load(os.path.join(args.templates, 'ch2bet.nii.gz'))
    assert head_img.shape == bet_img.shape == (181, 217, 181), head_img.shape
    assert np.allclose(head_img.affine, bet_img.affine)
    head = np.asanyarray(head_img.dataobj).astype(np.float64)
    brain = np.asanyarray(bet_img.dataobj) > 0

    image = np.rint(blocks(head).mean(axis=-1)).astype(np.uint8)
    mask = (blocks(brain).sum(axis=-1) * 2 > BLOCK ** 3).astype(np.uint8)
    # Affine of the 3 mm grid: voxel j is centred on 1 mm voxel OFFSET + 3 j + 1.
    down = np.diag([BLOCK, BLOCK, BLOCK, 1.0])
    down[:3, 3] = np.array(OFFSET) + (BLOCK - 1) / 2
    affine = head_img.affine @ down

    head_voxels = np.argwhere(image >= HEAD_THRESHOLD)
    lo = np.maximum(head_voxels.min(axis=0) - CROP_MARGIN, 0)
    hi = np.minimum(head_voxels.max(axis=0) + CROP_MARGIN + 1, image.shape)
    crop = tuple(slice(a, b) for a, b in zip(lo, hi))
    image, mask = image[crop], mask[crop]
    shift = np.eye(4)
    shift[:3, 3] = lo
    affine = affine @ shift

    # The 3 mm column whose centre is x = 0 mm.
    midline = int(round(np.linalg.solve(affine, [0, 0, 0, 1])[0]))
    assert abs((affine @ [midline, 0, 0, 1])[0]) < 1e-6
    left = slice(0, midline - MIDLINE_MARGIN)
    right = slice(midline + MIDLINE_MARGIN + 1, image.shape[0])
    right_shift = np.eye(4)
    right_shift[0, 3] = right.start

    outputs = [
        ('colin27-3mm-image.nii.gz', image, affine),
        ('colin27-3mm-mask.nii.gz', mask, affine),
        ('colin27-3mm-left-image.nii.gz', image[left], affine),
        ('colin27-3mm-left-mask.nii.gz', mask[left], affine),
        ('colin27-3mm-right-image.nii.gz', image[right], affine @ right_shift),
        ('colin27-3mm-right-mask.nii.gz', mask[right], affine @ right_shift),
    ]
    print('3 mm grid %s, crop %s..%s, midline column %d (x = 0 mm); left x index < %d, right >= %d'
          % (blocks(head).shape[:3], lo, hi, midline, left.stop, right.start))
    for name, array, aff in outputs:
        shape, size = save(np.ascontiguousarray(array), aff, os.path.join(args.out, name))
        print('%-32s %-14s brain %5.1f %%  %7d bytes' % (name, 'x'.join(map(str, shape)),
              100.0 * mask[left if 'left' in name else right if 'right' in name else slice(None)].mean(), size))


if __name__ == '__main__':
    main()
